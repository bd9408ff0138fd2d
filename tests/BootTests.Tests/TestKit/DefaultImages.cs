using BootTests.Images;

namespace BootTests.Tests.TestKit;

/// <summary>The default recipe's images, built once per test run through the shared cache (~/.cache/boottests; the rootfs is never rebuilt here).</summary>
internal static class DefaultImages
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly Dictionary<ImageLayout, BuiltImage> Built = [];

    public static Recipe Recipe => RecipeLoader.Load(null);

    public static async Task<BuiltImage> GetAsync(ImageLayout layout)
    {
        await Gate.WaitAsync();
        try
        {
            if (!Built.TryGetValue(layout, out var image))
            {
                image = await new ImageBuilder(CacheDirectory.Default(), new Progress<string>(TestContext.Progress.WriteLine))
                    .BuildAsync(Recipe, new ImageBuildOptions { Layout = layout });
                Built[layout] = image;
            }
            return image;
        }
        finally
        {
            Gate.Release();
        }
    }
}
