using System.CommandLine;
using BootTests.Session;

namespace BootTests.Cli.Commands;

/// <summary>`boottest run`: build (cached) → boot → SSH → checks → report. Exit 0 all pass, 1 a check failed, 2 the boot failed.</summary>
public static class RunCommand
{
    public static Command Create()
    {
        var image = new ImageBootOptions();
        var outputs = new ReportOptions();
        var command = new Command("run", "Build the image (cached), boot it, SSH in and check it is a RAM-root system");
        image.AddTo(command);
        outputs.AddTo(command);
        command.SetAction((parse, ct) => CliRunner.RunAsync(async () =>
        {
            outputs.Validate(parse);
            var builder = await image.SessionAsync(parse, CliRunner.Progress(), ct);
            if (outputs.RunsFolder(parse) is { } runs) builder = builder.WithRunsFolder(runs);
            return await RunSession.ExecuteAsync(await builder.BuildAsync(ct), outputs, parse, ct);
        }, ct));
        return command;
    }
}

/// <summary>Prints and writes what a run found (shared by run and verify); the run itself is the library's BootSession.RunAsync.</summary>
public static class RunSession
{
    public static async Task<int> ExecuteAsync(BootSession session, ReportOptions outputs, ParseResult parse, CancellationToken ct)
    {
        await using (session)
        {
            var outcome = await session.RunAsync(ct: ct);
            if (outcome.BootFailure is { } failed) Console.Error.WriteLine($"boottest: boot failed: {failed.Message}");
            var report = outcome.Report;
            var human = outputs.Human(parse);
            Terminal.PrintTimeline(report, human);
            Terminal.PrintChecks(report, human);
            outputs.Write(report, parse);
            human.WriteLine($"verdict: {report.Verdict} (accelerator {report.Accelerator}; run files: {session.RunDirectory})");
            return (int)outcome.ExitCode;
        }
    }
}
