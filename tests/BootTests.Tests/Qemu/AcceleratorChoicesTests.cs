using BootTests.Qemu;

namespace BootTests.Tests.Qemu;

[Category(Categories.Unit)]
public class AcceleratorChoicesTests
{
    [TestCase("auto", AcceleratorChoice.Auto)]
    [TestCase("kvm", AcceleratorChoice.Kvm)]
    [TestCase("TCG", AcceleratorChoice.Tcg)]
    public void Accelerator_names_parse_in_any_case(string text, AcceleratorChoice expected) =>
        AcceleratorChoices.Parse(text).Should().Be(expected);

    [Test]
    public void An_unknown_accelerator_is_a_usage_error_that_quotes_it()
    {
        Action parse = () => AcceleratorChoices.Parse("hvf");
        parse.Should().Throw<BootTestsException>()
            .Where(e => e.ExitCode == ExitCode.Usage)
            .WithMessage("*'hvf'*auto, kvm or tcg*");
    }

    [Test]
    public void A_choice_prints_as_the_user_types_it() => AcceleratorChoice.Kvm.ToText().Should().Be("kvm");
}
