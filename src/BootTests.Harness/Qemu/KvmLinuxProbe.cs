using System.Diagnostics;
using System.Text.RegularExpressions;
using BootTests.BootMedia;
using BootTests.Images;

namespace BootTests.Qemu;

/// <summary>
/// Proves that KVM runs Linux here: boots a real kernel under KVM with no initramfs and a deadline, and waits for the
/// kernel's own "cannot mount root" panic, which it reaches only after its decompressor, long mode, interrupts,
/// timers and every initcall have worked. Firmware that runs is not proof: on kvm_pvm hosts SeaBIOS runs and Linux stops.
/// </summary>
public static partial class KvmLinuxProbe
{
    /// <summary>The kernel arguments of the probe boot: the console on the first serial port, and reboot (QEMU exits) on panic.</summary>
    public const string Append = KernelCommandLine.Base;

    /// <summary>Console lines that only a kernel that got through its whole start-up prints.</summary>
    [GeneratedRegex(@"VFS: Unable to mount root fs|Run /init as init process|No working init found")]
    public static partial Regex Proof();

    /// <summary>QEMU's command line for the probe: KVM, the CPU model and vCPU count real runs use, no devices, the console to a file.</summary>
    public static IReadOnlyList<string> Argv(string qemuBinary, string kernel, string consoleLog) =>
    [
        qemuBinary, "-accel", "kvm", "-nodefaults", "-no-user-config", "-display", "none", "-machine", "q35",
        "-cpu", "max", "-smp", "2", "-m", "256", "-no-reboot",
        "-kernel", kernel, "-append", Append,
        "-serial", "file:" + QemuArgv.EscapeOptionValue(consoleLog),
        "-sandbox", "on,obsolete=deny,elevateprivileges=deny,spawn=deny,resourcecontrol=deny",
    ];

    /// <summary>Boots <paramref name="kernel"/> under KVM and says whether it got through its start-up within the options' timeout; never uses the cache.</summary>
    public static async Task<KvmVerdict> RunAsync(AcceleratorProbeOptions options, string kernel, CancellationToken ct = default)
    {
        var version = KernelVersionOf(kernel);
        var directory = options.WorkDirectory ?? Directory.CreateTempSubdirectory("bt-probe-").FullName;
        try
        {
            Directory.CreateDirectory(directory);
            return await BootAsync(options, kernel, version, Path.Combine(directory, "kvm-probe-console.log"), ct);
        }
        finally
        {
            if (options.WorkDirectory is null) CacheDirectory.DeleteQuietly(directory);
        }
    }

    private static async Task<KvmVerdict> BootAsync(AcceleratorProbeOptions options, string kernel, string? version, string consoleLog, CancellationToken ct)
    {
        var argv = Argv(options.QemuBinary, kernel, consoleLog);
        var startInfo = new ProcessStartInfo(argv[0]) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var arg in argv.Skip(1)) startInfo.ArgumentList.Add(arg);
        File.Delete(consoleLog);
        var clock = Stopwatch.StartNew();
        KvmVerdict Verdict(bool works, string reason, string? last) =>
            new(works, reason, Math.Round(clock.Elapsed.TotalSeconds, 2), kernel, version, last, KvmVerdict.ByProbe);

        using var process = StartOrThrow(startInfo, argv[0]);
        using var watchdog = ParentDeathWatchdog.Start(process.Id);
        process.StandardInput.Close();
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            while (true)
            {
                var exited = process.HasExited;
                var console = ReadShared(consoleLog);
                var last = LastLine(console);
                if (Proof().Match(console) is { Success: true } proof)
                    return Verdict(true, $"a Linux kernel ran under KVM to '{proof.Value}' in {clock.Elapsed.TotalSeconds:0.0} s.", LineOf(console, proof.Index));
                if (exited)
                {
                    var lastWords = LastLines(await stderr.WaitAsync(TimeSpan.FromSeconds(1), CancellationToken.None));
                    return Verdict(false,
                        $"QEMU with -accel kvm -cpu max exited with code {process.ExitCode} after {clock.Elapsed.TotalSeconds:0.0} s before the kernel got through its start-up: {lastWords}", last);
                }
                if (clock.Elapsed >= options.Timeout)
                {
                    return Verdict(false, last is null
                        ? $"{options.KvmDevice} exists, but a Linux kernel booted under KVM printed nothing within {options.Timeout.TotalSeconds:0.#} s (the vCPU makes no progress)."
                        : $"{options.KvmDevice} exists, but a Linux kernel booted under KVM stopped after '{last}' and did not get through its start-up within {options.Timeout.TotalSeconds:0.#} s.",
                        last);
                }
                await Task.Delay(50, ct);
            }
        }
        finally
        {
            try
            {
                process.Kill();
            }
            catch (InvalidOperationException)
            {
            }
            await process.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None)
                .ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private static Process StartOrThrow(ProcessStartInfo startInfo, string program)
    {
        try
        {
            return Process.Start(startInfo) ?? throw new InvalidOperationException("Process.Start returned null.");
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            throw BootTestsException.Environment(Stage.Boot, $"Could not start '{program}' for the KVM probe: {e.Message}. Install QEMU (Debian: apt-get install qemu-system-x86).", e);
        }
    }

    private static string? KernelVersionOf(string kernel)
    {
        try
        {
            return KernelImage.ReadVersion(kernel);
        }
        catch (BootTestsException)
        {
            return null;
        }
    }

    private static string ReadShared(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return "";
        }
    }

    private static string? LastLine(string console) =>
        console.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.Length > 0) is { } line ? PrintableText.Of(line) : null;

    private static string LineOf(string console, int index)
    {
        var start = console.LastIndexOf('\n', Math.Max(0, index - 1)) + 1;
        var end = console.IndexOf('\n', index);
        return PrintableText.Of(console[start..(end < 0 ? console.Length : end)].Trim());
    }

    private static string LastLines(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 0 ? "(no output on stderr)" : string.Join(" | ", lines.TakeLast(3));
    }
}
