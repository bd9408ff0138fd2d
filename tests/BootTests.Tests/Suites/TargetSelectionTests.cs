using BootTests.Suites;

namespace BootTests.Tests.Suites;

/// <summary>--filter globs (any matches) and --label (all required, !LABEL excluded) choose the targets; choosing none says what there is.</summary>
[TestFixture]
[Category(Categories.Unit)]
public sealed class TargetSelectionTests
{
    private static readonly Suite Suite = new("sample", "/s.json",
    [
        SampleSuites.Target("fast-direct", "paths", "quick"),
        SampleSuites.Target("fast-grub", "paths"),
        SampleSuites.Target("seed-direct", "paths", "seed"),
        SampleSuites.Target("fast-1536m", "quick"),
    ], []);

    private static IEnumerable<string> Names(string[] filters, string[] labels) =>
        new TargetSelection(filters, labels).Apply(Suite).Select(t => t.Name);

    [Test]
    public void No_filter_and_no_label_select_every_target() =>
        Names([], []).Should().Equal("fast-direct", "fast-grub", "seed-direct", "fast-1536m");

    [Test]
    public void A_target_is_selected_when_any_filter_matches_its_name() =>
        Names(["seed-*", "*-grub"], []).Should().Equal("fast-grub", "seed-direct");

    [Test]
    public void A_target_needs_every_label_given_and_none_given_as_not() =>
        Names([], ["paths", "!seed"]).Should().Equal("fast-direct", "fast-grub");

    [Test]
    public void Filters_and_labels_both_apply() =>
        Names(["fast-*"], ["quick"]).Should().Equal("fast-direct", "fast-1536m");

    [Test]
    public void Selecting_nothing_is_a_usage_error_listing_the_targets_and_labels()
    {
        var error = ((Action)(() => new TargetSelection(["uefi-*"], []).Apply(Suite))).Should().Throw<BootTestsException>().Which;

        error.ExitCode.Should().Be(ExitCode.Usage);
        error.Message.Should().Contain("--filter 'uefi-*' selects none of the 4 targets").And.Contain("fast-grub").And.Contain("labels: paths, quick, seed");
    }

    [TestCase("fast-*", "fast-direct", true)]
    [TestCase("fast-*", "seed-direct", false)]
    [TestCase("*-direct", "fast-direct", true)]
    [TestCase("f?st-d*t", "fast-direct", true)]
    [TestCase("fast", "fast-direct", false)]
    [TestCase("*", "", true)]
    [TestCase("a*b*c", "aXbYbZc", true)]
    [TestCase("a*b*c", "aXbYbZ", false)]
    [TestCase("[ab]", "a", false)]
    public void Globs_know_star_and_question_mark_only(string pattern, string name, bool matches) =>
        Glob.Matches(pattern, name).Should().Be(matches);
}
