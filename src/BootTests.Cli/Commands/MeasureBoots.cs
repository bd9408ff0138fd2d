using BootTests.BootMedia;
using BootTests.Guest;
using BootTests.Images;
using BootTests.Qemu;
using BootTests.Reports.Measurements;
using BootTests.Session;

namespace BootTests.Cli.Commands;


/// <summary>The boots of `measure`: build each layout (cached), then N rounds of one cold boot per layout, each in a new session, shut down cleanly.</summary>
public static class MeasureBoots
{
    /// <summary>Every boot's record, appended to the history as it happens; null when a boot failed (the message is on stderr).</summary>
    public static async Task<IReadOnlyList<BootRecord>?> RunAsync(Recipe recipe, MeasurePlan plan, IProgress<string> progress, CancellationToken ct)
    {
        var cpuModel = HostCpu.ReadModelName();
        var records = new List<BootRecord>();
        var images = new List<BuiltImage>();
        foreach (var layout in plan.Layouts)
            images.Add(await new ImageBuilder(CacheDirectory.Default(), progress).BuildAsync(recipe, new ImageBuildOptions { Layout = layout }, ct));
        // Alternating the layouts spreads whatever else the host is doing over all of them alike.
        for (var run = 1; run <= plan.Runs; run++)
        {
            foreach (var image in images)
            {
                var path = plan.BootVia == BootVia.Direct ? "" : $" via {plan.BootVia.Name()}";
                var label = $"layout {image.Manifest.Layout}{path}: boot {run}/{plan.Runs}";
                var record = await BootOnceAsync(image, plan.Accelerator, cpuModel, label, progress, ct, plan.BootVia, plan.Label, plan.KernelEntry);
                if (record is null) return null;
                records.Add(record);
                if (plan.HistoryPath is { } history) History.Append(history, record);
            }
        }
        return records;
    }

    /// <summary>One cold boot to ssh-ready, then systemd-analyze and a clean power-off; null when it failed (the message is on stderr).</summary>
    internal static async Task<BootRecord?> BootOnceAsync(
        BuiltImage image, AcceleratorChoice accelerator, string cpuModel, string label, IProgress<string> progress, CancellationToken ct, BootVia via = BootVia.Direct, string? runLabel = null,
        KernelEntry entry = KernelEntry.Auto, bool measureTmpfs = false)
    {
        await using var session = await new BootSessionBuilder().WithImage(image).WithAccelerator(accelerator).WithBootVia(via)
            .WithKernelEntry(entry).WithProgress(progress).BuildAsync(ct);
        var date = DateTimeOffset.UtcNow;
        var load = HostLoad.ReadOneMinute();
        var outcome = await session.RunAsync(checks: [], ct);
        if (outcome.BootFailure is { } failed)
        {
            Console.Error.WriteLine($"boottest: {label}: boot failed: {failed.Message}");
            return null;
        }
        progress.Report($"{label}: ssh-ready at {outcome.SshReadySeconds:F1} s");
        var analyze = await SystemdAnalyzeAsync(session.Guest, ct);
        var tmpfs = measureTmpfs ? await TmpfsWriteSpeedAsync(session.Guest, label, progress, ct) : null;
        // A clean shutdown, so the next cold boot does not share the host with a dying VM.
        await session.PowerOffAsync(ct: ct);
        var report = outcome.Report;
        // Boots through a bootloader are a series of their own ("fast/grub"), so they are never compared with direct ones;
        // so are direct boots through PVH ("fast/pvh"), which skip the bzImage's decompressor.
        var entered = report.Attempts?.LastOrDefault()?.KernelEntry;
        var layout = via != BootVia.Direct ? $"{image.Manifest.Layout}/{via.Name()}"
            : entered == KernelEntry.Pvh.Name() ? $"{image.Manifest.Layout}/pvh" : image.Manifest.Layout;
        return new BootRecord(date, layout, image.Manifest.Recipe, report.Accelerator, report.QemuVersion, report.KernelVersion,
            cpuModel, Environment.ProcessorCount, image.Manifest.Initramfs.Sha256, report.Milestones, analyze,
            HostClass.Read(report.Accelerator, report.QemuVersion), runLabel, tmpfs, load);
    }

    /// <summary>
    /// The guest's own speed writing into its root tmpfs, where the payload lands: dd of zeroes (up to 256 MiB, what
    /// fits), timed inside the guest; the limit the payload stage is compared with.
    /// </summary>
    private static async Task<double?> TmpfsWriteSpeedAsync(IGuestShell guest, string label, IProgress<string> progress, CancellationToken ct)
    {
        const string script = """
            free=$(df -Pm / | awk 'NR==2 {print $4}'); n=$(( free > 320 ? 256 : free - 64 )); [ "$n" -gt 16 ] || exit 3
            a=$(cut -d' ' -f1 /proc/uptime); dd if=/dev/zero of=/.boottests-dd bs=1M count=$n status=none
            b=$(cut -d' ' -f1 /proc/uptime); rm -f /.boottests-dd; echo "$n $a $b"
            """;
        var result = await guest.RunAsync(script, TimeSpan.FromSeconds(120), ct);
        var words = result.Stdout.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (!result.Succeeded || words.Length != 3
            || !double.TryParse(words[0], System.Globalization.CultureInfo.InvariantCulture, out var mib)
            || !double.TryParse(words[1], System.Globalization.CultureInfo.InvariantCulture, out var from)
            || !double.TryParse(words[2], System.Globalization.CultureInfo.InvariantCulture, out var to) || to <= from)
        {
            progress.Report($"{label}: the tmpfs write speed could not be measured ({result.ExitStatus}: {result.Stderr.Trim()})");
            return null;
        }
        var speed = Math.Round(mib * 1048576 / 1e6 / (to - from), 1);
        progress.Report($"{label}: the guest writes {speed} MB/s of zeroes into its root tmpfs ({mib} MiB in {to - from:F2} s)");
        return speed;
    }

    /// <summary>systemd-analyze's summary line; it refuses while the boot is still finishing, so wait for that first.</summary>
    private static async Task<string> SystemdAnalyzeAsync(IGuestShell guest, CancellationToken ct)
    {
        try
        {
            var result = await guest.RunAsync("if command -v systemd-analyze >/dev/null; then timeout 60 systemctl is-system-running --wait >/dev/null 2>&1; systemd-analyze; else echo \"(no systemd-analyze: the init is not systemd)\"; fi", TimeSpan.FromSeconds(90), ct);
            var text = result.Succeeded ? result.Stdout : $"systemd-analyze exited {result.ExitStatus}: {result.Stderr}";
            return text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return $"systemd-analyze could not be read: {e.Message}";
        }
    }

}
