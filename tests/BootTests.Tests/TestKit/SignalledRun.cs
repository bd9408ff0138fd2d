using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using BootTests.Qemu;
using BootTests.Tests.Images;
using CliWrap;

namespace BootTests.Tests.TestKit;

/// <summary>One `boottest` process stopped by a signal once its output shows a line, with the processes it had started then.</summary>
internal sealed record SignalledRun(int ExitCode, string StandardError, IReadOnlyList<int> Descendants, double SignalToExitSeconds)
{
    /// <summary>
    /// Runs `boottest ARGS` in the scratch folder (its TMPDIR private), sends <paramref name="signal"/> <paramref name="delay"/>
    /// after stderr first matches <paramref name="after"/>, and waits for the exit. Fails the test if the line never comes.
    /// </summary>
    public static async Task<SignalledRun> RunAsync(FaultScratch scratch, IReadOnlyList<string> arguments, Regex after, TimeSpan delay, int signal,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        var stderr = new StringBuilder();
        var env = new Dictionary<string, string?> { ["TMPDIR"] = scratch.TempDirectory, ["BOOTTESTS_NO_INSTALL"] = "1" };
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>()) env[key] = value;
        using var hardStop = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        // A suite started in the background (nohup, `… &` in a script) passes SIGINT on ignored, and boottest rightly keeps
        // ignoring it; env (execing, so the pid stays) gives the command the default handling the test means to exercise.
        var command = CliWrap.Cli.Wrap("env").WithArguments(["--default-signal=INT,TERM", "dotnet", BoottestCli.DllPath, .. arguments])
            .WithEnvironmentVariables(env)
            .WithValidation(CommandResultValidation.None)
            .WithStandardErrorPipe(PipeTarget.ToDelegate(line => { lock (stderr) stderr.AppendLine(line); }));
        var running = command.ExecuteAsync(hardStop.Token);
        string Seen()
        {
            lock (stderr) return stderr.ToString();
        }

        while (!after.IsMatch(Seen()) && !running.Task.IsCompleted) await Task.WhenAny(running.Task, Task.Delay(50));
        running.Task.IsCompleted.Should().BeFalse($"the command was to be stopped after /{after}/, but it ended first:\n{Seen()}");
        await Task.Delay(delay);
        var descendants = DescendantsOf(running.ProcessId);
        var clock = Stopwatch.StartNew();
        PosixSignals.Send(running.ProcessId, signal);
        var result = await running;
        return new SignalledRun(result.ExitCode, Seen(), descendants, clock.Elapsed.TotalSeconds);
    }

    /// <summary>Every live process below <paramref name="pid"/> (children of every thread, recursively).</summary>
    public static IReadOnlyList<int> DescendantsOf(int pid)
    {
        var found = new List<int>();
        var queue = new Queue<int>([pid]);
        while (queue.Count > 0)
        {
            var parent = queue.Dequeue();
            var tasks = $"/proc/{parent}/task";
            if (!Directory.Exists(tasks)) continue;
            foreach (var task in Directory.EnumerateDirectories(tasks))
            {
                try
                {
                    foreach (var child in File.ReadAllText(Path.Combine(task, "children")).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse))
                    {
                        if (found.Contains(child)) continue;
                        found.Add(child);
                        queue.Enqueue(child);
                    }
                }
                catch (IOException)
                {
                }
            }
        }
        return found;
    }
}
