namespace BootTests.Images.Sources;

/// <summary>How a source is read: again even if cached, and how libguestfs boots its appliance (disk sources).</summary>
public sealed record SourceOptions(bool NoCache = false, GuestfsSettings? Guestfs = null);
