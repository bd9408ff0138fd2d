using BootTests.Serial;

namespace BootTests.Tests.TestKit;

/// <summary>The recorded and hand-written console transcripts copied next to the tests.</summary>
internal static class Transcripts
{
    public const string DevtmpfsNetworkd = "devtmpfs-networkd.console.log";
    public const string MdevDev = "seed-layout-mdev-dev.console.log";

    public static string PathOf(string name) =>
        Path.Combine(TestContext.CurrentContext.TestDirectory, "transcripts", name);

    public static byte[] Bytes(string name) => File.ReadAllBytes(PathOf(name));

    public static ConsoleTranscript Load(string name) => ConsoleTranscript.Load(PathOf(name));
}
