using System.CommandLine;
using BootTests.Host;
using BootTests.Images;
using BootTests.Qemu;

namespace BootTests.Cli.Commands;


/// <summary>`boottest doctor`: each prerequisite found or missing with its package, and the accelerator verdict with its evidence.</summary>
public static class DoctorCommand
{
    public static Command Create()
    {
        var install = new Option<bool>("--install") { Description = "Install what is missing with apt-get (as root)" };
        var probe = new Option<bool>("--probe") { Description = "Prove KVM again now (boots a kernel under KVM for a few seconds), replacing the cached verdict" };
        var command = new Command("doctor", "Check (and with --install, install) what BootTests needs on this host, and say which accelerator boots use and why") { install, probe };
        command.SetAction((parse, ct) => CliRunner.RunAsync(async () =>
        {
            if (parse.GetValue(install))
                await Prerequisites.InstallAsync(Prerequisites.All, line => Console.Error.WriteLine("  " + line), ct);
            var missing = 0;
            foreach (var p in Prerequisites.All)
            {
                var at = p.Locate();
                if (at is null) missing++;
                Console.WriteLine(at is null
                    ? $"missing  {p.Program,-20} {p.WhatFor}; install: apt-get install {p.Package}"
                    : $"found    {p.Program,-20} {at}");
            }
            var accelUsable = Prerequisites.Qemu.Locate() is null || await PrintAcceleratorAsync(parse.GetValue(probe), ct);
            if (missing > 0)
            {
                Console.Error.WriteLine($"{missing} prerequisite(s) missing: run `boottest doctor --install` as root.");
                return (int)ExitCode.Environment;
            }
            return accelUsable ? 0 : (int)ExitCode.Environment;
        }, ct));
        return command;
    }

    /// <summary>Prints the verdict (probing when there is none, or when asked); false when the chosen default cannot work here.</summary>
    private static async Task<bool> PrintAcceleratorAsync(bool reprobe, CancellationToken ct)
    {
        var cache = CacheDirectory.Default();
        var choice = AcceleratorChoices.Default;
        var options = new AcceleratorProbeOptions { CacheFile = cache.AcceleratorFile, Kernel = ProbeKernel.Find(cache) };
        var key = await AcceleratorCache.CurrentKeyAsync(options, ct);
        if (reprobe) AcceleratorCache.Remove(cache.AcceleratorFile, key);
        var (verdict, fromCache) = await AcceleratorProbe.VerdictAsync(options, ct);
        var entry = AcceleratorCache.Read(cache.AcceleratorFile, key);
        Console.WriteLine($"accel    default      {AcceleratorChoices.DefaultSource}");
        var uses = choice == AcceleratorChoice.Tcg ? "tcg (asked for)"
            : verdict.Works ? "kvm: a Linux kernel ran under KVM here"
            : verdict.DecidedBy == KvmVerdict.ByHost && verdict.Kernel is null && File.Exists(options.KvmDevice) ? "unknown until the first boot proves it (auto falls back to TCG if KVM stalls)"
            : choice == AcceleratorChoice.Kvm ? "none: KVM is asked for (BOOTTESTS_ACCEL=kvm) but cannot run Linux here; boots exit 4"
            : "tcg: KVM cannot run Linux here (about ten times slower)";
        Console.WriteLine($"accel    boots use    {uses}");
        Console.WriteLine($"accel    why          {verdict.Reason}");
        if (verdict.Kernel is not null) Console.WriteLine($"accel    evidence     {verdict.Evidence}");
        var when = fromCache && entry is not null ? $"cached since {entry.DecidedAt:yyyy-MM-dd HH:mm} UTC" : "just now";
        Console.WriteLine($"accel    decided by   {verdict.DecidedBy} ({verdict.Seconds:F1} s), {when}");
        Console.WriteLine($"accel    host         {HostKvm.Read(options.KvmDevice).Describe()}");
        Console.WriteLine($"accel    cache        {cache.AcceleratorFile}{(File.Exists(cache.AcceleratorFile) ? "" : " (not written: nothing proven yet)")}; `boottest doctor --probe` proves it again");
        return choice != AcceleratorChoice.Kvm || verdict.Works;
    }
}
