using System.CommandLine;
using BootTests.Guest;
using BootTests.Images;
using BootTests.Qemu;
using BootTests.Session;

namespace BootTests.Cli.Commands;

using Console = System.Console;

/// <summary>`boottest verify`: the same boot, SSH and checks for a kernel + initramfs made elsewhere.</summary>
public static class VerifyCommand
{
    public static Command Create()
    {
        var kernel = new Option<string>("--kernel") { Description = "The kernel (vmlinuz)", Required = true };
        var initrd = new Option<string>("--initrd") { Description = "The initramfs", Required = true };
        var append = CommonOptions.Append();
        var memory = new Option<string>("--memory") { Description = "Guest memory, e.g. 2G", DefaultValueFactory = _ => "2G" };
        var user = new Option<string>("--ssh-user") { Description = "User to log in as", DefaultValueFactory = _ => "root" };
        var key = new Option<string?>("--ssh-key") { Description = "Private key file to log in with" };
        var password = new Option<string?>("--ssh-password") { Description = "Password to log in with (or set BOOTTESTS_SSH_PASSWORD)" };
        var hostKey = new Option<string?>("--host-key") { Description = "Expected host key fingerprint (SHA256:…); without it the seen one is reported, unpinned" };
        var tmpfs = new Option<string?>("--tmpfs-size") { Description = "The tmpfs size the image's /init asks for, checked by root-is-tmpfs" };
        var accel = CommonOptions.Accel();
        var bootVia = CommonOptions.BootVia();
        var outputs = new ReportOptions();
        var command = new Command("verify", "Boot a kernel + initramfs made elsewhere, SSH in and run the RAM-root checks")
        {
            kernel, initrd, append, memory, user, key, password, hostKey, tmpfs, accel, bootVia,
        };
        outputs.AddTo(command);
        command.SetAction((parse, ct) => CliRunner.RunAsync(async () =>
        {
            var via = CommonOptions.ParseBootVia(parse.GetValue(bootVia)!);
            var kernelPath = parse.GetValue(kernel)!;
            var initrdPath = parse.GetValue(initrd)!;
            var version = KernelImage.ReadVersion(kernelPath);
            if (Directory.Exists(initrdPath) || !File.Exists(initrdPath))
                throw BootTestsException.Usage("initrd", $"--initrd '{initrdPath}' is not a file.");
            var mem = ByteSize.TryParse(parse.GetValue(memory))
                ?? throw BootTestsException.Usage("memory", $"--memory '{parse.GetValue(memory)}' is not a size; use e.g. 2G or 1536M.");
            if (mem.MiB < 128) throw BootTestsException.Usage("memory", $"--memory '{parse.GetValue(memory)}' is below the 128M a systemd guest needs.");
            long? tmpfsBytes = null;
            if (parse.GetValue(tmpfs) is { } t)
                tmpfsBytes = (ByteSize.TryParse(t) ?? throw BootTestsException.Usage("tmpfs", $"--tmpfs-size '{t}' is not a size.")).Bytes;
            var choice = AcceleratorChoices.Parse(parse.GetValue(accel)!);
            outputs.Validate(parse);
            await CliRunner.EnsureInstalledAsync([.. BootTests.Host.Prerequisites.ForBoot, .. BootTests.Host.Prerequisites.ForBootVia(via)], ct);

            var secret = parse.GetValue(password) ?? Environment.GetEnvironmentVariable("BOOTTESTS_SSH_PASSWORD");
            var keyPath = parse.GetValue(key);
            if (keyPath is not null && secret is not null)
                throw BootTestsException.Usage("ssh", "Give --ssh-key or --ssh-password, not both.");
            if (keyPath is not null && !File.Exists(keyPath))
                throw BootTestsException.Usage("ssh", $"--ssh-key '{keyPath}' does not exist.");
            if (keyPath is null && secret is null)
                throw BootTestsException.Usage("ssh", "Give --ssh-key FILE or --ssh-password P (or BOOTTESTS_SSH_PASSWORD) to log in with.");
            var credentials = keyPath is not null
                ? SshCredentials.WithPrivateKeyFile(parse.GetValue(user)!, keyPath)
                : SshCredentials.WithPassword(parse.GetValue(user)!, secret!);
            var pin = parse.GetValue(hostKey) is { } fingerprint
                ? (fingerprint.StartsWith("SHA256:", StringComparison.Ordinal) ? HostKeyPin.Expect(fingerprint)
                    : throw BootTestsException.Usage("ssh", $"--host-key '{fingerprint}' is not a SHA256:… fingerprint (ssh-keygen -lf KEY.pub prints it)."))
                : HostKeyPin.NotPinned;

            var target = new BootTarget("verify", Path.GetFullPath(kernelPath), Path.GetFullPath(initrdPath), (int)mem.MiB, credentials, pin, version, tmpfsBytes);
            var builder = new BootSessionBuilder().WithTarget(target).WithAccelerator(choice).WithBootVia(via)
                .WithAppend(parse.GetValue(append) ?? "").WithProgress(CliRunner.Progress());
            if (outputs.RunsFolder(parse) is { } runs) builder = builder.WithRunsFolder(runs);
            if (!pin.IsPinned) Console.Error.WriteLine("note: no --host-key given: the host key is reported, not pinned.");
            return await RunSession.ExecuteAsync(await builder.BuildAsync(ct), outputs, parse, ct);
        }, ct));
        return command;
    }
}
