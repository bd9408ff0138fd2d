using System.Globalization;
using BootTests.Guest;

namespace BootTests.Checks;

/// <summary><c>/</c> is a tmpfs (not the initramfs rootfs, not ramfs, not a disk) of the size the image asked for.</summary>
public sealed class RootIsTmpfsCheck : IRamRootCheck
{
    public string Name => "root-is-tmpfs";

    public async Task<CheckResult> RunAsync(IGuestShell guest, CheckContext context, CancellationToken ct)
    {
        var expected = context.ExpectedTmpfsBytes is { } bytes ? $"tmpfs, {ByteSizeText.Of(bytes)}" : "tmpfs";
        var mountInfo = await GuestFiles.ReadOrNullAsync(guest, "/proc/self/mountinfo", ct).ConfigureAwait(false);
        var root = mountInfo is null ? null : MountInfoLine.RootOf(mountInfo);
        if (root is null)
        {
            return Fail(expected, "no mount at / in /proc/self/mountinfo");
        }

        if (root.FsType != "tmpfs")
        {
            return Fail(expected, root.FsType);
        }

        var statfs = await guest.RunAsync("stat -f -c '%b %S' /", ct: ct).ConfigureAwait(false);
        if (!TryParseBlocks(statfs.Stdout, out var size, out var blockSize))
        {
            return Fail(expected, $"tmpfs, size unknown (stat -f printed '{statfs.Stdout.Trim()}', exit {statfs.ExitStatus})");
        }

        var actual = $"tmpfs, {ByteSizeText.Of(size)}";
        // tmpfs rounds its size up to whole pages, and its block size is the page size.
        var passed = context.ExpectedTmpfsBytes is not { } want || Math.Abs(size - want) < blockSize;
        return new CheckResult(Name, passed, expected, actual);
    }

    private CheckResult Fail(string expected, string actual) => new(Name, passed: false, expected, actual);

    private static bool TryParseBlocks(string statOutput, out long bytes, out long blockSize)
    {
        bytes = 0;
        blockSize = 0;
        var fields = statOutput.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (fields.Length != 2
            || !long.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var blocks)
            || !long.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out blockSize))
        {
            return false;
        }

        bytes = blocks * blockSize;
        return true;
    }
}
