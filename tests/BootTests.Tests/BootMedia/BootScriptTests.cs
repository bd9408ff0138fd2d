using BootTests.BootMedia;
using BootTests.Qemu;

namespace BootTests.Tests.BootMedia;

/// <summary>The grub.cfg and iPXE script the harness writes: same kernel command line as a direct boot, milestones on the serial console.</summary>
[Category(Categories.Unit)]
public class BootScriptTests
{
    [Test]
    public void The_grub_config_talks_on_the_serial_console_and_boots_the_one_entry_at_once() =>
        GrubConfig.Render("quiet").Should().Be(
            "serial --unit=0 --speed=115200\n" +
            "terminal_input serial\n" +
            "terminal_output serial\n" +
            "set timeout=0\n" +
            "set default=0\n" +
            "echo 'boottests: bootloader grub'\n" +
            "menuentry 'boottests' {\n" +
            "  if linux /boot/vmlinuz console=ttyS0 panic=-1 no_timer_check quiet; then echo 'boottests: kernel-loaded'; fi\n" +
            "  if initrd /boot/initramfs.img; then echo 'boottests: initrd-loaded'; fi\n" +
            "}\n");

    [Test]
    public void The_ipxe_script_is_the_classic_kernel_initrd_boot() =>
        IpxeScript.Render("quiet").Should().Be(
            "#!ipxe\n" +
            "echo boottests: bootloader ipxe\n" +
            "kernel http://10.0.2.100/vmlinuz console=ttyS0 panic=-1 no_timer_check quiet\n" +
            "initrd http://10.0.2.100/initramfs.img\n" +
            "boot\n");

    [Test]
    public void Without_extra_arguments_both_pass_only_the_harness_kernel_arguments()
    {
        GrubConfig.Render("").Should().Contain("linux /boot/vmlinuz console=ttyS0 panic=-1 no_timer_check; then");
        IpxeScript.Render("  ").Should().Contain("kernel http://10.0.2.100/vmlinuz console=ttyS0 panic=-1 no_timer_check\n");
    }

    [TestCase("quiet", "quiet")]
    [TestCase("systemd.unit=multi-user.target", "systemd.unit=multi-user.target")]
    [TestCase("a;b", "'a;b'")]
    [TestCase("it's", "'it'\\''s'")]
    [TestCase("$x", "'$x'")]
    public void Grub_words_with_special_characters_are_single_quoted(string word, string quoted) =>
        GrubConfig.Quote(word).Should().Be(quoted);

    [TestCase("a=b", new[] { "a=b" })]
    [TestCase("  a=\"b c\"   d ", new[] { "a=b c", "d" })]
    [TestCase("\"a=b c\" d", new[] { "a=b c", "d" })]
    [TestCase("a=\"\" b", new[] { "a=", "b" })]
    [TestCase("", new string[0])]
    public void Kernel_arguments_split_at_spaces_outside_double_quotes_and_lose_the_quotes(string line, string[] arguments) =>
        KernelCommandLine.Arguments(line).Should().Equal(arguments);

    [Test]
    public void Grub_gets_a_quoted_argument_without_its_double_quotes_because_it_adds_its_own() =>
        GrubConfig.Render("probe=\"a b;$(x)\"").Should().Contain("no_timer_check 'probe=a b;$(x)';");

    [TestCase("direct", BootVia.Direct)]
    [TestCase("GRUB", BootVia.Grub)]
    [TestCase(" ipxe ", BootVia.Ipxe)]
    [TestCase("grub-uefi", BootVia.GrubUefi)]
    public void Boot_via_names_parse(string name, BootVia via) => BootViaNames.TryParse(name).Should().Be(via);

    [Test]
    public void Every_boot_path_has_a_name_that_parses_back() =>
        Enum.GetValues<BootVia>().Select(v => BootViaNames.TryParse(v.Name())).Should().Equal(Enum.GetValues<BootVia>().Cast<BootVia?>());

    [TestCase("pxe")]
    [TestCase("")]
    [TestCase(null)]
    public void Other_boot_via_names_do_not(string? name) => BootViaNames.TryParse(name).Should().BeNull();
}
