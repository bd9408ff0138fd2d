namespace BootTests.Tests.TestKit;

/// <summary>The repository the tests were built from: its root folder (where BootTests.sln is) and paths in it.</summary>
internal static class Repository
{
    public static string Root
    {
        get
        {
            var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "BootTests.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("BootTests.sln not found above the test directory");
        }
    }

    public static string PathOf(string relative) => Path.Combine(Root, relative);
}
