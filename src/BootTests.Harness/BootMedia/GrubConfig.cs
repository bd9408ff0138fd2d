using System.Text;

namespace BootTests.BootMedia;

/// <summary>The grub.cfg of the boot CD: everything on the serial console, one entry booted at once, a console line per step.</summary>
public static class GrubConfig
{
    public const string KernelFile = "/boot/vmlinuz";
    public const string InitrdFile = "/boot/initramfs.img";

    /// <summary>The config text; the echo lines are what the console catalogue turns into milestones.</summary>
    public static string Render(string append)
    {
        var text = new StringBuilder();
        text.Append("serial --unit=0 --speed=115200\n");
        text.Append("terminal_input serial\n");
        text.Append("terminal_output serial\n");
        text.Append("set timeout=0\n");
        text.Append("set default=0\n");
        text.Append("echo 'boottests: bootloader grub'\n");
        text.Append("menuentry 'boottests' {\n");
        // GRUB goes on after a failed command: only a command that worked may print its milestone.
        // GRUB hands the kernel a backslash before every '"' and wraps an argument holding a space in quotes of its
        // own, so it is given the arguments as the kernel would read them, without their quotes.
        text.Append($"  if linux {KernelFile} {string.Join(' ', KernelCommandLine.Arguments(KernelCommandLine.For(append)).Select(Quote))}; then echo 'boottests: kernel-loaded'; fi\n");
        text.Append($"  if initrd {InitrdFile}; then echo 'boottests: initrd-loaded'; fi\n");
        text.Append("}\n");
        return text.ToString();
    }

    /// <summary>A word quoted for GRUB's shell-like parser: plain words stay as they are, others go in single quotes.</summary>
    public static string Quote(string word) =>
        word.All(c => char.IsAsciiLetterOrDigit(c) || c is '=' or '-' or '_' or '.' or '/' or ':' or ',' or '+')
            ? word
            : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
