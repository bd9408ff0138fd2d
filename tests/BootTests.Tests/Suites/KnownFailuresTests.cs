using BootTests.Checks;
using BootTests.Suites;

namespace BootTests.Tests.Suites;

/// <summary>A known failure makes a matching failure expected until its last day; from the day after, the failure is red again and says why.</summary>
[TestFixture]
[Category(Categories.Unit)]
public sealed class KnownFailuresTests
{
    private static readonly KnownFailure UefiWarning = new("*-uefi", "no-boot-errors", "OVMF warns", "https://tracker.example/7", new DateOnly(2027, 1, 31));

    private static (string Outcome, IReadOnlyList<TargetFailure> Failures, IReadOnlyList<string> Notes) Judge(
        string target, DateOnly today, params string[] failing) =>
        KnownFailures.Evaluate(target, SampleSuites.Run(30, failing), null, [UefiWarning], today);

    [Test]
    public void A_covered_failure_before_its_expiry_is_expected_not_red()
    {
        var (outcome, failures, _) = Judge("fast-uefi", new DateOnly(2027, 1, 1), "no-boot-errors");

        outcome.Should().Be(TargetOutcome.ExpectedFailure);
        failures.Should().ContainSingle().Which.Should().Match<TargetFailure>(f => f.Expected && !f.Expired && f.Known!.Tracker == "https://tracker.example/7");
    }

    [Test]
    public void The_last_day_is_still_expected_and_the_day_after_fails_loudly()
    {
        Judge("fast-uefi", new DateOnly(2027, 1, 31), "no-boot-errors").Outcome.Should().Be(TargetOutcome.ExpectedFailure);

        var (outcome, failures, _) = Judge("fast-uefi", new DateOnly(2027, 2, 1), "no-boot-errors");

        outcome.Should().Be(TargetOutcome.CheckFailed);
        var failure = failures.Should().ContainSingle().Subject;
        failure.Expired.Should().BeTrue();
        failure.Expected.Should().BeFalse();
        failure.Message.Should().Contain("EXPIRED on 2027-01-31").And.Contain("OVMF warns").And.Contain("https://tracker.example/7").And.Contain("expected good, actual bad");
    }

    [Test]
    public void A_failure_of_another_check_or_target_is_not_covered()
    {
        Judge("fast-uefi", new DateOnly(2027, 1, 1), "no-boot-errors", "root-is-tmpfs").Outcome.Should().Be(TargetOutcome.CheckFailed);
        Judge("fast-bios", new DateOnly(2027, 1, 1), "no-boot-errors").Outcome.Should().Be(TargetOutcome.CheckFailed);
    }

    [Test]
    public void A_check_that_cannot_apply_to_the_guests_init_is_no_failure_but_a_core_check_must_pass()
    {
        var busybox = SampleSuites.Run(30) with
        {
            Checks = [.. SampleSuites.Run(30).Checks, CheckResult.NotApplicable("getty-noclear", "TTYVTDisallocate=no", "the getty drop-in is systemd's")],
        };
        var coreNotApplicable = SampleSuites.Run(30) with
        {
            Checks = [.. SampleSuites.Run(30).Checks.Where(c => c.Name != "root-is-tmpfs"), CheckResult.NotApplicable("root-is-tmpfs", "tmpfs", "no /proc/mounts")],
        };

        KnownFailures.Evaluate("busybox-fast", busybox, null, [], new DateOnly(2026, 12, 1)).Outcome.Should().Be(TargetOutcome.Pass);
        var (outcome, failures, _) = KnownFailures.Evaluate("busybox-fast", coreNotApplicable, null, [], new DateOnly(2026, 12, 1));
        outcome.Should().Be(TargetOutcome.CheckFailed);
        failures.Single().Check.Should().Be("root-is-tmpfs");
    }

    [Test]
    public void A_failed_boot_is_known_as_the_check_boot()
    {
        var known = new KnownFailure("fast-quiet", KnownFailures.BootCheck, "quiet hides kernel lines", "https://tracker.example/16", new DateOnly(2027, 3, 31));

        var (outcome, failures, _) = KnownFailures.Evaluate("fast-quiet", SampleReports.WithBootFailure, null, [known], new DateOnly(2026, 12, 1));
        var (withoutEntry, _, _) = KnownFailures.Evaluate("fast-quiet", SampleReports.WithBootFailure, null, [], new DateOnly(2026, 12, 1));

        outcome.Should().Be(TargetOutcome.ExpectedFailure);
        failures.Single().Check.Should().Be("boot");
        failures.Single().Message.Should().StartWith("ssh: SSH to 127.0.0.1:2222 did not become ready");
        withoutEntry.Should().Be(TargetOutcome.BootFailed);
    }

    [Test]
    public void A_target_that_could_not_be_built_is_an_error()
    {
        var (outcome, failures, _) = KnownFailures.Evaluate("x", null, "rootfs: mmdebstrap exited 1", [], new DateOnly(2026, 12, 1));

        outcome.Should().Be(TargetOutcome.Error);
        failures.Single().Should().Match<TargetFailure>(f => f.Check == "boot" && f.Message == "rootfs: mmdebstrap exited 1");
    }

    [Test]
    public void A_known_failure_that_did_not_happen_leaves_a_note_to_remove_it()
    {
        var (outcome, _, notes) = Judge("fast-uefi", new DateOnly(2027, 1, 1));
        var (_, _, expiredNotes) = Judge("fast-uefi", new DateOnly(2027, 6, 1));

        outcome.Should().Be(TargetOutcome.Pass);
        notes.Should().ContainSingle().Which.Should().Contain("did not happen").And.Contain("no-boot-errors");
        expiredNotes.Should().ContainSingle().Which.Should().Contain("expired on 2027-01-31").And.Contain("remove it");
    }

    [Test]
    public void A_passing_run_with_no_known_failure_passes_with_no_notes()
    {
        var (outcome, failures, notes) = Judge("fast-bios", new DateOnly(2027, 1, 1));

        outcome.Should().Be(TargetOutcome.Pass);
        failures.Should().BeEmpty();
        notes.Should().BeEmpty();
    }
}
