using BootTests.Checks;
using BootTests.Images;
using BootTests.Qemu;
using BootTests.Session;

namespace BootTests.Tests.TestKit;

/// <summary>Builds images for boot tests from the embedded default recipe (cached by content) and boots them.</summary>
internal static class BootedVm
{
    public static Recipe DefaultRecipe => RecipeLoader.Load(null);

    /// <summary>A progress sink that writes to the NUnit log, so a failing test shows what happened.</summary>
    public static IProgress<string> Log { get; } = new Progress<string>(line => TestContext.Progress.WriteLine(line));

    public static Task<BuiltImage> BuildAsync(Recipe recipe, ImageLayout layout = ImageLayout.Fast, bool allowSmallTmpfs = false) =>
        new ImageBuilder(CacheDirectory.Default(), Log).BuildAsync(recipe,
            new ImageBuildOptions { Layout = layout, AllowTmpfsSmallerThanRootfs = allowSmallTmpfs });

    public static BootSessionBuilder Session() =>
        new BootSessionBuilder().WithAccelerator(AcceleratorChoice.Auto).WithProgress(Log);

    /// <summary>Where to look when a test fails.</summary>
    public static string Evidence(BootSession session) =>
        $"console log: {session.ConsoleLogPath}\nQEMU argv: {session.QemuArgvPath}";

    public static CheckResult Check(IReadOnlyList<CheckResult> results, string name) =>
        results.Single(r => r.Name == name);
}
