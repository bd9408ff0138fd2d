using System.CommandLine;
using BootTests.Reports;

namespace BootTests.Cli.Commands;

/// <summary>--json, --junit and --artifacts, shared by the commands that produce a run report.</summary>
public sealed class ReportOptions
{
    private readonly Option<string?> json = new Option<string?>("--json") { Description = "Write the JSON report here" }.NotEmpty("a file to write the JSON report to");
    private readonly Option<string?> junit = new Option<string?>("--junit") { Description = "Write a JUnit XML report here (one testcase per check)" }.NotEmpty("a file to write the JUnit report to");
    private readonly Option<string?> artifacts = new Option<string?>("--artifacts") { Description = "Folder for the run files (console log, QEMU argv and stderr, QMP log)" }.NotEmpty("a folder for the run files");

    public void AddTo(Command command)
    {
        command.Options.Add(json);
        command.Options.Add(junit);
        command.Options.Add(artifacts);
    }

    public string? RunsFolder(ParseResult parse) => parse.GetValue(artifacts) is { } folder ? Path.GetFullPath(folder) : null;

    /// <summary>Refuses report paths that cannot be written before anything boots.</summary>
    public void Validate(ParseResult parse)
    {
        OutputFile.Check("report", "--json", parse.GetValue(json));
        OutputFile.Check("report", "--junit", parse.GetValue(junit));
        if (parse.GetValue(artifacts) is { } folder && File.Exists(folder))
            throw BootTestsException.Usage(Stage.Report, $"--artifacts '{folder}' is a file; name a folder.");
    }

    public void Write(RunReport report, ParseResult parse)
    {
        if (parse.GetValue(json) is { } jsonPath) JsonReportWriter.Write(report, jsonPath);
        if (parse.GetValue(junit) is { } junitPath) JUnitReportWriter.Write(report, junitPath);
    }
}
