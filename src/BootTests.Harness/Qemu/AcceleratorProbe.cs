using System.Diagnostics;
using CliWrap;
using CliWrap.Buffered;

namespace BootTests.Qemu;

/// <summary>
/// Decides between KVM and TCG. A /dev/kvm that exists is not proof: on some hosts KVM guests hang or QEMU aborts,
/// so the probe boots a tiny firmware-only guest under KVM with a deadline, and caches the answer.
/// </summary>
public static class AcceleratorProbe
{
    // SeaBIOS logs to the debug console at port 0x402; reaching its boot stage means the vCPU really ran.
    private static readonly string[] ProgressMarks = ["Booting from", "No bootable device"];

    /// <summary>The accelerator for <paramref name="choice"/>; an explicit KVM request that cannot work throws an Environment error within seconds.</summary>
    public static async Task<AcceleratorDecision> DecideAsync(
        AcceleratorChoice choice, AcceleratorProbeOptions options, CancellationToken cancellationToken = default)
    {
        if (choice == AcceleratorChoice.Tcg)
        {
            return new AcceleratorDecision(Accelerator.Tcg, "TCG was requested.", FromCache: false);
        }

        (KvmProbeResult probe, bool fromCache) = await KvmWorksAsync(options, cancellationToken);
        if (probe.Works)
        {
            return new AcceleratorDecision(Accelerator.Kvm, probe.Reason, fromCache);
        }
        if (choice == AcceleratorChoice.Kvm)
        {
            throw BootTestsException.Environment(
                "boot",
                $"KVM was requested but does not work on this host: {probe.Reason} Use --accel tcg, or --accel auto to fall back to TCG."
                + (fromCache ? $" (Cached answer; delete {options.CacheFile} to probe again.)" : ""));
        }
        return new AcceleratorDecision(
            Accelerator.Tcg, $"KVM is not usable, falling back to TCG (much slower): {probe.Reason}", fromCache);
    }

    private static async Task<(KvmProbeResult Result, bool FromCache)> KvmWorksAsync(
        AcceleratorProbeOptions options, CancellationToken cancellationToken)
    {
        bool devicePresent = File.Exists(options.KvmDevice);
        if (!devicePresent)
        {
            return (new KvmProbeResult(false, $"{options.KvmDevice} does not exist.", 0), false);
        }

        var key = new AcceleratorCache.Key(
            KernelRelease(), options.QemuBinary, await QemuVersionAsync(options.QemuBinary, cancellationToken), devicePresent);
        if (AcceleratorCache.Read(options.CacheFile, key) is { } cached)
        {
            return (new KvmProbeResult(cached.KvmWorks, cached.Reason, 0), true);
        }
        KvmProbeResult result = await ProbeKvmAsync(options, cancellationToken);
        AcceleratorCache.Write(options.CacheFile, new AcceleratorCache.Entry(key, result.Works, result.Reason, DateTimeOffset.UtcNow));
        return (result, false);
    }

    /// <summary>Boots firmware only under KVM and waits (up to the timeout) for it to reach its boot stage; never uses the cache.</summary>
    public static async Task<KvmProbeResult> ProbeKvmAsync(AcceleratorProbeOptions options, CancellationToken cancellationToken = default)
    {
        string directory = options.WorkDirectory ?? Directory.CreateTempSubdirectory("bt-probe-").FullName;
        try
        {
            Directory.CreateDirectory(directory);
            return await RunProbeGuestAsync(options, Path.Combine(directory, "kvm-probe-firmware.log"), cancellationToken);
        }
        finally
        {
            if (options.WorkDirectory is null)
            {
                try
                {
                    Directory.Delete(directory, recursive: true);
                }
                catch (IOException)
                {
                }
            }
        }
    }

    /// <summary>QEMU's command line for the probe guest: KVM, the CPU model real runs use, no devices, firmware log to a file.</summary>
    public static IReadOnlyList<string> ProbeArgv(string qemuBinary, string firmwareLog) =>
    [
        qemuBinary, "-accel", "kvm", "-nodefaults", "-no-user-config", "-display", "none", "-machine", "q35",
        "-cpu", "max", "-m", "64", "-no-reboot",
        "-debugcon", "file:" + QemuArgv.EscapeOptionValue(firmwareLog), "-global", "isa-debugcon.iobase=0x402",
    ];

    private static async Task<KvmProbeResult> RunProbeGuestAsync(AcceleratorProbeOptions options, string firmwareLog, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> argv = ProbeArgv(options.QemuBinary, firmwareLog);
        var startInfo = new ProcessStartInfo(argv[0]) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (string arg in argv.Skip(1))
        {
            startInfo.ArgumentList.Add(arg);
        }
        File.Delete(firmwareLog);
        var clock = Stopwatch.StartNew();
        using Process process = Process.Start(startInfo)
            ?? throw BootTestsException.Environment("boot", $"Could not start {argv[0]} for the KVM probe.");
        using ParentDeathWatchdog watchdog = ParentDeathWatchdog.Start(process.Id);
        process.StandardInput.Close();
        Task<string> stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            while (clock.Elapsed < options.Timeout)
            {
                string log = ReadShared(firmwareLog);
                if (ProgressMarks.Any(log.Contains))
                {
                    return new KvmProbeResult(true, $"a KVM guest reached its firmware's boot stage in {clock.Elapsed.TotalSeconds:0.0} s.", clock.Elapsed.TotalSeconds);
                }
                if (process.HasExited)
                {
                    string lastWords = LastLines(await stderr.WaitAsync(TimeSpan.FromSeconds(1), CancellationToken.None));
                    return new KvmProbeResult(false,
                        $"QEMU with -accel kvm -cpu max exited with code {process.ExitCode} after {clock.Elapsed.TotalSeconds:0.0} s: {lastWords}",
                        clock.Elapsed.TotalSeconds);
                }
                await Task.Delay(50, cancellationToken);
            }
            return new KvmProbeResult(false,
                $"{options.KvmDevice} exists, but a KVM guest did not get through its firmware within {options.Timeout.TotalSeconds:0.#} s (the vCPU makes no progress).",
                clock.Elapsed.TotalSeconds);
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

    private static string ReadShared(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
        catch (FileNotFoundException)
        {
            return "";
        }
    }

    private static string LastLines(string text)
    {
        string[] lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 0 ? "(no output on stderr)" : string.Join(" | ", lines.TakeLast(3));
    }

    private static string KernelRelease()
    {
        try
        {
            return File.ReadAllText("/proc/sys/kernel/osrelease").Trim();
        }
        catch (IOException)
        {
            return Environment.OSVersion.VersionString;
        }
    }

    /// <summary>The first line of <c>qemu-system-x86_64 --version</c>; a missing binary is an Environment error.</summary>
    public static async Task<string> QemuVersionAsync(string qemuBinary, CancellationToken cancellationToken = default)
    {
        try
        {
            BufferedCommandResult result = await Cli.Wrap(qemuBinary).WithArguments(["--version"])
                .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync(cancellationToken);
            return result.StandardOutput.Split('\n')[0].Trim();
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            throw BootTestsException.Environment(
                "boot", $"Could not run '{qemuBinary} --version': {e.Message}. Install QEMU (Debian: apt-get install qemu-system-x86).", e);
        }
    }
}
