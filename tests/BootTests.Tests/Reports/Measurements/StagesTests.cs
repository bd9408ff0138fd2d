using BootTests.Reports;
using BootTests.Reports.Measurements;

namespace BootTests.Tests.Reports.Measurements;

[TestFixture]
[Category(Categories.Unit)]
public sealed class MeasureStagesTests
{
    [Test]
    public void Each_stage_is_the_host_time_between_its_two_milestones()
    {
        var stages = Stages.Of(SampleBoots.Milestones()).ToDictionary(s => s.Stage, s => s.Seconds);

        stages.Should().Equal(new Dictionary<string, double>
        {
            [Stages.FirmwareToKernel] = 4.6,
            [Stages.KernelToInit] = 9.8,
            [Stages.PayloadExtraction] = 3.9,
            [Stages.SwitchRootToMultiUser] = 7.8,
            [Stages.SwitchRootToSshd] = 7.6,
            [Stages.SshdToSshReady] = 4.5,
            [Stages.TotalToSshReady] = 30.7,
        });
    }

    [Test]
    public void A_stage_whose_milestone_was_not_reached_is_left_out()
    {
        var milestones = SampleBoots.Milestones().Where(m => m.Name is not "extract-begin" and not "ssh-ready").ToList();

        Stages.Of(milestones).Select(s => s.Stage).Should().Equal(
            Stages.FirmwareToKernel, Stages.KernelToInit, Stages.SwitchRootToMultiUser, Stages.SwitchRootToSshd);
    }

    [Test]
    public void No_milestones_give_no_stages() => Stages.Of(new List<ReportMilestone>()).Should().BeEmpty();
}
