using System.Globalization;

namespace BootTests.Images.Rootfs;

/// <summary>The timestamp every file of a tree is clamped to, and where it came from.</summary>
public static class SourceDateEpochs
{
    /// <summary>The recipe's sourceDateEpoch, else $SOURCE_DATE_EPOCH, else <paramref name="fallback"/> (from the inputs) with its origin.</summary>
    public static (long Epoch, string From) Choose(Recipe recipe, (long Epoch, string From) fallback)
    {
        if (recipe.SourceDateEpoch is { } fromRecipe) return (fromRecipe, "recipe");
        if (long.TryParse(Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH"), NumberStyles.None, CultureInfo.InvariantCulture, out var fromEnvironment))
            return (fromEnvironment, "SOURCE_DATE_EPOCH");
        return fallback;
    }
}
