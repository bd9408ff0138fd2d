using System.IO.Compression;
using BootTests.Images;
using BootTests.Images.Cpio;
using BootTests.Images.Payloads;
using CliWrap;

namespace BootTests.Tests.TestKit;

/// <summary>
/// An initramfs made the classic way, as an image built elsewhere would be: BusyBox, an /init that mounts a tmpfs on
/// /dev and fills it with `mdev -s`, and the rootfs as rootfs.tar.xz, all in a gzip cpio. Cached by the rootfs's key.
/// </summary>
internal static class ClassicInitramfs
{
    private const long Mtime = 1_700_000_000;

    public static string InitScript(string tmpfsSize) => $$"""
        #!/bin/busybox sh
        /bin/busybox --install -s /bin
        export PATH=/bin
        mount -t proc proc /proc
        mount -t sysfs sysfs /sys
        mount -t tmpfs -o mode=0755 tmpfs /dev
        mdev -s
        mount -t tmpfs -o size={{tmpfsSize}} tmpfs /newroot
        echo "Extracting rootfs..."
        if ! xz -dc /rootfs.tar.xz | tar -x -C /newroot; then
            echo "Jumping into the shell..."
            exec sh
        fi
        rm /rootfs.tar.xz
        mount --move /proc /newroot/proc
        mount --move /sys /newroot/sys
        mount --move /dev /newroot/dev
        exec switch_root /newroot /sbin/init
        """;

    /// <summary>The classic initramfs of the recipe's (built) rootfs, made once and kept in the test cache.</summary>
    public static async Task<string> ForAsync(Recipe recipe, BuiltImage image)
    {
        var cache = Path.Combine(CacheDirectory.Default().Root, "test-inputs");
        var rootfs = new BootTests.Images.Rootfs.RootfsBuilder(CacheDirectory.Default()).FolderFor(recipe);
        var key = ContentHash.OfParts("classic-initramfs-1", Path.GetFileName(rootfs), InitScript(image.Manifest.TmpfsSize));
        var path = Path.Combine(cache, $"classic-{recipe.Name}-{key[..16]}.img");
        if (File.Exists(path)) return path;

        Directory.CreateDirectory(cache);
        var work = Directory.CreateTempSubdirectory("boottests-classic-").FullName;
        try
        {
            var xz = Path.Combine(work, "rootfs.tar.xz");
            await CliWrap.Cli.Wrap("sh").WithArguments(["-c", "xz -T2 -1 -c \"$0\" > \"$1\"", Path.Combine(rootfs, "rootfs.tar"), xz]).ExecuteAsync();
            var entries = InitramfsBase.Entries(InitScript(image.Manifest.TmpfsSize), Mtime);
            entries.Add(new CpioEntry("rootfs.tar.xz", CpioEntryType.RegularFile, Convert.ToInt32("644", 8), 0, 0, Mtime) { Content = new FileRangeContent(xz, 0, new FileInfo(xz).Length) });
            var temporary = path + ".tmp";
            await using (var file = File.Create(temporary))
            await using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
                CpioNewcWriter.Write(gzip, entries, CpioWriteOptions.Default);
            File.Move(temporary, path, overwrite: true);
            return path;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
