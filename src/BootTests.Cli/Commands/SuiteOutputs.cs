using BootTests.Suites;

namespace BootTests.Cli.Commands;

/// <summary>What `suite run` and `suite merge` print and write at the end: the table, expired known failures loudly, the files.</summary>
public static class SuiteOutputs
{
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
