namespace BootTests.Suites;

/// <summary>How a suite names a recipe: a path (relative to the suite file) when such a file exists, else an embedded name for the recipe loader.</summary>
public static class SuiteRecipes
{
    /// <summary>What to hand the recipe loader for <paramref name="recipe"/> as the suite in <paramref name="suiteFolder"/> wrote it.</summary>
    public static string Resolve(string suiteFolder, string recipe)
    {
        if (Path.IsPathRooted(recipe)) return recipe;
        var relative = Path.GetFullPath(Path.Combine(suiteFolder, recipe));
        if (File.Exists(relative) || Directory.Exists(relative)) return relative;
        // Not a file next to the suite: an embedded name, or a path the loader reports as missing (relative to the suite).
        return recipe.Contains('/') || recipe.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? relative : recipe;
    }
}
