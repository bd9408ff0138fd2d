namespace BootTests.Images;

/// <summary>Chooses the tmpfs size: the recipe's, or for "auto" the rootfs footprint plus headroom for a running system.</summary>
public static class TmpfsSizing
{
    private static readonly long Headroom = ByteSize.FromMiB(256).Bytes;
    private static readonly long Granule = ByteSize.FromMiB(64).Bytes;

    public static ByteSize Choose(Recipe recipe, RootfsTree tree, bool allowSmaller)
    {
        var footprint = tree.TmpfsFootprintBytes;
        if (recipe.TmpfsSize == "auto")
        {
            var wanted = footprint + footprint / 10 + Headroom;
            return new ByteSize((wanted + Granule - 1) / Granule * Granule);
        }
        var size = ByteSize.TryParse(recipe.TmpfsSize)
            ?? throw BootTestsException.Usage(Stage.Recipe, $"Recipe {recipe.Source}: tmpfsSize '{recipe.TmpfsSize}' is not a size.");
        if (size.Bytes < footprint && !allowSmaller)
        {
            throw BootTestsException.Usage(Stage.Image,
                $"Recipe {recipe.Source}: tmpfsSize {recipe.TmpfsSize} ({size}) is smaller than the rootfs, which needs {ByteSize.FromMiB((footprint >> 20) + 1)} in a tmpfs. Raise tmpfsSize or use \"auto\".");
        }

        return size;
    }
}
