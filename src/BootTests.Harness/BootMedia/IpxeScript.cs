using System.Text;

namespace BootTests.BootMedia;

/// <summary>The iPXE script the harness serves, in the shape of the classic one: kernel, initrd, boot.</summary>
public static class IpxeScript
{
    /// <summary>The address the guest sees the harness's HTTP server at (a guestfwd inside QEMU's user network).</summary>
    public const string ServerAddress = "10.0.2.100";
    public const int ServerPort = 80;
    public const string ScriptFile = "boot.ipxe";
    public const string KernelFile = "vmlinuz";
    public const string InitrdFile = "initramfs.img";

    public static string BaseUrl => $"http://{ServerAddress}";

    /// <summary>The URL QEMU's DHCP server hands iPXE as its boot file.</summary>
    public static string ScriptUrl => $"{BaseUrl}/{ScriptFile}";

    /// <summary>The script text; its echo line is the bootloader milestone, iPXE's own "URL... ok" lines mark each download.</summary>
    public static string Render(string append)
    {
        var text = new StringBuilder();
        text.Append("#!ipxe\n");
        text.Append("echo boottests: bootloader ipxe\n");
        text.Append($"kernel {BaseUrl}/{KernelFile} {string.Join(' ', KernelCommandLine.Words(append))}\n");
        text.Append($"initrd {BaseUrl}/{InitrdFile}\n");
        text.Append("boot\n");
        return text.ToString();
    }
}
