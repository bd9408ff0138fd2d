using BootTests.BootMedia;
using BootTests.Host;
using BootTests.Images;

namespace BootTests.Session;

/// <summary>What a command needs installed, in one place: the layouts it builds and the boot path it boots by (each stage names its own part).</summary>
public static class HostNeeds
{
    /// <summary>Building images of these layouts from the default recipe.</summary>
    public static IReadOnlyList<Prerequisite> ToBuild(params IEnumerable<ImageLayout> layouts) => ToBuild(RecipeLoader.Load(null), layouts);

    /// <summary>Building images of these layouts from this recipe: the layouts' needs and the recipe's tree's.</summary>
    public static IReadOnlyList<Prerequisite> ToBuild(Recipe recipe, IEnumerable<ImageLayout> layouts) =>
        layouts.SelectMany(l => l.Needs()).Concat(RecipeNeeds.Of(recipe)).Distinct().ToList();

    /// <summary>Booting by this path: QEMU, and what the path adds.</summary>
    public static IReadOnlyList<Prerequisite> ToBoot(BootVia via) => [Prerequisites.Qemu, .. via.Needs()];

    /// <summary>Building these layouts of the default recipe, then booting them by this path.</summary>
    public static IReadOnlyList<Prerequisite> ToBuildAndBoot(IEnumerable<ImageLayout> layouts, BootVia via) => [.. ToBuild(layouts), .. ToBoot(via)];

    /// <summary>Building these layouts of this recipe, then booting them by this path.</summary>
    public static IReadOnlyList<Prerequisite> ToBuildAndBoot(Recipe recipe, IEnumerable<ImageLayout> layouts, BootVia via) => [.. ToBuild(recipe, layouts), .. ToBoot(via)];
}
