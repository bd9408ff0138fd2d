using BootTests.Images;

namespace BootTests.Tests.Images;

/// <summary>`boottest build --out`: the cached default image copied out whole, or nothing at all.</summary>
[TestFixture]
[Category(Categories.Image)]
[NonParallelizable]
public sealed class ImageExportTests
{
    private static readonly string[] ImageFiles = ["id_ed25519", "initramfs.img", "manifest.json", "packages.tsv", "tree.tsv", "vmlinuz"];

    [OneTimeSetUp]
    public async Task BuildTheDefaultImage() => await DefaultImages.GetAsync(ImageLayout.Fast);

    [Test]
    public async Task Out_into_a_path_with_spaces_writes_the_whole_image()
    {
        using var dir = new ScratchDirectory();
        var parent = Directory.CreateDirectory(dir.Combine("my images; $(touch x)")).FullName;
        var folder = Path.Combine(parent, "default image");
        var cached = await DefaultImages.GetAsync(ImageLayout.Fast);
        var bait = Directory.CreateDirectory(dir.Combine(Cli.HostileInputTests.ShellBait)).FullName;
        var recipe = Path.Combine(bait, "recipe $(touch pwned).json");
        await File.WriteAllTextAsync(recipe, RecipeLoader.ReadEmbeddedText(RecipeLoader.DefaultName));

        var result = await BoottestCli.RunInAsync(dir.Path, new Dictionary<string, string?>(), TimeSpan.FromMinutes(5),
            "build", "--recipe", recipe, "--out", folder);
        Cli.Canary.ShouldFindNoneUnder(dir.Path);
        File.Exists(dir.Combine("x")).Should().BeFalse();

        result.ExitCode.Should().Be(0, result.StandardError);
        result.StandardOutput.Should().Contain($"image:      {folder}");
        Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal).Should().Equal(ImageFiles);
        (await ContentHash.OfFileAsync(Path.Combine(folder, "initramfs.img"))).Should().Be(cached.Manifest.Initramfs.Sha256);
        ((int)File.GetUnixFileMode(Path.Combine(folder, "id_ed25519"))).Should().Be(0b110_000_000);
        Directory.GetFileSystemEntries(parent).Select(Path.GetFileName).Should().Equal("default image");
        File.Exists(Path.Combine(parent, "x")).Should().BeFalse();
    }

    [Test]
    public async Task Out_into_an_earlier_image_folder_replaces_it()
    {
        using var dir = new ScratchDirectory();
        var folder = dir.Combine("image");

        (await BoottestCli.RunAsync("build", "--out", folder)).ExitCode.Should().Be(0);
        var again = await BoottestCli.RunAsync("build", "--out", folder);

        again.ExitCode.Should().Be(0, again.StandardError);
        Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal).Should().Equal(ImageFiles);
        Directory.GetFileSystemEntries(dir.Path).Select(Path.GetFileName).Should().Equal("image");
    }

    [Test]
    public async Task Out_into_an_existing_folder_that_is_not_an_image_exits_3_and_leaves_it_untouched()
    {
        using var dir = new ScratchDirectory();
        var folder = Directory.CreateDirectory(dir.Combine("precious files")).FullName;
        var keep = Path.Combine(folder, "notes.txt");
        await File.WriteAllTextAsync(keep, "do not touch\n");
        var before = File.GetLastWriteTimeUtc(keep);

        var result = await BoottestCli.RunAsync("build", "--out", folder);

        result.ExitCode.Should().Be(3);
        result.StandardError.Should().Contain("not an earlier BootTests image folder");
        Directory.GetFileSystemEntries(folder).Should().Equal(keep);
        (await File.ReadAllTextAsync(keep)).Should().Be("do not touch\n");
        File.GetLastWriteTimeUtc(keep).Should().Be(before);
        Directory.GetFileSystemEntries(dir.Path).Select(Path.GetFileName).Should().Equal("precious files");
    }

    [Test]
    public async Task Out_naming_a_file_exits_3_and_leaves_it_untouched()
    {
        using var dir = new ScratchDirectory();
        var file = dir.Combine("a file");
        await File.WriteAllTextAsync(file, "x");

        var result = await BoottestCli.RunAsync("build", "--out", file);

        result.ExitCode.Should().Be(3);
        (await File.ReadAllTextAsync(file)).Should().Be("x");
        Directory.GetFileSystemEntries(dir.Path).Should().Equal(file);
    }

    [Test]
    public async Task Out_under_a_missing_parent_exits_3_and_creates_nothing()
    {
        using var dir = new ScratchDirectory();

        var result = await BoottestCli.RunAsync("build", "--out", dir.Combine("missing", "image"));

        result.ExitCode.Should().Be(3);
        Directory.GetFileSystemEntries(dir.Path).Should().BeEmpty();
    }
}
