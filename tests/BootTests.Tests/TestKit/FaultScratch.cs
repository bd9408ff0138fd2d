using System.Diagnostics;
using System.Text;
using BootTests.Tests.Images;
using CliWrap;

namespace BootTests.Tests.TestKit;

/// <summary>
/// A scratch folder for one fault case: the inputs, the CLI's runs folder and its private TMPDIR. Runs `boottest`
/// there, timing the fault against the report, and shows that nothing of the run is left: no process, no temp dir.
/// </summary>
internal sealed class FaultScratch : IDisposable
{
    public const string Prefix = "boottests-fault-";

    private FaultScratch(string root)
    {
        Root = root;
        Directory.CreateDirectory(TempDirectory);
        Directory.CreateDirectory(Runs);
        Directory.CreateDirectory(Inputs);
    }

    public string Root { get; }

    /// <summary>The harness's TMPDIR: anything it creates with Path.GetTempPath (socket dirs, probe dirs) lands here.</summary>
    public string TempDirectory => Path.Combine(Root, "tmp");

    public string Runs => Path.Combine(Root, "runs");

    public string Inputs => Path.Combine(Root, "inputs");

    public string ReportPath => Path.Combine(Root, "report.json");

    /// <summary>A private cache folder, for cases that must not see the shared cache (e.g. a fresh KVM probe).</summary>
    public string PrivateCache => Path.Combine(Root, "cache");

    public static FaultScratch Create() => new(Directory.CreateTempSubdirectory(Prefix).FullName);

    public string Input(string name) => Path.Combine(Inputs, name);

    /// <summary>Runs `boottest ARGS --json … --artifacts …`, watching the console log for the fault, until the harness exits.</summary>
    public async Task<FaultRun> RunAsync(FaultTrigger trigger, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string?>? environment = null)
    {
        File.Exists(BoottestCli.DllPath).Should().BeTrue($"{BoottestCli.DllPath} is built beside the tests");
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var env = new Dictionary<string, string?> { ["TMPDIR"] = TempDirectory, ["BOOTTESTS_NO_INSTALL"] = "1" };
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>()) env[key] = value;
        using var hardStop = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var command = CliWrap.Cli.Wrap("dotnet").WithArguments([BoottestCli.DllPath, .. arguments, "--json", ReportPath, "--artifacts", Runs])
            .WithEnvironmentVariables(env)
            .WithValidation(CommandResultValidation.None)
            .WithStandardOutputPipe(PipeTarget.ToStringBuilder(stdout))
            .WithStandardErrorPipe(PipeTarget.ToStringBuilder(stderr));

        var earlier = Directory.GetDirectories(Runs).ToHashSet();
        string? NewRunDirectory() => Directory.GetDirectories(Runs).SingleOrDefault(d => !earlier.Contains(d));
        var clock = Stopwatch.StartNew();
        var running = command.ExecuteAsync(hardStop.Token);
        double? faultSeconds = trigger is FaultTrigger.AtStart ? 0 : null;
        string? runDirectory = null;
        while (!running.Task.IsCompleted)
        {
            runDirectory ??= NewRunDirectory();
            if (faultSeconds is null && runDirectory is not null)
                faultSeconds = Observe(trigger, new FaultProbe(running.ProcessId, runDirectory), clock);
            await Task.WhenAny(running.Task, Task.Delay(50));
        }
        var result = await running;
        var reportSeconds = clock.Elapsed.TotalSeconds;
        runDirectory ??= NewRunDirectory();
        // A line that arrived between two looks still counts, stamped with the exit (the measured time can only shrink).
        if (faultSeconds is null && runDirectory is not null && trigger is FaultTrigger.ConsoleLine line && line.Pattern.IsMatch(ReadShared(Path.Combine(runDirectory, "console.log"))))
            faultSeconds = reportSeconds;
        var report = File.Exists(ReportPath) ? await File.ReadAllTextAsync(ReportPath) : null;
        return new FaultRun(result.ExitCode, stdout.ToString(), stderr.ToString(), runDirectory, faultSeconds, reportSeconds, report);
    }

    private static double? Observe(FaultTrigger trigger, FaultProbe probe, Stopwatch clock)
    {
        var console = ReadShared(Path.Combine(probe.RunDirectory, "console.log"));
        switch (trigger)
        {
            case FaultTrigger.ConsoleLine line when line.Pattern.IsMatch(console):
                return clock.Elapsed.TotalSeconds;
            case FaultTrigger.Injected injected when injected.After.IsMatch(console):
                var at = clock.Elapsed.TotalSeconds;
                injected.Inject(probe);
                return at;
            default:
                return null;
        }
    }

    private static string ReadShared(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            return new StreamReader(stream).ReadToEnd();
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return "";
        }
    }

    /// <summary>No process still names this scratch folder on its command line, QEMU's pid is gone, and the harness's TMPDIR is empty.</summary>
    /// <remarks>
    /// With <paramref name="harnessWasKilled"/>, the .NET runtime's own debugger and diagnostics pipes (clr-debug-pipe-*,
    /// dotnet-diagnostic-*) are let be: the runtime removes them at exit, and SIGKILL gives no process a chance to.
    /// </remarks>
    public async Task ShouldLeaveNothingBehindAsync(FaultRun run, bool harnessWasKilled = false)
    {
        if (run.RunDirectory is { } dir && File.Exists(Path.Combine(dir, "qemu.pid"))
            && int.TryParse((await File.ReadAllTextAsync(Path.Combine(dir, "qemu.pid"))).Trim(), out var qemu))
        {
            (await ProcessProbe.DiesWithinAsync(qemu, TimeSpan.FromSeconds(2))).Should().BeTrue($"QEMU (pid {qemu}) must be gone when the harness has reported");
        }

        ProcessesNaming(Root).Should().BeEmpty("no process of the run (QEMU, the harness) may outlive the report");
        Directory.EnumerateFileSystemEntries(TempDirectory)
            .Where(e => !harnessWasKilled || !Path.GetFileName(e).StartsWith("clr-debug-pipe-", StringComparison.Ordinal) && !Path.GetFileName(e).StartsWith("dotnet-diagnostic-", StringComparison.Ordinal))
            .Should().BeEmpty($"the harness must delete the temporary directories it made in its TMPDIR {TempDirectory}");
    }

    /// <summary>Live processes whose command line mentions <paramref name="text"/>, as "pid: command line".</summary>
    public static IReadOnlyList<string> ProcessesNaming(string text)
    {
        var found = new List<string>();
        foreach (var proc in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(proc), out var pid) || pid == Environment.ProcessId) continue;
            try
            {
                var cmdline = File.ReadAllText(Path.Combine(proc, "cmdline")).Replace('\0', ' ');
                if (cmdline.Contains(text, StringComparison.Ordinal) && ProcessProbe.IsAlive(pid)) found.Add($"{pid}: {cmdline}");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }
        }
        return found;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
