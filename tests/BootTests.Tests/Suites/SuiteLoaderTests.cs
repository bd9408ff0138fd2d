using BootTests.Suites;

namespace BootTests.Tests.Suites;

/// <summary>Suite files: matrices expand into named targets; every bad value is refused with file:line:column, the field and what to give instead.</summary>
[TestFixture]
[Category(Categories.Unit)]
public sealed class SuiteLoaderTests
{
    private const string Source = "/work/suites/ci.json";

    private static Suite Parse(string json) => SuiteLoader.Parse(json, Source);

    [Test]
    public void A_matrix_entry_expands_into_every_combination_named_by_its_placeholders()
    {
        var suite = Parse("""
            {
              "name": "ci",
              "targets": [
                { "name": "{layout}-{bootVia}-{append}", "layout": ["seed", "fast"], "bootVia": ["direct", "grub"], "append": ["", "nokaslr mitigations=off"], "labels": ["paths"] }
              ]
            }
            """);

        suite.Targets.Select(t => t.Name).Should().Equal(
            "seed-direct-none", "seed-direct-nokaslr-mitigations-off", "seed-grub-none", "seed-grub-nokaslr-mitigations-off",
            "fast-direct-none", "fast-direct-nokaslr-mitigations-off", "fast-grub-none", "fast-grub-nokaslr-mitigations-off");
        suite.Targets[1].Should().Be(new SuiteTarget("seed-direct-nokaslr-mitigations-off", "debian-bookworm", "seed", "direct", "recipe", "nokaslr mitigations=off", suite.Targets[1].Labels));
        suite.Targets.Should().OnlyContain(t => t.Labels.SequenceEqual(new[] { "paths" }));
    }

    [Test]
    public void Absent_axes_take_the_defaults_of_boottest_run()
    {
        var target = Parse("""{ "name": "ci", "targets": [ { "name": "plain" } ] }""").Targets.Single();

        target.Should().Be(new SuiteTarget("plain", "debian-bookworm", "fast", "direct", SuiteTarget.RecipeMemory, "", target.Labels));
        target.Labels.Should().BeEmpty();
    }

    [Test]
    public void A_recipe_file_is_found_relative_to_the_suite_file_and_named_by_its_file_name()
    {
        using var folder = new TempDirectory();
        File.WriteAllText(folder.Combine("mine.json"), BootTests.Images.RecipeLoader.ReadEmbeddedText("debian-bookworm"));
        File.WriteAllText(folder.Combine("suite.json"), """{ "name": "ci", "targets": [ { "name": "{recipe}-x", "recipe": ["mine.json", "debian-bookworm"] } ] }""");

        var suite = SuiteLoader.Load(folder.Combine("suite.json"));

        suite.Targets.Select(t => t.Name).Should().Equal("mine-x", "debian-bookworm-x");
        SuiteRecipes.Resolve(suite.Folder, "mine.json").Should().Be(folder.Combine("mine.json"));
        SuiteRecipes.Resolve(suite.Folder, "debian-bookworm").Should().Be("debian-bookworm");
    }

    // Each case: the suite text, then the field and the line:column the message must name.
    [TestCase("""
        { "name": "ci", "targets": [ { "name": "a", "speed": 3 } ] }
        """, "speed", "1:53")]
    [TestCase("""
        {
          "name": "ci",
          "targets": [
            { "name": "{layout}", "layout": ["fast", "slow"] }
          ]
        }
        """, "'targets[0].layout[1]' is 'slow'; a layout is seed or fast", "4:46")]
    [TestCase("""
        { "name": "ci",
          "targets": [ { "name": "a", "bootVia": "floppy" } ] }
        """, "'targets[0].bootVia' is 'floppy'; a boot path is one of direct, grub, grub-uefi, ipxe", "2:42")]
    [TestCase("""
        { "name": "ci", "targets": [ { "name": "a", "memory": "64M" } ] }
        """, "'targets[0].memory' is '64M'; give a size from 128M", "1:55")]
    [TestCase("""
        { "name": "ci", "targets": [ { "name": "a", "append": "foo=\"a b" } ] }
        """, "'targets[0].append' is 'foo=\"a b', which has an unbalanced double quote", "1:55")]
    [TestCase("""
        { "name": "ci", "targets": [ { "name": "a", "recipe": "missing.json" } ] }
        """, "'targets[0].recipe' is 'missing.json': Recipe file", "1:55")]
    [TestCase("""
        { "name": "ci", "targets": [ { "name": "a" }, { "name": "a" } ] }
        """, "'targets[1].name' makes the target 'a', which targets[0] makes too", "1:57")]
    [TestCase("""
        { "name": "ci", "targets": [ { "name": "fast", "bootVia": ["direct", "grub"] } ] }
        """, "but bootVia has 2 values; put {bootVia} in the name", "1:40")]
    [TestCase("""
        { "name": "ci", "targets": [ { "name": "{layuot}" } ] }
        """, "has the placeholder {layuot}; the placeholders are {recipe}, {layout}, {bootVia}, {memory}, {append}", "1:40")]
    [TestCase("""
        { "name": "ci", "targets": [ { "name": "a", "layout": [] } ] }
        """, "'targets[0].layout' is an empty list", "1:55")]
    [TestCase("""
        { "name": "ci", "targets": [ { "name": "a", "layout": [7] } ] }
        """, "expected a string in the list, found a number", "1:57")]
    [TestCase("""
        { "name": "ci", "targets": [] }
        """, "'targets' is empty", "1:28")]
    [TestCase("""
        { "name": "c i", "targets": [ { "name": "a" } ] }
        """, "'name' is 'c i'", "1:11")]
    [TestCase("""
        { "name": "ci", "targets": [ { "name": "a", "labels": ["has space"] } ] }
        """, "'targets[0].labels[0]' is 'has space'", "1:56")]
    [TestCase("""
        { "name": "ci", "targets": [ { "name": "a" } ],
          "knownFailures": [ { "target": "b*", "check": "boot", "reason": "r", "tracker": "https://x.example/1", "expires": "2027-01-01" } ] }
        """, "'knownFailures[0].target' is 'b*', which matches no target of this suite (targets: a)", "2:34")]
    [TestCase("""
        { "name": "ci", "targets": [ { "name": "a" } ],
          "knownFailures": [ { "target": "a", "check": "boot", "reason": "r", "tracker": "https://x.example/1", "expires": "31/01/2027" } ] }
        """, "'knownFailures[0].expires' is '31/01/2027'; give the last day the failure is expected as YYYY-MM-DD", "2:116")]
    [TestCase("""
        { "name": "ci", "targets": [ { "name": "a" } ],
          "knownFailures": [ { "target": "a", "check": "boot", "reason": "r", "tracker": "see Bob", "expires": "2027-01-31" } ] }
        """, "'knownFailures[0].tracker' is 'see Bob'; give the http(s) URL", "2:82")]
    [TestCase("""
        { "name": "ci", "targets": [ { "name": "a" } ],
          "knownFailures": [ { "target": "a", "check": "boot", "tracker": "https://x.example/1", "expires": "2027-01-31" } ] }
        """, "missing required properties", "2:")]
    public void A_bad_value_is_refused_with_the_file_line_column_and_field(string json, string expected, string location)
    {
        var act = () => Parse(json);

        var error = act.Should().Throw<BootTestsException>().Which;
        error.ExitCode.Should().Be(ExitCode.Usage);
        error.Stage.Should().Be(Stage.Suite);
        error.Message.Should().Contain($"{Source}:{location}").And.Contain(expected);
    }

    [Test]
    public void A_suite_file_that_does_not_exist_or_is_a_folder_is_named_in_the_error()
    {
        using var folder = new TempDirectory();

        ((Action)(() => SuiteLoader.Load(folder.Combine("nope.json")))).Should().Throw<BootTestsException>().WithMessage("*nope.json' does not exist*");
        ((Action)(() => SuiteLoader.Load(folder.Path))).Should().Throw<BootTestsException>().WithMessage("*is a directory*");
    }

    [Test]
    public void The_shipped_suites_load()
    {
        var root = Path.Combine(TestContext.CurrentContext.TestDirectory, "..", "..", "..", "..", "..", "vm", "suites");
        var suites = Directory.EnumerateFiles(root, "*.json").Select(SuiteLoader.Load).ToList();

        suites.Select(s => s.Name).Should().Contain(["regression", "ci-small"]);
        suites.Single(s => s.Name == "regression").Targets.Count(t => !t.Labels.Contains("known")).Should().BeGreaterThanOrEqualTo(8);
    }
}
