namespace BootTests.Qemu;

/// <summary>
/// The security properties any QEMU command line of the harness must keep, whatever else it adds (boot media, more
/// forwards, guestfwd): user networking only, with restrict=on; every host forward on 127.0.0.1; the seccomp sandbox
/// with every deny option; socket chardevs as Unix sockets or TCP on 127.0.0.1; no monitor, VNC or gdb on TCP.
/// </summary>
public static class QemuArgvPolicy
{
    public static readonly string[] SandboxDenies = ["obsolete=deny", "elevateprivileges=deny", "spawn=deny", "resourcecontrol=deny"];

    /// <summary>Each broken property, said in a sentence; empty when the argv keeps them all.</summary>
    public static IReadOnlyList<string> Problems(IReadOnlyList<string> argv)
    {
        var problems = new List<string>();
        var netdevs = ValuesOf(argv, "-netdev");
        if (netdevs.Count == 0) problems.Add("no -netdev: the guest's network is not the restricted user network");
        foreach (var netdev in netdevs)
        {
            var options = SplitOptions(netdev);
            if (options[0] != "user") problems.Add($"-netdev {netdev}: only 'user' networking is allowed");
            if (!options.Contains("restrict=on") && !options.Contains("restrict=yes"))
                problems.Add($"-netdev {netdev}: no restrict=on, so the guest can reach the host and the outside");
            foreach (var forward in options.Where(o => o.StartsWith("hostfwd=", StringComparison.Ordinal)))
            {
                // hostfwd=[tcp|udp]:[hostaddr]:hostport-[guestaddr]:guestport; an empty hostaddr means every interface.
                var parts = forward["hostfwd=".Length..].Split(':');
                if (parts.Length < 3 || parts[1] != "127.0.0.1")
                    problems.Add($"-netdev {forward}: a forward must listen on 127.0.0.1 only");
            }
        }
        foreach (var device in ValuesOf(argv, "-nic").Concat(ValuesOf(argv, "-net")))
            problems.Add($"-nic/-net {device}: networks must be a -netdev user with restrict=on");
        var sandboxes = ValuesOf(argv, "-sandbox");
        if (sandboxes.Count != 1) problems.Add($"{sandboxes.Count} -sandbox options: exactly one is expected");
        foreach (var sandbox in sandboxes)
        {
            var options = SplitOptions(sandbox);
            if (options[0] != "on") problems.Add($"-sandbox {sandbox}: the seccomp sandbox must be on");
            foreach (var deny in SandboxDenies.Where(d => !options.Contains(d)))
                problems.Add($"-sandbox {sandbox}: {deny} is missing");
        }
        foreach (var chardev in ValuesOf(argv, "-chardev").Where(c => c.StartsWith("socket", StringComparison.Ordinal)))
        {
            // A Unix socket (path=), or TCP to or on 127.0.0.1 only (e.g. a client chardev behind a guestfwd).
            var options = SplitOptions(chardev);
            var host = options.FirstOrDefault(o => o.StartsWith("host=", StringComparison.Ordinal))?["host=".Length..];
            if (!options.Any(o => o.StartsWith("path=", StringComparison.Ordinal)) && host is not ("127.0.0.1" or "localhost" or "::1"))
                problems.Add($"-chardev {chardev}: a socket chardev must be a Unix socket (path=) or TCP on 127.0.0.1");
        }
        foreach (var option in new[] { "-qmp", "-monitor", "-serial", "-gdb", "-vnc", "-spice" })
        {
            foreach (var value in ValuesOf(argv, option).Where(v => v.StartsWith("tcp", StringComparison.Ordinal) || v.StartsWith("telnet", StringComparison.Ordinal) || option is "-vnc" or "-spice" or "-gdb"))
                problems.Add($"{option} {value}: nothing may listen on TCP besides the 127.0.0.1 forwards");
        }

        return problems;
    }

    /// <summary>
    /// Options among a user's extra arguments that the harness sets itself, where a second copy would replace or fight its
    /// own (memory, CPUs, accelerator, boot files, console, QMP, network, sandbox), each said with what to use instead.
    /// </summary>
    public static IReadOnlyList<string> ExtraArgumentProblems(IReadOnlyList<string> extra)
    {
        var problems = new List<string>();
        foreach (var arg in extra)
        {
            var name = arg.StartsWith("--", StringComparison.Ordinal) ? arg[1..] : arg;
            if (OwnedOptions.TryGetValue(name, out var instead))
                problems.Add($"{arg}: the harness sets it itself; {instead}");
        }
        return problems;
    }

    private static readonly Dictionary<string, string> OwnedOptions = new(StringComparer.Ordinal)
    {
        ["-m"] = "use the builder's WithMemory(MiB)",
        ["-smp"] = "use the builder's WithCpus(N)",
        ["-accel"] = "use WithAccelerator (or BOOTTESTS_ACCEL)",
        ["-enable-kvm"] = "use WithAccelerator (or BOOTTESTS_ACCEL)",
        ["-machine"] = "the harness boots q35",
        ["-kernel"] = "the kernel comes from the image or the target",
        ["-initrd"] = "the initramfs comes from the image or the target",
        ["-append"] = "use WithAppend (--append)",
        ["-serial"] = "the serial console is the harness's (use SendConsoleAsync and WaitForConsoleTextAsync)",
        ["-mon"] = "QMP is the harness's",
        ["-qmp"] = "QMP is the harness's",
        ["-monitor"] = "QMP is the harness's",
        ["-pidfile"] = "the harness keeps QEMU's pid file in the run folder",
        ["-daemonize"] = "the harness owns QEMU's process",
        ["-netdev"] = "the guest has one restricted user network; forward ports with WithPortForward or ForwardPortAsync",
        ["-nic"] = "the guest has one restricted user network; forward ports with WithPortForward or ForwardPortAsync",
        ["-net"] = "the guest has one restricted user network; forward ports with WithPortForward or ForwardPortAsync",
        ["-sandbox"] = "QEMU always runs under the harness's seccomp sandbox",
        ["-no-reboot"] = "the harness sets it (RebootAsync lets one reboot through)",
    };

    private static List<string> ValuesOf(IReadOnlyList<string> argv, string option) =>
        argv.Select((a, i) => (a, i)).Where(p => p.a == option && p.i + 1 < argv.Count).Select(p => argv[p.i + 1]).ToList();

    /// <summary>QEMU's "a,b=c" option syntax, where ",," is a literal comma.</summary>
    private static List<string> SplitOptions(string value) =>
        value.Replace(",,", "\u0001", StringComparison.Ordinal).Split(',').Select(o => o.Replace('\u0001', ',')).ToList();
}
