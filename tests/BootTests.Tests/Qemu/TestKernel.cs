namespace BootTests.Tests.Qemu;

/// <summary>A bootable x86-64 kernel for boot tests without a guest image: $BOOTTESTS_TEST_KERNEL, else the host's /boot/vmlinuz-*.</summary>
internal static class TestKernel
{
    public const string Variable = "BOOTTESTS_TEST_KERNEL";

    /// <summary>The kernel's path; fails the test (never skips it) when there is none.</summary>
    public static string Path
    {
        get
        {
            string? fromEnvironment = Environment.GetEnvironmentVariable(Variable);
            if (!string.IsNullOrEmpty(fromEnvironment))
            {
                if (!File.Exists(fromEnvironment))
                {
                    Assert.Fail($"{Variable}={fromEnvironment} does not exist.");
                }
                return fromEnvironment;
            }
            string? host = Directory.Exists("/boot")
                ? Directory.GetFiles("/boot", "vmlinuz-*").Where(IsReadable).Order(StringComparer.Ordinal).LastOrDefault()
                : null;
            if (host is null)
            {
                Assert.Fail(
                    $"No kernel to boot: set {Variable} to a bzImage/vmlinuz (e.g. extracted with "
                    + "'apt-get download linux-image-6.1.0-<n>-amd64; dpkg-deb --fsys-tarfile *.deb | tar -x ./boot') "
                    + "or make /boot/vmlinuz-* readable.");
            }
            return host!;
        }
    }

    private static bool IsReadable(string path)
    {
        try
        {
            using FileStream stream = File.OpenRead(path);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
