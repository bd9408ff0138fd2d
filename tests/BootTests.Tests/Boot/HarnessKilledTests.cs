using System.Diagnostics;
using BootTests.Tests.Images;

namespace BootTests.Tests.Boot;

/// <summary>QEMU 7.2 has no exit-with-parent: a harness killed with SIGKILL must still leave no QEMU behind.</summary>
[Category(Categories.Boot)]
[NonParallelizable]
public sealed class HarnessKilledTests
{
    [Test]
    public async Task Killing_boottest_run_with_SIGKILL_mid_boot_leaves_no_qemu_running()
    {
        await BootedVm.BuildAsync(BootedVm.DefaultRecipe);
        var runs = Directory.CreateTempSubdirectory("boottests-killed-").FullName;
        try
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[] { BoottestCli.DllPath, "run", "--accel", "tcg", "--artifacts", runs }) start.ArgumentList.Add(argument);
            using var harness = Process.Start(start)!;
            _ = harness.StandardOutput.ReadToEndAsync();
            _ = harness.StandardError.ReadToEndAsync();

            var qemuPid = await WaitForQemuPidAsync(runs, TimeSpan.FromSeconds(60));
            harness.Kill(entireProcessTree: false); // SIGKILL to the harness alone: nothing of ours runs after it
            await harness.WaitForExitAsync();

            var clock = Stopwatch.StartNew();
            while (Directory.Exists($"/proc/{qemuPid}") && clock.Elapsed < TimeSpan.FromSeconds(10))
                await Task.Delay(100);
            Directory.Exists($"/proc/{qemuPid}").Should().BeFalse($"QEMU (pid {qemuPid}) must die with its harness");
            TestContext.Progress.WriteLine($"QEMU was gone {clock.Elapsed.TotalSeconds:F1} s after the harness was killed");
        }
        finally
        {
            Directory.Delete(runs, recursive: true);
        }
    }

    private static async Task<int> WaitForQemuPidAsync(string runs, TimeSpan budget)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < budget)
        {
            var pidFile = Directory.GetFiles(runs, "qemu.pid", SearchOption.AllDirectories).FirstOrDefault();
            var console = pidFile is null ? null : Path.Combine(Path.GetDirectoryName(pidFile)!, "console.log");
            if (console is not null && File.Exists(console) && (await File.ReadAllTextAsync(console)).Contains("Linux version")
                && int.TryParse((await File.ReadAllTextAsync(pidFile!)).Trim(), out var pid))
                return pid;
            await Task.Delay(200);
        }
        Assert.Fail($"boottest run did not start QEMU within {budget.TotalSeconds} s (runs folder {runs})");
        return 0;
    }
}
