namespace BootTests.Guest;

/// <summary>Quotes one word for the guest's POSIX shell, so a path with spaces, quotes or $ reaches the command as it is.</summary>
public static class ShellWord
{
    public static string Quote(string word) => "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
