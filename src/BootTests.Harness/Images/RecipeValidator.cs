using System.Text.RegularExpressions;

namespace BootTests.Images;

/// <summary>Checks a parsed recipe's values, naming the file, line and column, the field and the bad value.</summary>
public static partial class RecipeValidator
{
    /// <summary>The largest guest memory or tmpfs a recipe may ask for; QEMU's -m is given in MiB as a 32-bit number.</summary>
    public static readonly ByteSize MaxSize = ByteSize.FromMiB(1024 * 1024);

    /// <summary>Throws a usage error for the first bad value; json (the recipe's text) lets the message give its line and column.</summary>
    public static void Validate(Recipe recipe, string? json = null)
    {
        void Fail(string field, string problem)
        {
            var at = json is null ? null : JsonLocation.Find(json, field);
            throw BootTestsException.Usage(Stage.Recipe, $"Recipe {recipe.Source}{(at is null ? "" : ":" + at)}: '{field}' {PrintableText.Of(problem)}");
        }

        if (!NamePattern().IsMatch(recipe.Name))
            Fail("name", $"is '{recipe.Name}'; use letters, digits, '.', '-' and '_' only.");
        ValidateRootfs(recipe, json, Fail);
        if (recipe.KernelModules.Count == 0)
            Fail("kernelModules", "is empty; list the modules to keep (e.g. virtio_net) or [\"*\"] for all.");
        for (var i = 0; i < recipe.KernelModules.Count; i++)
        {
            if (recipe.KernelModules[i] != "*" && !ModulePattern().IsMatch(recipe.KernelModules[i]))
                Fail($"kernelModules[{i}]", $"is '{recipe.KernelModules[i]}', which is not a module name.");
        }

        if (InitSystems.TryParse(recipe.Init) is null)
            Fail("init", $"is '{recipe.Init}'; expected one of {string.Join(", ", InitSystems.Names)}.");
        if (recipe.SshServer is not ("openssh" or "dropbear"))
            Fail("sshServer", $"is '{recipe.SshServer}'; expected openssh or dropbear.");
        if (recipe.RootPassword is { } password && (password.Length == 0 || password.Any(char.IsControl) || password.Contains(':')))
            Fail("rootPassword", "is empty or has a control character or ':'; give a plain password, or leave the field out to keep root's password locked.");
        if (!HostnamePattern().IsMatch(recipe.Hostname))
            Fail("hostname", $"is '{recipe.Hostname}', which is not a valid host name.");
        if (!InterfaceGlobs().IsMatch(recipe.Network.DhcpInterfaces))
            Fail("network.dhcpInterfaces", $"is '{recipe.Network.DhcpInterfaces}'; use interface name globs separated by spaces, such as \"en* eth*\" (or \"\" for none).");
        if (recipe.TmpfsSize != "auto" && !IsSize(recipe.TmpfsSize, out _))
            Fail("tmpfsSize", $"is '{recipe.TmpfsSize}'; expected \"auto\" or a positive size up to 1T such as 1500m or 2G.");
        if (!IsSize(recipe.Memory, out var memory))
            Fail("memory", $"is '{recipe.Memory}'; expected a positive size up to 1T such as 2G or 1536M.");
        else if (memory.Bytes < ByteSize.FromMiB(Recipe.MinimumMemoryMiB).Bytes)
            Fail("memory", $"is '{recipe.Memory}'; a systemd guest needs at least {Recipe.MinimumMemoryMiB}M.");
        ValidateOverlay(recipe.Overlay, Fail);
    }

    private static void ValidateOverlay(IReadOnlyList<OverlayFile> overlay, Action<string, string> fail)
    {
        var seen = new Dictionary<string, (int Index, OverlayFile File)>(StringComparer.Ordinal);
        for (var i = 0; i < overlay.Count; i++)
        {
            var file = overlay[i];
            var path = TreePath.Normalize(file.Path);
            if (path is null || file.Path.Any(char.IsControl))
            {
                fail($"overlay[{i}].path", $"is '{file.Path}'; it must be a relative path inside the tree, without '..' or control characters (e.g. etc/motd).");
                return;
            }
            if (seen.TryGetValue(path, out var earlier))
                fail($"overlay[{i}].path", $"is '{file.Path}', the same file as overlay[{earlier.Index}]; give each path once.");
            var parts = path.Split('/');
            for (var depth = 1; depth < parts.Length; depth++)
            {
                if (seen.TryGetValue(string.Join('/', parts[..depth]), out var parent))
                    fail($"overlay[{i}].path", $"is '{file.Path}', which would be written through overlay[{parent.Index}] ('{parent.File.Path}', a {(parent.File.Symlink is null ? "file" : "symbolic link")}); write the real path instead.");
            }
            seen[path] = (i, file);
            if ((file.Content is null) == (file.Symlink is null))
                fail($"overlay[{i}]", $"('{file.Path}') needs exactly one of 'content' or 'symlink'.");
            if (file.Symlink is { } target && (target.Length == 0 || target.Any(char.IsControl)))
                fail($"overlay[{i}].symlink", $"is '{target}'; a link target must be non-empty, without control characters.");
            if (!ModeOctal().IsMatch(file.Mode))
                fail($"overlay[{i}].mode", $"is '{file.Mode}'; expected octal permissions such as 0644.");
        }
    }

    private static bool IsSize(string text, out ByteSize size)
    {
        size = ByteSize.TryParse(text) ?? default;
        return size.Bytes > 0 && size.Bytes <= MaxSize.Bytes;
    }

    private static bool IsMirrorUrl(string mirror) =>
        !mirror.Any(c => char.IsControl(c) || char.IsWhiteSpace(c))
        && Uri.TryCreate(mirror, UriKind.Absolute, out var uri)
        && uri.Scheme is "http" or "https" or "file";

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[a-z0-9][a-z0-9+.-]+$")]
    private static partial Regex PackagePattern();

    // dpkg's fnmatch globs: printable ASCII without spaces, quotes or backslashes, from the tree's root.
    [GeneratedRegex("^/[A-Za-z0-9._+*?\\[\\]!@%=,:/-]*$")]
    private static partial Regex DpkgPathPattern();

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex ModulePattern();

    [GeneratedRegex("^[A-Za-z0-9]([A-Za-z0-9-]{0,62})$")]
    private static partial Regex HostnamePattern();

    [GeneratedRegex(@"^[A-Za-z0-9*?_.:\[\]! -]*$")]
    private static partial Regex InterfaceGlobs();

    [GeneratedRegex("^0?[0-7]{3,4}$")]
    private static partial Regex ModeOctal();
}
