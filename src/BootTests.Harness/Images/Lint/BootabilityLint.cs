using BootTests.Images.Cpio;
using BootTests.Images.Fixups;
using BootTests.Images.Kernels;

namespace BootTests.Images.Lint;

/// <summary>
/// Can this tree boot as a RAM root and be reached? Looked at before packing, so a container image that is not bootable
/// as it comes says exactly what it lacks. Each rule is small and shown able to fail in the tests.
/// </summary>
public static class BootabilityLint
{
    // Bump when a rule changes what it reports, so images record the current findings.
    public const string Version = "lint-v4";

    private const long MinimumHeadroomMiB = 128;

    public static IReadOnlyList<LintFinding> Check(LintInput input) =>
    [
        .. Init(input), .. Kernel(input), .. Ssh(input), .. InitrdRelease(input), .. Size(input),
        .. Fstab(input), .. MountUnits(input), .. Network(input), .. Xattrs(input), .. OtherModules(input),
    ];

    /// <summary>Throws a usage error (exit 3) naming the input, each error's path and its fix, when there is any error.</summary>
    public static void ThrowOnErrors(LintInput input, IReadOnlyList<LintFinding> findings)
    {
        var errors = findings.Where(f => f.IsError).ToList();
        if (errors.Count == 0) return;
        var lines = errors.Select(e => $"{(e.Path.Length > 0 ? e.Path + ": " : "")}{e.Message}; fix: {e.Fix}.");
        var message = errors.Count == 1
            ? $"The {input.Input} cannot boot as a RAM root: {lines.First()}"
            : $"The {input.Input} cannot boot as a RAM root ({errors.Count} problems):\n  " + string.Join("\n  ", lines);
        throw BootTestsException.Usage(Stage.Lint, message);
    }

    private static IEnumerable<LintFinding> Init(LintInput input)
    {
        var tree = input.Final;
        var link = tree.Get("sbin/init") ?? (tree.Resolve("sbin") is { } sbin ? tree.Get(sbin + "/init") : null);
        var real = tree.Resolve("sbin/init");
        var target = real is null ? null : tree.Get(real);
        var runs = input.Source?.Details is { } d && (d.GetValueOrDefault("entrypoint") ?? d.GetValueOrDefault("cmd")) is { } run ? $" (the image runs {run})" : "";
        const string fix = "install an init in the tree: systemd-sysv on Debian and Ubuntu, systemd on Fedora, Rocky and Alma (or point an overlay symlink sbin/init at one)";
        if (target is null)
        {
            yield return LintFinding.Fails("no-init", "/sbin/init", link is { Type: CpioEntryType.SymbolicLink }
                ? $"is a symbolic link to '{link.LinkTarget}', which is not in the tree{runs}, so switch_root has nothing to start"
                : $"is missing{runs}, so switch_root has nothing to start (container images rarely have one)", fix);
            yield break;
        }
        if (target.Type != CpioEntryType.RegularFile || (target.Permissions & 0b001_001_001) == 0)
        {
            yield return LintFinding.Fails("no-init", "/sbin/init", $"leads to /{real}, which is not an executable file", fix);
            yield break;
        }
        var head = tree.ReadBytes(real!, 64 << 20) ?? [];
        if (head.Length >= 20 && head.AsSpan(0, 4).SequenceEqual("\u007fELF"u8) && BitConverter.ToUInt16(head, 18) is var machine && machine != 62)
        {
            yield return LintFinding.Fails("init-arch", "/" + real, $"is an ELF binary for machine {machine} ({(machine == 183 ? "aarch64" : machine == 3 ? "i386" : "not x86-64")}), but the guest is x86-64",
                "use the tree of the amd64 (x86-64) build of the distribution");
        }
        var found = TreeInit(tree, real!);
        if (found != input.Recipe.InitSystem)
        {
            var what = found switch
            {
                InitSystem.BusyBox => "BusyBox init",
                InitSystem.Sysvinit => "a SysV-style init (with /etc/inittab)",
                InitSystem.Systemd => "systemd",
                _ => $"/{real}",
            };
            var say = found == InitSystem.Unknown ? "" : $"add \"init\": \"{found.Name()}\" to the recipe, so ";
            yield return LintFinding.Warns("unknown-init", "/sbin/init", $"leads to {what}, but the recipe's init is {input.Recipe.Init}; the boot milestones after switch-root and the checks system-running and getty-noclear follow the recipe's init",
                $"{say}the boot and checks follow the tree's init{(found == InitSystem.Unknown ? ": set the recipe's init to the one the tree runs" : "")}");
        }
    }

    // OpenRC runs under sysvinit's (or BusyBox's) PID 1 and is told by its rc system, so a tree with /sbin/openrc is OpenRC.
    private static InitSystem TreeInit(MutableTree tree, string real) =>
        TreeFacts.SystemdPaths.Contains(real) ? InitSystem.Systemd
        : TreeFacts.HasFile(tree, ["sbin/openrc", "usr/sbin/openrc"]) ? InitSystem.OpenRC
        : real.EndsWith("busybox", StringComparison.Ordinal) ? InitSystem.BusyBox
        : tree.Find("etc/inittab") is not null ? InitSystem.Sysvinit
        : InitSystem.Unknown;

    private static IEnumerable<LintFinding> Kernel(LintInput input)
    {
        if (input.Kernel.Version is not { } version)
        {
            yield return LintFinding.Fails("no-kernel", "/boot", "has no vmlinuz-* and the recipe names no kernel (container images have none)",
                "add \"kernel\": \"default\" to the recipe (the default Debian kernel, its modules brought into the tree) or \"kernel\": \"path/to/vmlinuz\"");
            yield break;
        }
        var index = KernelModules.IndexOf(input.Final, version);
        var folder = "/" + KernelModules.FolderIn(input.Final, version);
        var missing = input.NicModules.Where(m => index is null
            ? true
            : !index.IsBuiltin(m) && (index.PathOf(m) is not { } path || input.Final.Find($"{folder[1..]}/{path}") is null)).ToList();
        if (missing.Count == 0) yield break;
        yield return index is null
            ? LintFinding.Fails("nic-modules", folder, $"is missing, but kernel {version} has the NIC's drivers ({string.Join(", ", missing)}) as modules, so the guest would have no network",
                input.Kernel.Origin == KernelSource.FromTree ? "install the kernel's modules package in the tree, or use \"kernel\": \"default\", which brings its own" : "give the kernel's modules with \"kernelModulesDir\"")
            : LintFinding.Fails("nic-modules", folder, $"lacks {string.Join(", ", missing)}, which the guest's virtio NIC needs",
                $"add {string.Join(" and ", missing)} to the recipe's kernelModules");
    }

    private static IEnumerable<LintFinding> Ssh(LintInput input)
    {
        var tree = input.Final;
        if (input.Recipe.SshServer == "dropbear")
        {
            if (!TreeFacts.HasFile(tree, TreeFacts.DropbearPaths))
            {
                yield return LintFinding.Fails("no-ssh", "/usr/sbin/dropbear", "is missing, but the recipe's sshServer is dropbear, so there is no way to log in",
                    "install dropbear-bin in the tree, or set the recipe's sshServer to openssh");
            }
            else if (tree.Find("etc/dropbear/dropbear_ed25519_host_key") is null)
            {
                yield return LintFinding.Fails("no-ssh", "/etc/dropbear/dropbear_ed25519_host_key", "is missing, so dropbear would make its own host key and the image's pinned fingerprint would not match",
                    "use an mmdebstrap recipe for a dropbear tree (its hook converts the image's host key), or install openssh-server and set sshServer to openssh");
            }
            yield break;
        }
        if (!TreeFacts.HasSshd(tree))
        {
            var dropbear = TreeFacts.HasFile(tree, TreeFacts.DropbearPaths);
            yield return LintFinding.Fails("no-ssh", "/usr/sbin/sshd", dropbear
                    ? "is missing; the tree has dropbear, whose host key boottest does not set up yet, so there is no way to log in"
                    : "is missing: no SSH server, so there is no way for boottest (or you) to log in",
                "install openssh-server in the tree");
            yield break;
        }
        var config = tree.ReadText("etc/ssh/sshd_config") ?? "";
        var lines = config.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        var includes = lines.Any(l => l.StartsWith("Include", StringComparison.OrdinalIgnoreCase) && l.Contains("sshd_config.d", StringComparison.Ordinal));
        var rootLogin = lines.FirstOrDefault(l => l.StartsWith("PermitRootLogin", StringComparison.OrdinalIgnoreCase));
        if (!includes && rootLogin is not null && rootLogin.EndsWith(" no", StringComparison.OrdinalIgnoreCase))
        {
            yield return LintFinding.Fails("root-login", "/etc/ssh/sshd_config", $"says '{rootLogin}' and does not include sshd_config.d, so root cannot log in with the image's key",
                "add 'Include /etc/ssh/sshd_config.d/*.conf' at the top of sshd_config, or remove that line");
        }
    }

    private static IEnumerable<LintFinding> InitrdRelease(LintInput input)
    {
        if (input.Final.Find("etc/initrd-release") is null) yield break;
        yield return LintFinding.Fails("initrd-release", "/etc/initrd-release", "is present, so systemd would treat the tree as an initrd: it runs initrd.target and tries to switch root again",
            "remove /etc/initrd-release from the tree (it belongs in an initrd, e.g. one made by dracut or mkosi)");
    }

    private static IEnumerable<LintFinding> Size(LintInput input)
    {
        if (input.MemoryBytes <= 0 || input.FootprintBytes <= 0) yield break;
        // Measured (docs/2026-11-26-benchmark.md): the fast layout reaches ssh-ready with the tree's tmpfs footprint plus
        // 140-270 MiB, so less than the footprint plus 128 MiB cannot boot; under footprint x1.5 plus 256 MiB it is tight.
        var footprint = input.FootprintBytes >> 20;
        var memory = input.MemoryBytes >> 20;
        if (footprint + MinimumHeadroomMiB > memory)
        {
            yield return LintFinding.Fails("memory", "/", $"the tree takes {footprint} MiB in a tmpfs, which with what the running system needs does not fit the recipe's {input.Recipe.Memory}",
                $"raise the recipe's memory to {RoundUp(footprint * 3 / 2 + 256)}M or more, or trim the tree");
        }
        else if (footprint * 3 / 2 + 256 > memory)
        {
            yield return LintFinding.Warns("memory", "/", $"the tree takes {footprint} MiB in a tmpfs, which leaves little of the recipe's {input.Recipe.Memory} for unpacking it and running the system",
                $"raise the recipe's memory to {RoundUp(footprint * 3 / 2 + 256)}M");
        }
    }

    private static long RoundUp(long mib) => (mib + 255) / 256 * 256;

    private static IEnumerable<LintFinding> Fstab(LintInput input)
    {
        var entries = (input.Original.ReadText("etc/fstab") ?? "").Split('\n').Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Where(l => l.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries) is [var what, ..] && (what.StartsWith("/dev/", StringComparison.Ordinal) || what.Contains('=')))
            .ToList();
        if (entries.Count == 0) yield break;
        yield return LintFinding.Warns("fstab-block", "/etc/fstab", $"had {entries.Count} {(entries.Count == 1 ? "entry" : "entries")} that need{(entries.Count == 1 ? "s" : "")} block devices ({string.Join("; ", entries.Take(3))}); the fstab fix-up emptied it, so nothing waits for them",
            "none needed; keep what those filesystems held in the tree itself");
    }

    private static IEnumerable<LintFinding> MountUnits(LintInput input)
    {
        if (input.Final.Resolve("etc/systemd/system") is not { } folder) yield break;
        foreach (var unit in input.Final.Under(folder).Where(e => e.Path.EndsWith(".mount", StringComparison.Ordinal) || e.Path.EndsWith(".swap", StringComparison.Ordinal)))
        {
            var what = (input.Final.ReadText(unit.Path) ?? "").Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("What=", StringComparison.Ordinal));
            if (what is null || !(what.Contains("/dev/", StringComparison.Ordinal) || what.Contains("UUID=", StringComparison.Ordinal) || what.Contains("LABEL=", StringComparison.Ordinal))) continue;
            yield return LintFinding.Warns("block-unit", "/" + unit.Path, $"mounts a block device ({what}), which a RAM root does not have; boot waits 90 s for it",
                "mask or remove the unit");
        }
    }

    private static IEnumerable<LintFinding> Network(LintInput input)
    {
        if (input.Recipe.Network.DhcpInterfaces.Length == 0 || !TreeFacts.HasSystemd(input.Final) || TreeFacts.Unit(input.Final, "systemd-networkd.service") is not null) yield break;
        yield return LintFinding.Warns("no-networkd", "/lib/systemd/systemd-networkd", "is missing, so boottest's DHCP setup does not apply; SSH is reachable only if the tree's own network setup takes an address on the NIC",
            "install systemd-networkd (on Debian part of systemd) or make sure NetworkManager or similar runs DHCP");
    }

    private static IEnumerable<LintFinding> Xattrs(LintInput input)
    {
        if (input.Source is not { FilesWithXattrs: > 0 } source) yield break;
        yield return LintFinding.Warns("xattrs", "", $"{source.FilesWithXattrs} file(s) carry extended attributes that the initramfs (cpio, BusyBox tar) cannot keep, e.g. {string.Join("; ", source.XattrExamples)}",
            "none for most systems (ping works by ping_group_range); a tool that needs file capabilities must be setuid or set them at boot");
    }

    private static IEnumerable<LintFinding> OtherModules(LintInput input)
    {
        if (input.Kernel.Version is not { } version || input.Final.Resolve("lib/modules") is not { } folder) yield break;
        var others = input.Final.Under(folder).Where(e => e.Type == CpioEntryType.Directory && !e.Path[(folder.Length + 1)..].Contains('/') && e.Path != $"{folder}/{version}").ToList();
        if (others.Count == 0) yield break;
        var bytes = others.Sum(o => input.Final.Under(o.Path).Sum(e => e.HardLinkTo is null ? e.Content?.Length ?? 0 : 0));
        yield return LintFinding.Warns("other-modules", "/" + folder, $"also holds modules for {string.Join(", ", others.Select(o => Path.GetFileName(o.Path)))} ({bytes >> 20} MiB), which kernel {version} does not use",
            "remove the other kernels' packages from the tree");
    }
}
