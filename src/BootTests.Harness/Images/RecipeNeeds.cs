using BootTests.Host;
using BootTests.Images.Sources;

namespace BootTests.Images;

/// <summary>What building a recipe's tree needs on the host, beyond the layout's own needs: its source kind's tools, and mmdebstrap for the default kernel.</summary>
public static class RecipeNeeds
{
    public static IReadOnlyList<Prerequisite> Of(Recipe recipe)
    {
        var kind = RootfsKinds.TryParse(recipe.Rootfs.Kind) ?? RootfsKind.Mmdebstrap;
        return [.. kind.Needs(), .. recipe.Kernel == "default" ? [Prerequisites.Mmdebstrap] : Array.Empty<Prerequisite>()];
    }
}
