namespace BootTests.Images.Rootfs;

/// <summary>
/// The SSH keys of a rootfs are inputs of its images, like the recipe: a rebuild keeps the ones of the entry it replaces
/// (so `--no-cache` gives the same bytes), and new ones are made only when there are none or when asked.
/// </summary>
public static class KeptKeys
{
    private static readonly string[] Files = ["ssh_host_ed25519_key", "ssh_host_ed25519_key.pub", "id_ed25519", "id_ed25519.pub", "authorized_keys"];

    /// <summary>Fills <paramref name="keysFolder"/>: copied from <paramref name="previousFolder"/>/keys when it has them all and new ones are not asked for; else made. True when kept.</summary>
    public static async Task<bool> PrepareAsync(string keysFolder, string previousFolder, bool newKeys, CancellationToken ct)
    {
        Directory.CreateDirectory(keysFolder);
        var previous = Path.Combine(previousFolder, "keys");
        if (!newKeys && Files.All(f => File.Exists(Path.Combine(previous, f))))
        {
            foreach (var file in Files)
            {
                var target = Path.Combine(keysFolder, file);
                File.Copy(Path.Combine(previous, file), target);
                if (!file.EndsWith(".pub", StringComparison.Ordinal) && file != "authorized_keys") File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
            return true;
        }
        await SshKeys.CreateEd25519Async(Path.Combine(keysFolder, "ssh_host_ed25519_key"), "boottests-host", ct);
        await SshKeys.CreateEd25519Async(Path.Combine(keysFolder, "id_ed25519"), "boottests-client", ct);
        File.Copy(Path.Combine(keysFolder, "id_ed25519.pub"), Path.Combine(keysFolder, "authorized_keys"));
        return false;
    }
}
