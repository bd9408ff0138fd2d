using BootTests.Checks;
using BootTests.Images;
using BootTests.Session;

namespace BootTests.Tests.Boot;

/// <summary>
/// One image that breaks every promise of the recipe at once (SELinux enforcing, an fstab entry, the getty drop-in
/// undone, a failing unit), booted with root= on the command line and a wrong expected tmpfs size: each check must fail
/// and report what it actually saw.
/// </summary>
[Category(Categories.Boot)]
[Parallelizable(ParallelScope.Self)]
public sealed class BrokenImageBootTests
{
    private BootSession session = null!;
    private IReadOnlyList<CheckResult> checks = [];

    [OneTimeSetUp]
    public async Task Boot_the_broken_image_once()
    {
        var recipe = BootedVm.DefaultRecipe with
        {
            Name = "debian-bookworm-broken",
            Overlay =
            [
                new OverlayFile { Path = "etc/selinux/config", Content = "SELINUX=enforcing\nSELINUXTYPE=default\n" },
                new OverlayFile { Path = "etc/fstab", Content = "tmpfs /mnt/boottests tmpfs defaults,nofail 0 0\n" },
                new OverlayFile { Path = "etc/systemd/system/getty@.service.d/noclear.conf", Content = "[Service]\nTTYVTDisallocate=yes\n" },
                new OverlayFile { Path = "etc/systemd/system/boottests-broken.service", Content = "[Unit]\nDescription=A unit that always fails\n\n[Service]\nType=oneshot\nExecStart=/bin/false\n\n[Install]\nWantedBy=multi-user.target\n" },
                new OverlayFile { Path = "etc/systemd/system/multi-user.target.wants/boottests-broken.service", Symlink = "/etc/systemd/system/boottests-broken.service" },
            ],
        };
        var image = await BootedVm.BuildAsync(recipe);
        var target = BootTarget.FromImage(image) with { ExpectedTmpfsBytes = image.Manifest.TmpfsBytes * 2 };
        session = await BootedVm.Session().WithTarget(target).WithAppend("root=/dev/vda").BuildAsync();
        await session.StartAsync();
        checks = await session.RunChecksAsync();
    }

    [OneTimeTearDown]
    public async Task Stop_the_vm() => await session.DisposeAsync();

    [TestCase("root-is-tmpfs", "MiB")]
    [TestCase("selinux-disabled", "enforcing")]
    [TestCase("fstab-empty", "/mnt/boottests")]
    [TestCase("getty-noclear", "TTYVTDisallocate=yes")]
    [TestCase("no-block-root", "root=/dev/vda")]
    [TestCase("system-running", "boottests-broken.service")]
    [TestCase("no-boot-errors", "Failed to start boottests-")]
    public void The_check_fails_and_shows_what_it_saw(string name, string actualMentions)
    {
        var check = BootedVm.Check(checks, name);
        check.Passed.Should().BeFalse($"{name} must fail on this image; {BootedVm.Evidence(session)}");
        check.Actual.Should().Contain(actualMentions);
    }

    [Test]
    public void The_report_verdict_is_fail() => session.CreateReport(checks).Verdict.Should().Be("fail");
}
