using System.CommandLine;
using BootTests.Host;

namespace BootTests.Cli.Commands;

using Console = System.Console;

/// <summary>`boottest doctor`: lists each prerequisite as found or missing, with the package that provides it.</summary>
public static class DoctorCommand
{
    public static Command Create()
    {
        var install = new Option<bool>("--install") { Description = "Install what is missing with apt-get (as root)" };
        var command = new Command("doctor", "Check (and with --install, install) what BootTests needs on this host") { install };
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
            Console.WriteLine(File.Exists("/dev/kvm")
                ? "info     /dev/kvm exists; whether KVM works is probed at the first boot (--accel auto)"
                : "info     /dev/kvm is absent; boots will use TCG (about ten times slower)");
            if (missing == 0) return 0;
            Console.Error.WriteLine($"{missing} prerequisite(s) missing: run `boottest doctor --install` as root.");
            return (int)ExitCode.Environment;
        }, ct));
        return command;
    }
}
