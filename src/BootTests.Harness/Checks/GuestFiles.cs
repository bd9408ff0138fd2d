using BootTests.Guest;

namespace BootTests.Checks;

/// <summary>Small file questions asked of the guest with plain POSIX tools.</summary>
internal static class GuestFiles
{
    public static string Quote(string path) => "'" + path.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>The file's content, or null when it is missing or unreadable (e.g. an LSM attribute no LSM serves).</summary>
    public static async Task<string?> ReadOrNullAsync(IGuestShell guest, string path, CancellationToken ct)
    {
        var result = await guest.RunAsync($"cat {Quote(path)}", ct: ct).ConfigureAwait(false);
        return result.Succeeded ? result.Stdout : null;
    }

    public static async Task<bool> ExistsAsync(IGuestShell guest, string path, CancellationToken ct) =>
        (await guest.RunAsync($"test -e {Quote(path)}", ct: ct).ConfigureAwait(false)).Succeeded;

    /// <summary>Names in a directory, or null when the directory does not exist.</summary>
    public static async Task<IReadOnlyList<string>?> ListOrNullAsync(IGuestShell guest, string directory, CancellationToken ct)
    {
        var result = await guest.RunAsync($"ls -1 {Quote(directory)}", ct: ct).ConfigureAwait(false);
        return result.Succeeded ? Lines(result.Stdout) : null;
    }

    public static IReadOnlyList<string> Lines(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
