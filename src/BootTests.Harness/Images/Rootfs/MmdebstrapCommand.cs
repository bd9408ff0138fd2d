using System.Globalization;

namespace BootTests.Images.Rootfs;

/// <summary>
/// The mmdebstrap command line and environment for a recipe; pure, so tests can check that no path is ever part of
/// shell text. mmdebstrap runs the customize hook with `sh -c`: the hook's own text is fixed, and every path it needs
/// travels in the environment.
/// </summary>
public sealed record MmdebstrapCommand(IReadOnlyList<string> Arguments, IReadOnlyDictionary<string, string?> Environment)
{
    /// <summary>The one piece of shell text: fixed, quoting the variables it expands.</summary>
    public const string CustomizeHook = "--customize-hook=\"$BOOTTESTS_HOOK\" \"$1\"";

    /// <summary>Where Debian's mmdebstrap keeps its hook folders.</summary>
    public const string HooksFolder = "/usr/share/mmdebstrap/hooks";

    /// <summary>The hook folders mmdebstrap 1.3 ships that a recipe may name (merged-usr: the merged-/usr links and usr-is-merged instead of usrmerge and perl).</summary>
    public static IReadOnlyList<string> HookNames { get; } =
        ["merged-usr", "no-merged-usr", "maybe-merged-usr", "eatmydata", "busybox", "file-mirror-automount", "jessie-or-older", "maybe-jessie-or-older"];

    /// <summary>Fails (environment) when a hook folder the recipe names is not where this host's mmdebstrap keeps them.</summary>
    public static void RequireHooks(Recipe recipe, string hooksFolder = HooksFolder)
    {
        foreach (var name in recipe.Rootfs.Hooks.Where(h => !Directory.Exists(Path.Combine(hooksFolder, h))))
        {
            throw BootTestsException.Environment(Stage.Rootfs,
                $"The recipe's rootfs.hooks names '{name}', but this host's mmdebstrap has no {hooksFolder}/{name}. Install Debian 12's mmdebstrap (1.3 has it) or remove the hook from the recipe.");
        }
    }

    /// <param name="recipe">The recipe whose rootfs is made.</param>
    /// <param name="work">The temporary folder the tree (rootfs.tar), kernel and version are written to.</param>
    /// <param name="hook">The customize script.</param>
    /// <param name="keys">The folder with the host key and authorized_keys.</param>
    /// <param name="sourceDateEpoch">The timestamp of every file.</param>
    public static MmdebstrapCommand For(Recipe recipe, string work, string hook, string keys, long sourceDateEpoch)
    {
        var environment = new Dictionary<string, string?>
        {
            ["SOURCE_DATE_EPOCH"] = sourceDateEpoch.ToString(CultureInfo.InvariantCulture),
            ["BOOTTESTS_HOOK"] = hook,
            ["BOOTTESTS_KEYS"] = keys,
            ["BOOTTESTS_MODULES"] = string.Join(' ', recipe.KernelModules),
            ["BOOTTESTS_HOSTNAME"] = recipe.Hostname,
            ["BOOTTESTS_DHCP"] = recipe.Network.DhcpInterfaces,
            ["BOOTTESTS_INIT"] = recipe.Init,
            ["BOOTTESTS_SSH_SERVER"] = recipe.SshServer,
            ["BOOTTESTS_ROOT_PASSWORD"] = recipe.RootPassword ?? "",
            ["BOOTTESTS_OUT"] = work,
        };
        List<string> arguments =
        [
            "--variant=" + recipe.Rootfs.Variant,
            "--include=" + string.Join(',', recipe.Rootfs.Packages),
            .. recipe.Rootfs.Hooks.Select(h => $"--hook-dir={HooksFolder}/{h}"),
            .. recipe.Rootfs.PathExclude.Select(g => $"--dpkgopt=path-exclude={g}"),
            .. recipe.Rootfs.PathInclude.Select(g => $"--dpkgopt=path-include={g}"),
            CustomizeHook,
            recipe.Rootfs.Suite,
            Path.Combine(work, "rootfs.tar"),
        ];
        if (recipe.Rootfs.Mirror is { } mirror) arguments.Add(mirror);
        return new MmdebstrapCommand(arguments, environment);
    }
}
