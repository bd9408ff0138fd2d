using System.Text;
using BootTests.Reports.Measurements;

namespace BootTests.Tests.Reports.Measurements;

/// <summary>Host classes in history records: written with every boot, old lines still readable, and a baseline compares only like with like, saying why not.</summary>
[TestFixture]
[Category(Categories.Unit)]
public sealed class HostClassTests
{
    private static readonly HostClass Host = SampleSuites.Host;

    private static BootRecord Boot(double scale = 1, HostClass? host = null, string? label = null, int minute = 0) =>
        SampleBoots.Boot(scale: scale, minute: minute) with { Host = host ?? Host, QemuVersion = (host ?? Host).QemuVersion, Label = label };

    [Test]
    public void A_history_line_written_before_host_classes_reads_with_a_class_guessed_from_its_fields()
    {
        using var folder = new TempDirectory();
        var path = folder.Combine("old.jsonl");
        File.WriteAllText(path, """{"date":"2026-11-26T06:00:00+00:00","layout":"fast","recipe":"debian-bookworm","accelerator":"tcg","qemuVersion":"7.2.11","kernelVersion":"6.1.0-28-amd64","cpuModel":"AMD EPYC 7B13","cpuCount":2,"imageSha256":"ab12","milestones":[{"name":"ssh-ready","hostSeconds":30.7,"guestSeconds":null}],"systemdAnalyze":"x"}""" + "\n");

        var record = History.Read(path).Single();

        record.Host.Should().BeNull();
        record.Label.Should().BeNull();
        record.HostClassOrGuess.Should().Be(new HostClass("AMD EPYC 7B13", 2, "tcg", "7.2.11", HostClass.Unknown, HostClass.Unknown));
    }

    [Test]
    public void Host_class_and_label_are_written_and_read_back()
    {
        using var folder = new TempDirectory();
        var path = folder.Combine("h.jsonl");
        History.Append(path, Boot(label: "abc123"));

        var line = File.ReadAllText(path);
        line.Should().Contain("\"host\":{\"cpuModel\":\"AMD EPYC 7B13\",\"cores\":2,\"accelerator\":\"tcg\"").And.Contain("\"label\":\"abc123\"").And.NotContain("hostClassOrGuess");
        History.Read(path).Single().Should().BeEquivalentTo(Boot(label: "abc123"));
    }

    [Test]
    public void A_baseline_from_another_QEMU_is_refused_with_both_versions()
    {
        var newer = Host with { QemuVersion = "QEMU emulator version 8.2.2" };

        var comparison = BaselineComparison.Compare([Boot(scale: 2)], [Boot(host: newer)], 10);

        comparison.Regressions.Should().BeEmpty();
        comparison.Refusals.Should().ContainSingle().Which.Should().Contain("no boot with QEMU QEMU emulator version 7.2.22").And.Contain("8.2.2");
    }

    [Test]
    public void A_baseline_from_another_host_class_is_refused_with_what_differs()
    {
        var bigger = Host with { Cores = 8, HostKernel = "6.8.0" };

        var comparison = BaselineComparison.Compare([Boot(scale: 2)], [Boot(host: bigger)], 10);

        comparison.Regressions.Should().BeEmpty();
        comparison.Refusals.Single().Should().Contain("host class differs").And.Contain("cores 8 → 2").And.Contain("host kernel 6.8.0 → 6.18.44-fc-v669");
    }

    [Test]
    public void A_baseline_of_another_recipe_is_refused()
    {
        var comparison = BaselineComparison.Compare([Boot(scale: 2)], [Boot() with { Recipe = "debian-bookworm-full" }], 10);

        comparison.Refusals.Single().Should().Contain("no boot with recipe debian-bookworm").And.Contain("debian-bookworm-full");
    }

    [Test]
    public void A_baseline_of_the_same_class_is_compared_and_an_old_line_of_the_same_CPU_and_QEMU_counts_as_the_same_class()
    {
        var old = SampleBoots.Boot() with { QemuVersion = Host.QemuVersion };

        BaselineComparison.Compare([Boot(scale: 2)], [Boot()], 10).Regressions.Should().NotBeEmpty();
        BaselineComparison.Compare([Boot(scale: 2)], [old], 10).Regressions.Should().NotBeEmpty();
        Host.SameAs(Host with { Firmware = HostClass.Unknown }).Should().BeTrue();
        Host.SameAs(Host with { Cores = 4 }).Should().BeFalse();
    }

    [Test]
    public void History_merge_joins_hosts_in_date_order_and_keeps_each_boot_once()
    {
        using var folder = new TempDirectory();
        var other = Host with { CpuModel = "Intel Xeon", Accelerator = "kvm" };
        History.WriteAll(folder.Combine("a.jsonl"), [Boot(minute: 5), Boot(minute: 1)]);
        History.WriteAll(folder.Combine("b.jsonl"), [Boot(host: other, minute: 3), Boot(minute: 5)]);

        var merged = HistoryMerge.Merge([folder.Combine("a.jsonl"), folder.Combine("b.jsonl")]);

        merged.Select(r => (r.Date.Minute, r.HostClassOrGuess.CpuModel)).Should().Equal((1, "AMD EPYC 7B13"), (3, "Intel Xeon"), (5, "AMD EPYC 7B13"));
    }

    [Test]
    public void History_merge_refuses_a_file_that_is_not_a_history_naming_file_and_line()
    {
        using var folder = new TempDirectory();
        File.WriteAllText(folder.Combine("bad.jsonl"), "{\"date\":\"2026-11-26T06:00:00+00:00\"}\nnot json\n{}\n");

        var act = () => HistoryMerge.Merge([folder.Combine("bad.jsonl")]);

        act.Should().Throw<BootTestsException>().Where(e => e.ExitCode == ExitCode.Usage).WithMessage("*bad.jsonl:2: not a boot record*");
        ((Action)(() => HistoryMerge.Merge([folder.Path]))).Should().Throw<BootTestsException>().WithMessage("*is a directory*");
    }

    [Test]
    public void The_html_groups_series_by_host_class_and_recipe_labels_the_x_axis_and_rings_regressions()
    {
        var other = Host with { CpuModel = "Intel Xeon", Accelerator = "kvm" };
        var history = new[] { Boot(label: "c1", minute: 1), Boot(label: "c2", minute: 2), Boot(host: other, label: "c1", minute: 3) };
        var current = new[] { Boot(scale: 2, label: "c3", minute: 4) };
        var baseline = BaselineComparison.Compare(current, history, 10);

        var html = HtmlReport.Render(current, [.. history, .. current], baseline);

        html.Should().Contain($"host {System.Net.WebUtility.HtmlEncode(Host.Describe())}; recipe debian-bookworm (3 boots)").And.Contain("host Intel Xeon &#215;2, kvm");
        html.Should().Contain(">c1<title>c1</title>").And.Contain(">c3<title>c3</title>");
        html.Should().Contain("class=\"regressed\"").And.Contain("regression found by the baseline");
        HtmlReport.Render(current, history).Should().NotContain("class=\"regressed\"", "no baseline, no ring");
    }

    [Test]
    public void The_SeaBIOS_version_is_read_from_the_rom()
    {
        var rom = Encoding.Latin1.GetBytes("\0\0SeaBIOS (version %s)\0garbage\x00" + "1.16.2-debian-1.16.2-1\0more\0");

        BootTests.Qemu.FirmwareVersion.Of(rom).Should().Be("SeaBIOS 1.16.2-debian-1.16.2-1");
        BootTests.Qemu.FirmwareVersion.Of(Encoding.Latin1.GetBytes("\01.2.3\0no banner")).Should().BeNull();
    }
}
