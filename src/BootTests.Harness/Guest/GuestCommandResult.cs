namespace BootTests.Guest;

/// <summary>What one guest command did: exit status (-1 when the guest reported none), output and duration.</summary>
public sealed record GuestCommandResult(string Command, int ExitStatus, string Stdout, string Stderr, TimeSpan Duration)
{
    public bool Succeeded => ExitStatus == 0;
}
