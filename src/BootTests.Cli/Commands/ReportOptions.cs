using System.CommandLine;
using BootTests.Reports;

namespace BootTests.Cli.Commands;

/// <summary>--json, --junit and --artifacts, shared by the commands that produce a run report.</summary>
public sealed class ReportOptions
{
    private readonly Option<string?> json = new Option<string?>("--json") { Description = "Write the JSON report here; - writes it to stdout (and the tables to stderr)" }.NotEmpty("a file to write the JSON report to");
    private readonly Option<string?> junit = new Option<string?>("--junit") { Description = "Write a JUnit XML report here (a testsuite named recipe/layout/boot-via: the boot and each check, timed; - for stdout)" }.NotEmpty("a file to write the JUnit report to");
    private readonly Option<string?> artifacts = new Option<string?>("--artifacts") { Description = "Folder for the run files (console log, QEMU argv and stderr, QMP log)" }.NotEmpty("a folder for the run files");

    public void AddTo(Command command)
    {
        command.Options.Add(json);
        command.Options.Add(junit);
        command.Options.Add(artifacts);
    }

    /// <summary>Where the tables and the verdict go: stderr when a report is written to stdout, so stdout stays one document.</summary>
    public TextWriter Human(ParseResult parse) => parse.GetValue(json) == StandardOutput || parse.GetValue(junit) == StandardOutput ? Console.Error : Console.Out;

    public const string StandardOutput = "-";

    public string? RunsFolder(ParseResult parse) => parse.GetValue(artifacts) is { } folder ? Path.GetFullPath(folder) : null;

    /// <summary>Refuses report paths that cannot be written before anything boots.</summary>
    public void Validate(ParseResult parse)
    {
        if (parse.GetValue(json) == StandardOutput && parse.GetValue(junit) == StandardOutput)
            throw BootTestsException.Usage(Stage.Report, "--json - and --junit - both ask for stdout; write one of them to a file.");
        if (parse.GetValue(json) != StandardOutput) OutputFile.Check("report", "--json", parse.GetValue(json));
        if (parse.GetValue(junit) != StandardOutput) OutputFile.Check("report", "--junit", parse.GetValue(junit));
        if (parse.GetValue(artifacts) is { } folder && File.Exists(folder))
            throw BootTestsException.Usage(Stage.Report, $"--artifacts '{folder}' is a file; name a folder.");
    }

    public void Write(RunReport report, ParseResult parse)
    {
        if (parse.GetValue(json) is { } jsonPath)
        {
            if (jsonPath == StandardOutput) Console.Out.WriteLine(JsonReportWriter.ToJson(report));
            else JsonReportWriter.Write(report, jsonPath);
        }
        if (parse.GetValue(junit) is { } junitPath)
        {
            if (junitPath != StandardOutput)
            {
                JUnitReportWriter.Write(report, junitPath);
                return;
            }
            using var stdout = Console.OpenStandardOutput();
            JUnitReportWriter.WriteTo(report, stdout);
            stdout.Write("\n"u8);
        }
    }
}
