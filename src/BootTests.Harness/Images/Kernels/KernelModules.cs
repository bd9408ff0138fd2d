using BootTests.Images.Cpio;
using BootTests.Images.Fixups;
using BootTests.Images.Sources;

namespace BootTests.Images.Kernels;

/// <summary>
/// A tree's /lib/modules for the kernel that boots it: brought in when the tree has none (as LinuxKit does with its kernel
/// image), and trimmed to the recipe's kernelModules and what they need, its index rebuilt by the host's depmod over a
/// copy of only the kept modules (nothing of the tree is run).
/// </summary>
public static class KernelModules
{
    public const string BringName = "kernel-modules-in";
    public const string TrimName = "kernel-modules";

    private static readonly string[] DepmodInputs = ["modules.order", "modules.builtin", "modules.builtin.modinfo"];

    /// <summary>Where the tree keeps the modules of a version: the real path of lib/modules/VERSION (through /lib -> usr/lib), or where it would go.</summary>
    public static string FolderIn(MutableTree tree, string version) =>
        tree.Resolve($"lib/modules/{version}") ?? $"{tree.Resolve("lib") ?? "lib"}/modules/{version}";

    /// <summary>The index of a tree's modules of a version, or null when it has no modules.dep for it.</summary>
    public static ModulesIndex? IndexOf(MutableTree tree, string version)
    {
        var folder = FolderIn(tree, version);
        return tree.ReadText(folder + "/modules.dep") is { } dep
            ? new ModulesIndex(dep, tree.ReadText(folder + "/modules.builtin"), tree.ReadText(folder + "/modules.alias"), tree.ReadText(folder + "/modules.softdep"))
            : null;
    }

    /// <summary>Puts the modules (entries relative to their lib/modules/VERSION folder) into a tree that has none of that version.</summary>
    public static FixupOutcome Bring(MutableTree tree, string version, IReadOnlyList<CpioEntry> modules, string from, long mtime)
    {
        var folder = FolderIn(tree, version);
        if (tree.Find(folder + "/modules.dep") is not null)
            return FixupOutcome.Already(BringName, $"the tree has its own modules for {version} in /{folder}");
        var edit = new TreeEdit(tree, mtime);
        var real = edit.EnsureDirectory(folder);
        foreach (var entry in modules.OrderBy(e => e.Path, Comparer<string>.Create(CpioPath.Compare)))
        {
            var path = real + "/" + entry.Path;
            tree.Put(entry with { Path = path, HardLinkTo = entry.HardLinkTo is { } link ? real + "/" + link : null });
        }
        var count = modules.Count(e => e.Path.Contains(".ko", StringComparison.Ordinal) && e.Type == CpioEntryType.RegularFile);
        return FixupOutcome.Did(BringName, $"the tree had no modules for {version}: brought the {count} modules of {from} into /{real}");
    }

    /// <summary>Keeps only the wanted modules ("*": all) and what they need; throws a usage error naming a module the kernel does not have.</summary>
    public static async Task<FixupOutcome> TrimAsync(MutableTree tree, string version, IReadOnlyList<string> wanted, string work, long mtime, string recipeSource, CancellationToken ct)
    {
        var folder = FolderIn(tree, version);
        if (IndexOf(tree, version) is not { } index)
            return FixupOutcome.Skipped(TrimName, $"the tree has no modules.dep for {version}");
        var present = tree.Under(folder).Where(e => e.Type == CpioEntryType.RegularFile && e.Path.Contains(".ko", StringComparison.Ordinal))
            .Select(e => e.Path[(folder.Length + 1)..]).ToHashSet(StringComparer.Ordinal);
        if (wanted is ["*"])
            return FixupOutcome.Already(TrimName, $"every module is kept ({present.Count})");
        var keep = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in wanted)
        {
            if (!index.Knows(name))
            {
                throw BootTestsException.Usage(Stage.Lint,
                    $"Recipe {recipeSource}: kernelModules names '{name}', which kernel {version} does not have (not in /{folder}/modules.dep nor modules.builtin); remove it, or give a kernel that has it.");
            }
            keep.UnionWith(index.Closure(name));
        }
        var removed = present.Where(p => !keep.Contains(p)).ToList();
        if (removed.Count == 0)
            return FixupOutcome.Already(TrimName, $"the tree holds only the wanted modules and what they need ({present.Count})");
        foreach (var path in removed) tree.Remove(folder + "/" + path);
        RemoveEmptyDirectories(tree, folder + "/kernel");
        await RebuildIndexAsync(tree, folder, version, work, mtime, ct);
        var kept = present.Count - removed.Count;
        return FixupOutcome.Did(TrimName, $"kept {kept} of {present.Count} modules ({string.Join(' ', wanted)} and what they need) and rebuilt the index with depmod");
    }

    private static void RemoveEmptyDirectories(MutableTree tree, string root)
    {
        foreach (var directory in tree.Under(root).Where(e => e.Type == CpioEntryType.Directory).Select(e => e.Path).OrderByDescending(p => p.Length).ToList())
        {
            if (!tree.Under(directory).Any()) tree.Remove(directory);
        }
    }

    private static async Task RebuildIndexAsync(MutableTree tree, string folder, string version, string work, long mtime, CancellationToken ct)
    {
        var baseFolder = Directory.CreateDirectory(Path.Combine(work, "depmod")).FullName;
        var copy = Directory.CreateDirectory(Path.Combine(baseFolder, "lib", "modules", version)).FullName;
        try
        {
            foreach (var entry in tree.Under(folder).Where(e => e.Type == CpioEntryType.RegularFile).ToList())
            {
                var relative = entry.Path[(folder.Length + 1)..];
                if (!relative.Contains(".ko", StringComparison.Ordinal) && !DepmodInputs.Contains(relative)) continue;
                var target = Path.Combine(copy, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                await File.WriteAllBytesAsync(target, tree.ReadBytes(entry.Path, long.MaxValue) ?? [], ct);
            }
            var result = await SourceTool.RunAsync("depmod", ["-b", baseFolder, version], ct);
            if (result.ExitCode != 0)
                throw SourceTool.Failed("depmod", ["-b", baseFolder, version], result, "Check that kmod is installed (apt-get install kmod).");
            foreach (var stale in tree.Under(folder).Where(e => IsIndex(e.Path[(folder.Length + 1)..])).Select(e => e.Path).ToList())
                tree.Remove(stale);
            foreach (var file in Directory.GetFiles(copy).Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(file);
                if (!IsIndex(name)) continue;
                tree.Put(new CpioEntry($"{folder}/{name}", CpioEntryType.RegularFile, 0b110_100_100, 0, 0, mtime)
                {
                    Content = new BytesContent(await File.ReadAllBytesAsync(file, ct)),
                });
            }
        }
        finally
        {
            CacheDirectory.DeleteQuietly(baseFolder);
        }
    }

    // What depmod writes, as opposed to what it reads (modules.order, modules.builtin, modules.builtin.modinfo) and the modules themselves.
    private static bool IsIndex(string relative) =>
        relative.StartsWith("modules.", StringComparison.Ordinal) && !relative.Contains('/') && !DepmodInputs.Contains(relative);
}
