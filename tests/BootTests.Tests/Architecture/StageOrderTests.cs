using System.Text.RegularExpressions;

namespace BootTests.Tests.Architecture;

/// <summary>Each folder of the library uses only the stages before it (Host → Images → BootMedia → Qemu → Serial → Guest → Checks → Reports → Session → Suites), and says so in its namespace.</summary>
[TestFixture]
[Category(Categories.Unit)]
public sealed class StageOrderTests
{
    private static string Library => Path.Combine(RepositoryRoot(), "src", "BootTests.Harness");

    private static IEnumerable<string> Files() =>
        Directory.EnumerateFiles(Library, "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Library, f).Replace('\\', '/'))
            .Where(f => !f.StartsWith("bin/", StringComparison.Ordinal) && !f.StartsWith("obj/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

    [Test]
    public void No_stage_uses_a_later_one()
    {
        var violations = Files().SelectMany(f => StageOrder.Check(f, File.ReadAllText(Path.Combine(Library, f)))).ToList();

        violations.Should().BeEmpty("data flows one way; move the code to the stage it belongs to, or pass the value in from the later stage");
    }

    [Test]
    public void Every_file_declares_the_namespace_of_its_folder()
    {
        var wrong = Files()
            .Select(f => (File: f, Declared: Regex.Match(File.ReadAllText(Path.Combine(Library, f)), @"^namespace ([\w.]+);", RegexOptions.Multiline).Groups[1].Value))
            .Where(x => x.Declared != StageOrder.ExpectedNamespace(x.File))
            .Select(x => $"{x.File}: namespace {x.Declared}, expected {StageOrder.ExpectedNamespace(x.File)}");

        wrong.Should().BeEmpty();
    }

    [Test]
    public void Every_stage_folder_has_code_in_it() =>
        StageOrder.Stages.Should().OnlyContain(s => Directory.Exists(Path.Combine(Library, s)));

    [TestCase("Images/X.cs", "using BootTests.Qemu;", "Qemu")]
    [TestCase("Qemu/X.cs", "var s = Serial.Milestones.KernelStart;", "Serial")]
    [TestCase("Host/X.cs", "BootTests.Images.ImageLayout layout;", "Images")]
    [TestCase("PrintableText.cs", "using BootTests.Host;", "Host")]
    [TestCase("Checks/X.cs", "Session.BootSession s;", "Session")]
    [TestCase("Session/X.cs", "using BootTests.Suites;", "Suites")]
    public void A_reference_to_a_later_stage_is_caught(string file, string source, string used) =>
        StageOrder.Check(file, source).Should().ContainSingle().Which.UsedStage.Should().Be(used);

    [TestCase("Session/X.cs", "using BootTests.Qemu; var x = Images.CacheDirectory.Default();")]
    [TestCase("Qemu/X.cs", "var q = Prerequisites.Qemu.Locate(); // Session.Start\n var s = \"Session.X\";")]
    [TestCase("Guest/X.cs", "var m = Serial.Milestones.SshReady; var p = report.Checks.Count;")]
    public void Earlier_stages_members_comments_and_strings_are_not_violations(string file, string source) =>
        StageOrder.Check(file, source).Should().BeEmpty();

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "BootTests.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("BootTests.sln not found above the test directory");
    }
}
