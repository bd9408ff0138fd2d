using System.IO.Compression;
using BootTests.BootMedia;
using BootTests.Images;

namespace BootTests.Tests.BootMedia;

/// <summary>The vmlinux inside the default image's bzImage, held against the kernel's own way of finding it (scan for the xz magic, xz -d).</summary>
[TestFixture]
[Category(Categories.Image)]
[Parallelizable(ParallelScope.Self)]
public sealed class PvhKernelTests
{
    private ScratchDirectory scratch = null!;
    private CacheDirectory cache = null!;
    private BuiltImage image = null!;

    [OneTimeSetUp]
    public async Task Build()
    {
        image = await DefaultImages.GetAsync(ImageLayout.Fast);
        scratch = new ScratchDirectory("boottests-pvh-");
        cache = new CacheDirectory(scratch.Combine("cache"));
    }

    [OneTimeTearDown]
    public void CleanUp() => scratch.Dispose();

    [Test]
    public async Task The_vmlinux_is_what_the_kernels_extract_vmlinux_way_gives_and_has_a_pvh_entry()
    {
        var (bz, problem) = BzImage.Read(image.KernelPath);
        problem.Should().BeNull();
        bz!.Compression.Should().Be("xz");

        var (vmlinux, why) = await new PvhKernel(cache).ExtractAsync(image.KernelPath);

        why.Should().BeNull();
        PvhEntry.Problem(vmlinux!).Should().BeNull();
        // scripts/extract-vmlinux: find the first xz stream in the file and decompress it, whatever follows.
        var bytes = await File.ReadAllBytesAsync(image.KernelPath);
        var at = bytes.AsSpan().IndexOf((ReadOnlySpan<byte>)[0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00]);
        var reference = scratch.Combine("reference-vmlinux");
        await File.WriteAllBytesAsync(scratch.Combine("payload.xz"), bytes[at..]);
        await HostTools.RunAsync("sh", ["-c", $"xz -dc --single-stream < {scratch.Combine("payload.xz")} > {reference}"]);
        (await ContentHash.OfFileAsync(vmlinux!)).Should().Be(await ContentHash.OfFileAsync(reference));
    }

    [Test]
    public async Task A_second_extraction_is_the_cached_file()
    {
        var (first, _) = await new PvhKernel(cache).ExtractAsync(image.KernelPath);
        var written = File.GetLastWriteTimeUtc(first!);

        var (second, _) = await new PvhKernel(cache).ExtractAsync(image.KernelPath);

        second.Should().Be(first);
        File.GetLastWriteTimeUtc(second!).Should().Be(written);
    }

    [Test]
    public async Task A_kernel_without_a_pvh_entry_is_named_and_remembered()
    {
        // The real boot header with a gzip payload that is an ELF without Xen notes (/bin/true): what a kernel built
        // without CONFIG_PVH decompresses to.
        var fake = scratch.Combine("no-pvh-vmlinuz");
        await File.WriteAllBytesAsync(fake, FakeBzImage(await File.ReadAllBytesAsync(image.KernelPath), await File.ReadAllBytesAsync("/bin/true")));

        var (vmlinux, problem) = await new PvhKernel(cache).ExtractAsync(fake);
        var (again, problemAgain) = await new PvhKernel(cache).ExtractAsync(fake);

        vmlinux.Should().BeNull();
        problem.Should().Contain("no PVH entry point").And.Contain("CONFIG_PVH");
        again.Should().BeNull();
        problemAgain.Should().Be(problem);
    }

    [Test]
    public async Task Insisting_on_pvh_for_a_kernel_without_it_is_a_usage_error_naming_the_kernel_before_qemu_starts()
    {
        var fake = scratch.Combine("no-pvh-kernel");
        await File.WriteAllBytesAsync(fake, FakeBzImage(await File.ReadAllBytesAsync(image.KernelPath), await File.ReadAllBytesAsync("/bin/true")));
        var runs = scratch.Combine("runs");

        var result = await BoottestCli.RunAsync("verify", "--kernel", fake, "--initrd", image.InitramfsPath, "--ssh-password", "x",
            "--accel", "tcg", "--kernel-entry", "pvh", "--artifacts", runs);

        result.ExitCode.Should().Be(3, result.StandardError);
        result.StandardError.Should().Contain($"The kernel '{fake}' cannot be entered through PVH").And.Contain("CONFIG_PVH")
            .And.Contain("--kernel-entry bzimage");
        (Directory.Exists(runs) ? Directory.EnumerateFiles(runs, "qemu-argv.txt", SearchOption.AllDirectories) : []).Should().BeEmpty("QEMU never started");
    }

    [Test]
    public void A_file_that_is_no_bzimage_is_named_as_such()
    {
        var (bz, problem) = BzImage.Read("/bin/true");

        bz.Should().BeNull();
        problem.Should().Contain("no x86 boot header");
    }

    private static byte[] FakeBzImage(byte[] real, byte[] elf)
    {
        var setup = (real[0x1F1] == 0 ? 4 : real[0x1F1]) + 1;
        using var payload = new MemoryStream();
        using (var gzip = new GZipStream(payload, CompressionLevel.Fastest, leaveOpen: true)) gzip.Write(elf);
        var header = real[..(setup * 512)];
        BitConverter.GetBytes(0u).CopyTo(header, 0x248);
        BitConverter.GetBytes((uint)payload.Length).CopyTo(header, 0x24C);
        return [.. header, .. payload.ToArray()];
    }
}
