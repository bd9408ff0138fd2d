using BootTests.Images.Cpio;

namespace BootTests.Tests.Images.Cpio;

[TestFixture]
[Category(Categories.Unit)]
[NonParallelizable]
public sealed class CpioWriteOptionsTests
{
    private const string Variable = "SOURCE_DATE_EPOCH";
    private string? saved;

    [SetUp]
    public void SaveVariable() => saved = Environment.GetEnvironmentVariable(Variable);

    [TearDown]
    public void RestoreVariable() => Environment.SetEnvironmentVariable(Variable, saved);

    [Test]
    public void SOURCE_DATE_EPOCH_becomes_the_clamp()
    {
        Environment.SetEnvironmentVariable(Variable, "1700000000");

        CpioWriteOptions.FromSourceDateEpoch().ClampModifiedUnixSeconds.Should().Be(1_700_000_000);
    }

    [Test]
    public void Without_SOURCE_DATE_EPOCH_nothing_is_clamped()
    {
        Environment.SetEnvironmentVariable(Variable, null);

        CpioWriteOptions.FromSourceDateEpoch().ClampModifiedUnixSeconds.Should().BeNull();
    }

    [Test]
    public void A_malformed_SOURCE_DATE_EPOCH_is_rejected_quoting_it()
    {
        Environment.SetEnvironmentVariable(Variable, "yesterday");

        Action read = () => CpioWriteOptions.FromSourceDateEpoch();

        read.Should().Throw<FormatException>().WithMessage("*'yesterday'*");
    }
}
