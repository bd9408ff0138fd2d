using BootTests.Guest;
using BootTests.Images;

namespace BootTests.Checks;

/// <summary>The getty drop-in that keeps the boot messages on tty1 is in effect (TTYVTDisallocate=no); systemd's only.</summary>
public sealed class GettyNoclearCheck : IRamRootCheck
{
    private const string DropInDirectory = "/etc/systemd/system/getty@.service.d";
    private const string Expected = "TTYVTDisallocate=no";

    public string Name => "getty-noclear";

    public async Task<CheckResult> RunAsync(IGuestShell guest, CheckContext context, CancellationToken ct)
    {
        var expected = $"{Expected} (from a drop-in in {DropInDirectory}/)";
        if (context.Init != InitSystem.Systemd)
            return CheckResult.NotApplicable(Name, expected, $"the getty drop-in is systemd's; this guest runs {context.Init.Name()}, whose gettys come from /etc/inittab");
        var shown = await guest.RunAsync("systemctl show -p TTYVTDisallocate getty@tty1.service", ct: ct).ConfigureAwait(false);
        var dropIns = await GuestFiles.ListOrNullAsync(guest, DropInDirectory, ct).ConfigureAwait(false);
        var printed = shown.Succeeded ? shown.Stdout.Trim() : $"(systemctl exited {shown.ExitStatus}: {shown.Stderr.Trim()})";
        var dropInText = dropIns switch
        {
            null => $"{DropInDirectory}/ missing",
            [] => $"{DropInDirectory}/ empty",
            _ => $"drop-ins: {string.Join(", ", dropIns)}",
        };
        return new CheckResult(Name, printed == Expected, expected, $"{printed}; {dropInText}");
    }
}
