using BootTests.Suites;

namespace BootTests.Cli.Commands;

/// <summary>What `suite run` and `suite merge` print and write at the end: the table, expired known failures loudly, the files.</summary>
public static class SuiteOutputs
{
    /// <summary>Checks --markdown before anything runs; a file inside the results folder is fine, since that folder is made.</summary>
    public static void CheckMarkdown(string? markdown, string folder)
    {
        if (markdown is not null && Path.GetDirectoryName(Path.GetFullPath(markdown)) != folder) OutputFile.Check(Stage.Output, "--markdown", markdown);
    }

    /// <summary>Writes suite.json, junit.xml and report.html into <paramref name="folder"/>, prints the table; returns the report's exit code.</summary>
    public static int Finish(SuiteReport report, string folder, string? markdown)
    {
        SuiteRunner.Write(report, folder);
        SuiteHtml.Write(report, Path.Combine(folder, SuiteHtml.FileName));
        if (markdown is not null) File.WriteAllText(markdown, SuiteSummary.Markdown(report));
        Console.WriteLine();
        foreach (var line in SuiteSummary.Lines(report)) Console.WriteLine(line);
        foreach (var target in report.Targets)
        {
            foreach (var expired in target.Failures.Where(f => f.Expired))
                Console.Error.WriteLine($"boottest: suite: {target.Target.Name} {expired.Check}: {expired.Message}");
            foreach (var note in target.Notes)
                Console.Error.WriteLine($"note: {target.Target.Name}: {note}");
        }
        Console.WriteLine($"results: {folder} ({SuiteReportFile.FileName}, {SuiteJUnit.FileName}, {SuiteHtml.FileName}, runs/)");
        return report.ExitCode;
    }
}
