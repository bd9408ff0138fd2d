using System.Diagnostics;
using BootTests.BootMedia;
using BootTests.Checks;
using BootTests.Images;
using BootTests.Reports;
using BootTests.Reports.Measurements;
using BootTests.Session;

namespace BootTests.Suites;

/// <summary>
/// Runs one shard of a suite: each of its targets in a session of its own (image from the shared cache, a run folder
/// of its own), known failures applied, suite.json and junit.xml rewritten after every target so a killed job keeps
/// what it finished.
/// </summary>
public static class SuiteRunner
{
    public static async Task<SuiteReport> RunAsync(Suite suite, SuiteRunOptions options, CancellationToken ct = default)
    {
        var plan = SuitePlan.Create(suite.Name, options.Selection.Apply(suite), options.Shard.Count, options.Timings);
        var mine = plan.In(options.Shard.Index);
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        options.Progress?.Report($"suite {suite.Name}: shard {options.Shard} runs {mine.Count} of {plan.Targets.Count} targets "
            + $"(expected {plan.ExpectedSeconds(options.Shard.Index):F0} s; plan {plan.Digest})");
        Directory.CreateDirectory(options.OutFolder);
        var results = new List<TargetResult>();
        HostClass? host = null;
        SuiteReport Report() => new(SuiteReport.CurrentFormat, suite.Name, plan.Digest, plan.ShardCount,
            plan.Targets.Select(t => new PlanEntry(t.Target.Name, t.Shard, t.ExpectedSeconds)).ToList(),
            [new ShardRun(options.Shard.Index, host ?? HostClass.Read("none", "unknown"), options.Label, started, Math.Round(clock.Elapsed.TotalSeconds, 1), options.Selection.Describe())],
            [], results.ToList());
        for (var i = 0; i < mine.Count; i++)
        {
            options.Progress?.Report($"target {i + 1}/{mine.Count}: {mine[i].Name} ({mine[i].Describe()})");
            var result = await RunTargetAsync(suite, mine[i], options, ct);
            results.Add(result);
            host ??= result.Run is { Accelerator: not "none" } run ? HostClass.Read(run.Accelerator, run.QemuVersion) : null;
            options.Progress?.Report($"target {mine[i].Name}: {result.Outcome} in {result.Seconds:F1} s");
            Write(Report(), options.OutFolder);
        }
        var report = Report();
        Write(report, options.OutFolder);
        return report;
    }

    public static void Write(SuiteReport report, string folder)
    {
        SuiteReportFile.Write(report, Path.Combine(folder, SuiteReportFile.FileName));
        SuiteJUnit.Write(report, Path.Combine(folder, SuiteJUnit.FileName));
    }

    private static async Task<TargetResult> RunTargetAsync(Suite suite, SuiteTarget target, SuiteRunOptions options, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        RunReport? run = null;
        string? error = null;
        string? folder = null;
        try
        {
            var recipe = RecipeLoader.Load(SuiteRecipes.Resolve(suite.Folder, target.Recipe));
            var builder = new BootSessionBuilder().WithRecipe(recipe).WithLayout(ImageLayouts.Parse(target.Layout))
                .WithAccelerator(options.Accelerator).WithBootVia(BootViaNames.TryParse(target.BootVia)!.Value).WithAppend(target.Append)
                .WithRunsFolder(Path.Combine(options.OutFolder, "runs", target.Name));
            if (options.Progress is { } progress) builder = builder.WithProgress(new Prefixed(progress, target.Name));
            if (options.Cache is { } cache) builder = builder.WithCache(cache);
            if (target.Memory != SuiteTarget.RecipeMemory) builder = builder.WithMemory(SuiteValidator.MemoryMiB(target.Memory)!.Value);
            await using var session = await builder.BuildAsync(ct);
            folder = Path.GetRelativePath(options.OutFolder, session.RunDirectory);
            IReadOnlyList<CheckResult> checks = [];
            try
            {
                await session.StartAsync(ct);
                checks = await session.RunChecksAsync(ct);
            }
            catch (BootFailedException)
            {
                // The report holds the failure: its stage, reason and console tail.
            }
            run = session.CreateReport(checks);
        }
        catch (BootTestsException e) when (e.ExitCode != ExitCode.HarnessError)
        {
            error = $"{e.Stage}: {e.Message}";
            options.Progress?.Report($"target {target.Name}: {error}");
        }
        var (outcome, failures, notes) = KnownFailures.Evaluate(target.Name, run, error, suite.KnownFailures, options.Today);
        return new TargetResult(target, options.Shard.Index, outcome, Math.Round(clock.Elapsed.TotalSeconds, 1), failures, notes, folder, run);
    }

    private sealed class Prefixed(IProgress<string> inner, string prefix) : IProgress<string>
    {
        public void Report(string value) => inner.Report($"{prefix}: {value}");
    }
}
