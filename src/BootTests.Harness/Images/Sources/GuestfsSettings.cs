namespace BootTests.Images.Sources;

/// <summary>
/// How libguestfs boots its appliance: the accelerator decision is made by the stage that knows whether KVM runs Linux
/// here (the session or the CLI ask the probe) and passed in; without one, TCG, which works everywhere.
/// </summary>
public sealed record GuestfsSettings(bool ForceTcg = true)
{
    /// <summary>Where the appliance is kept (LIBGUESTFS_CACHEDIR); null: the cache's libguestfs/ folder.</summary>
    public string? CacheFolder { get; init; }

    /// <summary>The environment guestfish runs with: the direct backend, force_tcg when KVM cannot run Linux, the appliance cached in <paramref name="cacheFolder"/>.</summary>
    public IReadOnlyDictionary<string, string?> Environment(string cacheFolder) => new Dictionary<string, string?>
    {
        ["LIBGUESTFS_BACKEND"] = "direct",
        ["LIBGUESTFS_BACKEND_SETTINGS"] = ForceTcg ? "force_tcg" : null,
        ["LIBGUESTFS_CACHEDIR"] = cacheFolder,
    };

    public string Accelerator => ForceTcg ? "tcg (LIBGUESTFS_BACKEND_SETTINGS=force_tcg)" : "kvm";
}
