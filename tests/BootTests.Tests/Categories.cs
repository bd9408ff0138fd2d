namespace BootTests.Tests;

/// <summary>Test categories: unit tests need no VM; image tests build real images; boot tests start real QEMU.</summary>
public static class Categories
{
    public const string Unit = "Unit";
    public const string Boot = "Boot";

    /// <summary>Builds real images (mmdebstrap rootfs from the shared cache) and inspects them with GNU tools; no VM.</summary>
    public const string Image = "Image";

    /// <summary>Boots broken images and breaks boots on purpose: each case proves a red result is quick, names its stage and leaves nothing behind.</summary>
    public const string Fault = "Fault";

    /// <summary>Runs the CI templates for real (GitLab's under gitlab-ci-local's shell executor, booting a small suite in two shards); npm tools pinned in ci/tools.</summary>
    public const string Ci = "Ci";

    /// <summary>Reads and installs what `dotnet pack` wrote (run-tests.sh packs before the tests run); no VM.</summary>
    public const string Package = "Package";
}
