using BootTests.BootMedia;
using BootTests.Serial;

namespace BootTests.Session;

/// <summary>
/// What a boot waits for, in order, as data: the bootloader's stages (per --boot-via), the kernel, the initramfs's
/// /init, the extraction when the /init is ours, the real root's userspace init; then SSH once the console shows the
/// SSH server started or the init settled (<see cref="ReadyWhen"/>), or once that wait runs out.
/// </summary>
public sealed record BootPlan(BootVia Via, IReadOnlyList<BootStep> Steps, IReadOnlyList<string> ReadyWhen, TimeSpan ReadyBudget)
{
    /// <summary>The plan for a boot path; <paramref name="ourInit"/> when the initramfs is BootTests' own (it prints extract-end).</summary>
    public static BootPlan For(BootVia via, BootBudgets budgets, bool ourInit)
    {
        var steps = new List<BootStep>();
        if (via != BootVia.Direct)
        {
            steps.Add(new BootStep(Milestones.Bootloader, budgets.Bootloader, FirstOutput: true));
            steps.Add(new BootStep(via == BootVia.Ipxe ? Milestones.DownloadEnd : Milestones.InitrdLoaded, budgets.Load));
        }
        steps.Add(new BootStep(Milestones.KernelStart, via == BootVia.Direct ? budgets.KernelStart : budgets.Handover, FirstOutput: true));
        steps.Add(new BootStep(Milestones.InitStart, budgets.InitStart));
        // Another /init says nothing about its extraction: its time counts towards the userspace init's line.
        if (ourInit)
        {
            steps.Add(new BootStep(Milestones.ExtractEnd, budgets.Extract));
            steps.Add(new BootStep(Milestones.UserspaceStart, budgets.UserspaceStart));
        }
        else
        {
            steps.Add(new BootStep(Milestones.UserspaceStart, budgets.Extract + budgets.UserspaceStart));
        }
        return new BootPlan(via, steps, [Milestones.SshdStarted, Milestones.Settled], budgets.SshReady / 2);
    }

    /// <summary>The steps up to and including the kernel's first line (where a KVM stall shows).</summary>
    public IReadOnlyList<BootStep> ToKernel => Steps.TakeWhile(s => s.Milestone != Milestones.InitStart).ToList();

    /// <summary>The steps after the kernel's first line.</summary>
    public IReadOnlyList<BootStep> AfterKernel => Steps.SkipWhile(s => s.Milestone != Milestones.InitStart).ToList();
}
