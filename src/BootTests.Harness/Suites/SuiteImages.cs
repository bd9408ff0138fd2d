using BootTests.Images;

namespace BootTests.Suites;

/// <summary>Builds (or finds cached) every image a set of targets boots, each recipe × layout once: what a CI build job does before the shards start.</summary>
public static class SuiteImages
{
    public static async Task<IReadOnlyList<BuiltImage>> BuildAsync(Suite suite, IReadOnlyList<SuiteTarget> targets, CacheDirectory cache, IProgress<string>? progress, CancellationToken ct = default)
    {
        var images = new List<BuiltImage>();
        foreach (var (recipe, layout) in targets.Select(t => (t.Recipe, t.Layout)).Distinct())
        {
            var loaded = RecipeLoader.Load(SuiteRecipes.Resolve(suite.Folder, recipe));
            images.Add(await new ImageBuilder(cache, progress).BuildAsync(loaded, new ImageBuildOptions { Layout = ImageLayouts.Parse(layout) }, ct));
        }
        return images;
    }
}
