namespace BootTests.Tests;

/// <summary>Test categories: unit tests need no VM; boot tests start real QEMU.</summary>
public static class Categories
{
    public const string Unit = "Unit";
    public const string Boot = "Boot";
}
