namespace BootTests.Images.Fixups;

/// <summary>The tree's own initrd images are never used in a RAM root (the kernel boots from outside the tree), so they do not take RAM.</summary>
public sealed class BootInitrdFixup : ITreeFixup
{
    public string Name => "boot-initrd";

    public FixupOutcome Apply(TreeEdit edit, FixupContext context)
    {
        if (edit.Tree.Resolve("boot") is not { } boot) return FixupOutcome.Skipped(Name, "no /boot");
        var initrds = edit.Tree.Under(boot)
            .Where(e => e.Type == Cpio.CpioEntryType.RegularFile && !e.Path[(boot.Length + 1)..].Contains('/'))
            .Where(e => Path.GetFileName(e.Path) is var n && (n.StartsWith("initrd.img-", StringComparison.Ordinal) || (n.StartsWith("initramfs-", StringComparison.Ordinal) && n.EndsWith(".img", StringComparison.Ordinal))))
            .ToList();
        foreach (var initrd in initrds) edit.Tree.Remove(initrd.Path);
        return initrds.Count == 0
            ? FixupOutcome.Already(Name, "no initrd images in /boot")
            : FixupOutcome.Did(Name, $"removed {string.Join(", ", initrds.Select(i => "/" + i.Path))} ({initrds.Sum(i => i.Content?.Length ?? 0) / 1048576.0:F1} MiB)");
    }
}
