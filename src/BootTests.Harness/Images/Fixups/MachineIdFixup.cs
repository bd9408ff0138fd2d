using BootTests.Images.Cpio;

namespace BootTests.Images.Fixups;

/// <summary>An empty /etc/machine-id (and no D-Bus copy), so every image booted from the tree gets its own id.</summary>
public sealed class MachineIdFixup : ITreeFixup
{
    public string Name => "machine-id";

    public FixupOutcome Apply(TreeEdit edit, FixupContext context)
    {
        var done = new List<string>();
        if (edit.WriteText("etc/machine-id", "")) done.Add("emptied /etc/machine-id");
        if (edit.Tree.Get("var/lib/dbus/machine-id") is { Type: CpioEntryType.RegularFile or CpioEntryType.SymbolicLink })
        {
            edit.Remove("var/lib/dbus/machine-id");
            done.Add("removed /var/lib/dbus/machine-id");
        }
        return done.Count == 0 ? FixupOutcome.Already(Name, "/etc/machine-id is empty") : FixupOutcome.Did(Name, string.Join(", ", done));
    }
}
