using System.Text.RegularExpressions;

namespace BootTests.Images;

/// <summary>Checks a parsed recipe's values, naming the field and the bad value.</summary>
public static partial class RecipeValidator
{
    public static void Validate(Recipe recipe)
    {
        void Fail(string field, string problem) =>
            throw BootTestsException.Usage("recipe", $"Recipe {recipe.Source}: '{field}' {problem}");

        if (!NamePattern().IsMatch(recipe.Name))
            Fail("name", $"is '{recipe.Name}'; use letters, digits, '.', '-' and '_' only.");
        if (!NamePattern().IsMatch(recipe.Rootfs.Suite))
            Fail("rootfs.suite", $"is '{recipe.Rootfs.Suite}'; expected a Debian suite such as bookworm.");
        if (recipe.Rootfs.Variant is not ("minbase" or "essential" or "apt" or "required" or "important" or "standard"))
            Fail("rootfs.variant", $"is '{recipe.Rootfs.Variant}'; expected one of minbase, essential, apt, required, important, standard.");
        foreach (var package in recipe.Rootfs.Packages)
            if (!PackagePattern().IsMatch(package))
                Fail("rootfs.packages", $"contains '{package}', which is not a Debian package name.");
        if (!recipe.Rootfs.Packages.Contains("linux-image-amd64") && !recipe.Rootfs.Packages.Any(p => p.StartsWith("linux-image-", StringComparison.Ordinal)))
            Fail("rootfs.packages", "has no linux-image-* package; the kernel is taken from the tree's /boot.");
        if (recipe.Rootfs.Mirror is { } mirror && !Uri.TryCreate(mirror, UriKind.Absolute, out _))
            Fail("rootfs.mirror", $"is '{mirror}', which is not an absolute URL.");
        if (recipe.KernelModules.Count == 0)
            Fail("kernelModules", "is empty; list the modules to keep (e.g. virtio_net) or [\"*\"] for all.");
        foreach (var module in recipe.KernelModules)
            if (module != "*" && !ModulePattern().IsMatch(module))
                Fail("kernelModules", $"contains '{module}', which is not a module name.");
        if (!HostnamePattern().IsMatch(recipe.Hostname))
            Fail("hostname", $"is '{recipe.Hostname}', which is not a valid host name.");
        if (recipe.Network.DhcpInterfaces.Any(c => char.IsControl(c) || c is '\'' or '"' or '\\'))
            Fail("network.dhcpInterfaces", $"is '{recipe.Network.DhcpInterfaces}'; use interface name globs such as \"en* eth*\".");
        if (recipe.TmpfsSize != "auto" && ByteSize.TryParse(recipe.TmpfsSize) is null)
            Fail("tmpfsSize", $"is '{recipe.TmpfsSize}'; expected \"auto\" or a positive size such as 1500m or 2G.");
        if (ByteSize.TryParse(recipe.Memory) is not { } memory)
            Fail("memory", $"is '{recipe.Memory}'; expected a positive size such as 2G or 1536M.");
        else if (memory.Bytes < ByteSize.FromMiB(128).Bytes)
            Fail("memory", $"is '{recipe.Memory}'; a systemd guest needs at least 128M.");
        foreach (var file in recipe.Overlay)
        {
            if (TreePath.Normalize(file.Path) is null)
                Fail("overlay.path", $"is '{file.Path}'; it must be a relative path inside the tree, without '..'.");
            if ((file.Content is null) == (file.Symlink is null))
                Fail($"overlay[{file.Path}]", "needs exactly one of 'content' or 'symlink'.");
            if (!ModeOctal().IsMatch(file.Mode))
                Fail($"overlay[{file.Path}].mode", $"is '{file.Mode}'; expected octal permissions such as 0644.");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[a-z0-9][a-z0-9+.-]+$")]
    private static partial Regex PackagePattern();

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex ModulePattern();

    [GeneratedRegex("^[A-Za-z0-9]([A-Za-z0-9-]{0,62})$")]
    private static partial Regex HostnamePattern();

    [GeneratedRegex("^0?[0-7]{3,4}$")]
    private static partial Regex ModeOctal();
}
