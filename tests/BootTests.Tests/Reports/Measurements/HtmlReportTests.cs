using System.Text.RegularExpressions;
using System.Xml.Linq;
using BootTests.Reports.Measurements;

namespace BootTests.Tests.Reports.Measurements;

[TestFixture]
[Category(Categories.Unit)]
public sealed class MeasureHtmlReportTests
{
    private static readonly BootRecord[] Current = [SampleBoots.Boot("seed", scale: 1.4, minute: 3), SampleBoots.Boot("fast", minute: 4)];
    private static readonly BootRecord[] History = [SampleBoots.Boot("seed", scale: 1.5, minute: 1), SampleBoots.Boot("fast", scale: 1.1, minute: 2), .. Current];

    private static string Html => HtmlReport.Render(Current, History);

    [Test]
    public void The_page_draws_inline_svg_and_fetches_nothing()
    {
        Html.Should().Contain("<svg").And.NotContain("<script").And.NotContain("<link").And.NotContain("src=");
        Regex.Matches(Html, "https?://[^\"]*").Select(m => m.Value).Distinct().Should().Equal("http://www.w3.org/2000/svg");
    }

    [Test]
    public void The_page_names_each_layout_and_each_stage()
    {
        Html.Should().Contain("seed (tcg)").And.Contain("fast (tcg)");
        foreach (var stage in Stages.Names) Html.Should().Contain(stage);
    }

    [Test]
    public void Each_svg_is_well_formed_xml()
    {
        var svgs = Regex.Matches(Html, "<svg.*?</svg>", RegexOptions.Singleline).Select(m => m.Value).ToList();

        svgs.Should().HaveCount(Current.Length + Stages.All.Count);
        foreach (var svg in svgs) XElement.Parse(svg).Name.LocalName.Should().Be("svg");
    }

    [Test]
    public void Text_from_the_records_is_escaped()
    {
        var odd = SampleBoots.Boot() with { CpuModel = "<b>Evil & Co</b>" };

        HtmlReport.Render([odd], []).Should().Contain("&lt;b&gt;Evil &amp; Co&lt;/b&gt;").And.NotContain("<b>Evil");
    }
}
