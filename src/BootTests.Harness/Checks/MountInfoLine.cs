namespace BootTests.Checks;

/// <summary>One line of /proc/self/mountinfo: which device is mounted where, with which filesystem.</summary>
internal sealed record MountInfoLine(string MajorMinor, string MountPoint, string FsType, string Source)
{
    public bool IsAnonymousDevice => MajorMinor.StartsWith("0:", StringComparison.Ordinal);

    // Format: ID PARENT MAJ:MIN ROOT MOUNTPOINT OPTIONS [OPTIONAL...] - FSTYPE SOURCE SUPEROPTIONS
    public static MountInfoLine? Parse(string line)
    {
        var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var separator = Array.IndexOf(fields, "-");
        if (fields.Length < 6 || separator < 6 || separator + 2 >= fields.Length)
        {
            return null;
        }

        return new MountInfoLine(fields[2], fields[4], fields[separator + 1], fields[separator + 2]);
    }

    /// <summary>The mount visible at <c>/</c>: the last one listed there, since later mounts cover earlier ones.</summary>
    public static MountInfoLine? RootOf(string mountInfo) =>
        GuestFiles.Lines(mountInfo).Select(Parse).LastOrDefault(m => m?.MountPoint == "/");

    public override string ToString() => $"{FsType} from '{Source}' on {MajorMinor}";
}
