using BootTests.Guest;

namespace BootTests.Checks;

/// <summary>/etc/fstab mounts nothing: only comments and blank lines, or no file at all.</summary>
public sealed class FstabEmptyCheck : IRamRootCheck
{
    public string Name => "fstab-empty";

    public async Task<CheckResult> RunAsync(IGuestShell guest, CheckContext context, CancellationToken ct)
    {
        var fstab = await GuestFiles.ReadOrNullAsync(guest, "/etc/fstab", ct).ConfigureAwait(false);
        var entries = fstab is null
            ? []
            : GuestFiles.Lines(fstab).Where(line => !line.StartsWith('#')).ToList();
        var actual = entries.Count == 0
            ? fstab is null ? "no /etc/fstab" : "no entries"
            : string.Join("; ", entries);
        return new CheckResult(Name, entries.Count == 0, "no entries in /etc/fstab", actual);
    }
}
