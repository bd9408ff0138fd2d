namespace BootTests.Tests.TestKit;

/// <summary>A bootable x86-64 kernel for boot tests without a guest image: $BOOTTESTS_TEST_KERNEL, else the host's /boot/vmlinuz-*, else the default recipe's (built and cached).</summary>
internal static class TestKernel
{
    public const string Variable = "BOOTTESTS_TEST_KERNEL";

    /// <summary>The kernel's path; fails the test (never skips it) when there is none.</summary>
    public static string Path
    {
        get
        {
            var fromEnvironment = Environment.GetEnvironmentVariable(Variable);
            if (!string.IsNullOrEmpty(fromEnvironment))
            {
                if (!File.Exists(fromEnvironment))
                {
                    Assert.Fail($"{Variable}={fromEnvironment} does not exist.");
                }
                return fromEnvironment;
            }
            var host = Directory.Exists("/boot")
                ? Directory.GetFiles("/boot", "vmlinuz-*").Where(IsReadable).Order(StringComparer.Ordinal).LastOrDefault()
                : null;
            // CI hosts often have no readable /boot: the default rootfs (cached by content) carries Debian's kernel.
            host ??= new BootTests.Images.Rootfs.RootfsBuilder(BootTests.Images.CacheDirectory.Default())
                .BuildAsync(BootTests.Images.RecipeLoader.Load(null), noCache: false, CancellationToken.None)
                .GetAwaiter().GetResult().KernelPath;
            return host!;
        }
    }

    private static bool IsReadable(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
