using BootTests.Images.Sources;

namespace BootTests.Images.Rootfs;

/// <summary>How a rootfs is built: again even if cached, with new SSH keys (otherwise the cached ones are kept), and how libguestfs boots.</summary>
public sealed record RootfsBuildOptions(bool NoCache = false, bool NewKeys = false, GuestfsSettings? Guestfs = null);
