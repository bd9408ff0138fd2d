using BootTests.Images.Rootfs;
using BootTests.Images.Sources;

namespace BootTests.Images;

/// <summary>The checks of a recipe's rootfs source and kernel: each kind's own fields, and that what they name exists.</summary>
public static partial class RecipeValidator
{
    private static readonly string[] MmdebstrapFields = ["suite", "variant", "packages", "hooks", "pathExclude", "pathInclude", "mirror"];
    private static readonly string[] ImportFields = ["path", "image", "format", "root"];

    /// <summary>The registry and archive transports an oci source may name, as skopeo writes them.</summary>
    public static IReadOnlyList<string> OciTransports { get; } = ["oci:", "oci-archive:", "docker-archive:", "docker://"];

    private static void ValidateRootfs(Recipe recipe, string? json, Action<string, string> fail)
    {
        var spec = recipe.Rootfs;
        if (RootfsKinds.TryParse(spec.Kind) is not { } kind)
        {
            fail("rootfs.kind", $"is '{spec.Kind}'; expected one of {string.Join(", ", RootfsKinds.Names)} (mmdebstrap when left out).");
            return;
        }
        bool Given(string field) => json is null
            ? field switch { "packages" => spec.Packages.Count > 0, "hooks" => spec.Hooks.Count > 0, "pathExclude" => spec.PathExclude.Count > 0, "pathInclude" => spec.PathInclude.Count > 0, "mirror" => spec.Mirror is not null, "path" => spec.Path is not null, "image" => spec.Image is not null, "format" => spec.Format is not null, "root" => spec.Root is not null, _ => false }
            : JsonLocation.Find(json, "rootfs." + field) is not null;
        var foreign = kind == RootfsKind.Mmdebstrap ? ImportFields : MmdebstrapFields;
        foreach (var field in foreign.Where(Given))
        {
            fail("rootfs." + field, kind == RootfsKind.Mmdebstrap
                ? $"is given, but it belongs to an imported tree (kind tar, dir, oci or disk); mmdebstrap recipes take suite, variant, packages, hooks, pathExclude, pathInclude and mirror. Set 'rootfs.kind' or remove it."
                : $"is given, but it belongs to kind mmdebstrap; a {kind.Name()} source is read as it is. Remove it, or set 'rootfs.kind' to mmdebstrap.");
        }
        if (kind == RootfsKind.Mmdebstrap) ValidateMmdebstrap(recipe, fail);
        else ValidateImport(recipe, kind, fail);
        ValidateKernel(recipe, kind, fail);
        if (recipe.SourceDateEpoch is { } epoch && (epoch < 0 || epoch > MaxEpoch))
            fail("sourceDateEpoch", $"is {epoch}; expected seconds since 1970 from 0 to {MaxEpoch} (the year 9999).");
    }

    private const long MaxEpoch = 253402300799;

    private static void ValidateMmdebstrap(Recipe recipe, Action<string, string> fail)
    {
        var spec = recipe.Rootfs;
        if (!NamePattern().IsMatch(spec.Suite))
            fail("rootfs.suite", $"is '{spec.Suite}'; expected a Debian suite such as bookworm.");
        if (spec.Variant is not ("minbase" or "essential" or "apt" or "required" or "important" or "standard"))
            fail("rootfs.variant", $"is '{spec.Variant}'; expected one of minbase, essential, apt, required, important, standard.");
        for (var i = 0; i < spec.Packages.Count; i++)
        {
            if (!PackagePattern().IsMatch(spec.Packages[i]))
                fail($"rootfs.packages[{i}]", $"is '{spec.Packages[i]}', which is not a Debian package name.");
        }
        if (!spec.Packages.Any(p => p.StartsWith("linux-image-", StringComparison.Ordinal)))
            fail("rootfs.packages", "has no linux-image-* package; the kernel is taken from the tree's /boot. Add linux-image-amd64.");
        for (var i = 0; i < spec.Hooks.Count; i++)
        {
            if (!MmdebstrapCommand.HookNames.Contains(spec.Hooks[i]))
                fail($"rootfs.hooks[{i}]", $"is '{spec.Hooks[i]}'; expected one of mmdebstrap's hook folders: {string.Join(", ", MmdebstrapCommand.HookNames)}.");
        }
        foreach (var (field, globs) in new[] { ("pathExclude", spec.PathExclude), ("pathInclude", spec.PathInclude) })
        {
            for (var i = 0; i < globs.Count; i++)
            {
                if (!DpkgPathPattern().IsMatch(globs[i]) || globs[i].Contains("/../", StringComparison.Ordinal) || globs[i].EndsWith("/..", StringComparison.Ordinal))
                    fail($"rootfs.{field}[{i}]", $"is '{globs[i]}'; expected an absolute dpkg path glob without spaces or '..', e.g. /usr/share/doc/*.");
                else if (globs[i].Trim('/', '*').Length == 0)
                    fail($"rootfs.{field}[{i}]", $"is '{globs[i]}', which matches every file; name a folder, e.g. /usr/share/doc/*.");
            }
        }
        if (spec.Mirror is { } mirror && !IsMirrorUrl(mirror))
            fail("rootfs.mirror", $"is '{mirror}', which is not an http://, https:// or file:// URL.");
    }

    private static void ValidateImport(Recipe recipe, RootfsKind kind, Action<string, string> fail)
    {
        var spec = recipe.Rootfs;
        // Both are set up by the mmdebstrap hook (chpasswd, dropbearconvert), which runs nothing inside an imported tree.
        if (recipe.RootPassword is not null)
            fail("rootPassword", $"is given for kind {kind.Name()}; a root password is set only in an mmdebstrap tree. Set it in your tree, or leave the field out to log in by the image's key.");
        if (recipe.SshServer == "dropbear")
            fail("sshServer", $"is dropbear for kind {kind.Name()}; an imported tree is reached by its OpenSSH server (the image's host key is installed for it). Install openssh-server in the tree and leave the field out.");
        if (kind == RootfsKind.Oci)
        {
            if (spec.Path is not null)
                fail("rootfs.path", "is given for kind oci; name the image with 'rootfs.image' instead, e.g. \"oci-archive:app.tar\" or \"oci:layout-dir:tag\".");
            if (spec.Image is not { } image || image.Length == 0)
            {
                fail("rootfs", "has kind oci but no 'image'; give e.g. \"image\": \"oci-archive:app.tar\" (podman save), \"docker-archive:app.tar\" (docker save), \"oci:layout-dir:tag\" or \"docker://registry/name:tag\".");
                return;
            }
            ValidateOciImage(recipe, image, fail);
            return;
        }
        if (spec.Image is not null)
            fail("rootfs.image", $"is given for kind {kind.Name()}; only kind oci takes an image reference. Use 'rootfs.path'.");
        if (spec.Path is not { } path || path.Length == 0)
        {
            fail("rootfs", $"has kind {kind.Name()} but no 'path'; give the {(kind == RootfsKind.Dir ? "folder" : kind == RootfsKind.Tar ? "tarball" : "disk image")} (relative to the recipe file).");
            return;
        }
        if (path.Any(char.IsControl))
            fail("rootfs.path", $"is '{path}', which has control characters.");
        var full = recipe.ResolvePath(path);
        if (kind == RootfsKind.Dir ? !Directory.Exists(full) : !File.Exists(full))
        {
            var what = kind == RootfsKind.Dir ? "folder" : "file";
            fail("rootfs.path", $"is '{path}', but there is no such {what} ({full}){(kind != RootfsKind.Dir && Directory.Exists(full) ? "; it is a folder" : "")}; name the {(kind == RootfsKind.Dir ? "tree's root folder" : kind == RootfsKind.Tar ? "tarball" : "disk image")}.");
        }
        if (kind != RootfsKind.Disk)
        {
            if (spec.Format is not null || spec.Root is not null)
                fail(spec.Format is not null ? "rootfs.format" : "rootfs.root", $"is given for kind {kind.Name()}; only disk sources take 'format' and 'root'.");
            return;
        }
        if (spec.Format is { } format && format is not ("qcow2" or "raw" or "vmdk" or "vdi" or "vhdx"))
            fail("rootfs.format", $"is '{format}'; expected qcow2, raw, vmdk, vdi or vhdx (or leave it out for qemu-img to tell).");
        if (spec.Root is { } root && !DevicePattern().IsMatch(root))
            fail("rootfs.root", $"is '{root}'; expected the root filesystem's device inside the disk, such as /dev/sda2 or /dev/vg0/root (see `virt-filesystems -a DISK`).");
    }

    private static void ValidateOciImage(Recipe recipe, string image, Action<string, string> fail)
    {
        if (image.Any(c => char.IsControl(c)))
        {
            fail("rootfs.image", $"is '{image}', which has control characters.");
            return;
        }
        var transport = OciTransports.FirstOrDefault(t => image.StartsWith(t, StringComparison.Ordinal));
        if (transport is null)
        {
            fail("rootfs.image", $"is '{image}'; start it with one of {string.Join(", ", OciTransports)} (e.g. \"oci-archive:app.tar\" for podman save, \"docker-archive:app.tar\" for docker save).");
            return;
        }
        if (transport == "docker://")
        {
            if (image.Length == transport.Length || image.Any(char.IsWhiteSpace))
                fail("rootfs.image", $"is '{image}'; give a registry reference such as docker://docker.io/library/debian:12.");
            return;
        }
        var (path, _) = OciReference.SplitPath(image[transport.Length..]);
        var full = path.Length == 0 ? "" : recipe.ResolvePath(path);
        var isLayout = transport == "oci:";
        if (path.Length == 0 || (isLayout ? !Directory.Exists(full) : !File.Exists(full)))
            fail("rootfs.image", $"is '{image}', but there is no {(isLayout ? "OCI layout folder" : "archive file")} '{path}'{(full.Length > 0 ? $" ({full})" : "")}; {(isLayout ? "give the folder holding oci-layout and index.json" : "give the tarball podman save or docker save wrote")}.");
        else if (isLayout && !File.Exists(Path.Combine(full, "oci-layout")))
            fail("rootfs.image", $"is '{image}', but '{full}' has no oci-layout file, so it is not an OCI image layout; for a plain tree use kind dir.");
    }

    private static void ValidateKernel(Recipe recipe, RootfsKind kind, Action<string, string> fail)
    {
        switch (recipe.Kernel)
        {
            case null or "tree":
                break;
            case not null when kind == RootfsKind.Mmdebstrap:
                fail("kernel", $"is '{recipe.Kernel}'; an mmdebstrap tree boots its own kernel (linux-image-* in rootfs.packages). Leave 'kernel' out.");
                break;
            case "default":
                break;
            case { } path when path.Length == 0 || path.Any(char.IsControl):
                fail("kernel", $"is '{path}'; give \"tree\", \"default\" or the path of a vmlinuz file.");
                break;
            case { } path when !File.Exists(recipe.ResolvePath(path)):
                fail("kernel", $"is '{path}', which is neither \"tree\" nor \"default\" nor an existing file ({recipe.ResolvePath(path)}); give one of those.");
                break;
            case { } path when !KernelImage.IsBzImage(recipe.ResolvePath(path)):
                fail("kernel", $"is '{path}' ({recipe.ResolvePath(path)}), which is not an x86 Linux kernel (no bzImage boot header); give a vmlinuz file, \"tree\" or \"default\".");
                break;
        }
        if (recipe.KernelModulesDir is { } modules)
        {
            if (recipe.Kernel is null or "tree" or "default")
                fail("kernelModulesDir", "is given, but 'kernel' is not a vmlinuz file; the tree's or the default kernel's modules are used. Remove it, or give 'kernel' as a file.");
            else if (modules.Any(char.IsControl) || !Directory.Exists(recipe.ResolvePath(modules)))
                fail("kernelModulesDir", $"is '{modules}', which is not a folder ({recipe.ResolvePath(modules)}); give the kernel's /lib/modules/VERSION folder.");
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex("^/dev/[A-Za-z0-9][A-Za-z0-9/_.:-]*$")]
    private static partial System.Text.RegularExpressions.Regex DevicePattern();
}
