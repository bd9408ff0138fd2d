using System.Text.RegularExpressions;

namespace BootTests.Tests.TestKit;

/// <summary>
/// Base of the fault suite: each case gets a scratch folder and asserts the five promises of a red result: the exit
/// code, the stage named, the evidence (console line and console log path), fault-to-report within the deadline, and
/// nothing left behind. Scratch folders of failed cases are kept for a look.
/// </summary>
[Category(Categories.Fault)]
[NonParallelizable]
public abstract class FaultCase
{
    /// <summary>The longest a fault may take to be reported under TCG, from its appearance to the harness's exit.</summary>
    public const double DeadlineSeconds = 30;

    internal FaultScratch Scratch { get; private set; } = null!;

    [SetUp]
    public void CreateScratch() => Scratch = FaultScratch.Create();

    [TearDown]
    public void DeleteScratch()
    {
        if (TestContext.CurrentContext.Result.Outcome.Status == global::NUnit.Framework.Interfaces.TestStatus.Failed)
            TestContext.Out.WriteLine($"kept for a look: {Scratch.Root}");
        else
            Scratch.Dispose();
    }

    /// <summary>Asserts the five promises for a boot the harness ran and reported as failed.</summary>
    internal async Task ShouldBeReportedAsync(FaultRun run, int exitCode, string[] stages, string consoleEvidence, string? outputEvidence = null)
    {
        run.ExitCode.Should().Be(exitCode, run.Output);
        run.FailureStage.Should().BeOneOf(stages, run.Output);
        run.StandardError.Should().Contain($"stage '{run.FailureStage}'", "the terminal names the stage");
        run.RunDirectory.Should().NotBeNull(run.Output);
        File.Exists(run.ConsoleLogPath).Should().BeTrue($"the console log {run.ConsoleLogPath} is kept as evidence");
        run.StandardError.Should().Contain(run.RunDirectory!, "the terminal names where the console log is");
        run.ConsoleLog.Should().Contain(consoleEvidence, "the console log holds the line that showed the fault");
        run.Output.Should().Contain(outputEvidence ?? consoleEvidence, "the terminal shows what went wrong, not just that it did");
        RecordTime(run);
        await Scratch.ShouldLeaveNothingBehindAsync(run);
    }

    /// <summary>Prints the fault-to-report time (collected for the notes) and holds it to the deadline.</summary>
    internal static void RecordTime(FaultRun run)
    {
        var seconds = run.FaultToReportSeconds;
        var line = $"fault-to-report [{TestContext.CurrentContext.Test.MethodName}]: {seconds:F1} s (fault at {run.FaultSeconds:F1} s, reported at {run.ReportSeconds:F1} s; exit {run.ExitCode}, stage {run.FailureStage ?? "-"})";
        TestContext.Out.WriteLine(line);
        seconds.Should().BeLessThanOrEqualTo(DeadlineSeconds, "a broken image must give a red result quickly");
    }

    internal static string Escaped(string text) => Regex.Escape(text);
}
