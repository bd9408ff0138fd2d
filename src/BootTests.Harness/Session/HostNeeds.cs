using BootTests.BootMedia;
using BootTests.Host;
using BootTests.Images;

namespace BootTests.Session;

/// <summary>What a command needs installed, in one place: the layouts it builds and the boot path it boots by (each stage names its own part).</summary>
public static class HostNeeds
{
    /// <summary>Building images of these layouts.</summary>
    public static IReadOnlyList<Prerequisite> ToBuild(params IEnumerable<ImageLayout> layouts) => layouts.SelectMany(l => l.Needs()).Distinct().ToList();

    /// <summary>Booting by this path: QEMU, and what the path adds.</summary>
    public static IReadOnlyList<Prerequisite> ToBoot(BootVia via) => [Prerequisites.Qemu, .. via.Needs()];

    /// <summary>Building these layouts, then booting them by this path.</summary>
    public static IReadOnlyList<Prerequisite> ToBuildAndBoot(IEnumerable<ImageLayout> layouts, BootVia via) => [.. ToBuild(layouts), .. ToBoot(via)];
}
