namespace BootTests.Qemu;

/// <summary>
/// The directory for a run's Unix sockets: the run directory when its paths fit the socket length limit,
/// otherwise a private short directory under /tmp that is deleted on dispose.
/// </summary>
public sealed class QemuSocketDirectory : IDisposable
{
    private QemuSocketDirectory(string path, bool isPrivate)
    {
        Path = path;
        IsPrivate = isPrivate;
    }

    public string Path { get; }

    /// <summary>True when this is a temporary directory that dispose deletes.</summary>
    public bool IsPrivate { get; }

    public static QemuSocketDirectory For(string runDirectory)
    {
        var full = System.IO.Path.GetFullPath(runDirectory);
        if (UnixSocketPath.DirectoryFits(full))
        {
            return new QemuSocketDirectory(full, isPrivate: false);
        }
        // CreateTempSubdirectory makes a fresh directory with mode 0700, so no other user can reach the sockets.
        var created = Directory.CreateTempSubdirectory("bt-");
        return new QemuSocketDirectory(created.FullName, isPrivate: true);
    }

    /// <summary>A directory the caller chose and keeps; dispose leaves it alone.</summary>
    public static QemuSocketDirectory Existing(string path) => new(path, isPrivate: false);

    public void Dispose()
    {
        if (!IsPrivate)
        {
            return;
        }
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
