using System.CommandLine;
using BootTests.Guest;
using BootTests.Images;
using BootTests.Qemu;
using BootTests.Session;

namespace BootTests.Cli.Commands;


/// <summary>`boottest verify`: the same boot, SSH and checks for a kernel + initramfs made elsewhere.</summary>
public static class VerifyCommand
{
    public static Command Create()
    {
        var kernel = new Option<string>("--kernel") { Description = "The kernel (vmlinuz)", Required = true }.NotEmpty("the kernel file (vmlinuz)");
        var initrd = new Option<string>("--initrd") { Description = "The initramfs", Required = true }.NotEmpty("the initramfs file");
        var append = CommonOptions.Append();
        var memory = new Option<string>("--memory") { Description = "Guest memory, e.g. 2G", DefaultValueFactory = _ => "2G" };
        var user = new Option<string>("--ssh-user") { Description = "User to log in as", DefaultValueFactory = _ => "root" };
        var key = new Option<string?>("--ssh-key") { Description = "Private key file to log in with" }.NotEmpty("the private key file to log in with");
        var password = new Option<string?>("--ssh-password") { Description = "Password to log in with (or set BOOTTESTS_SSH_PASSWORD)" };
        var hostKey = new Option<string?>("--host-key") { Description = "Expected host key fingerprint (SHA256:…); without it the seen one is reported, unpinned" };
        var tmpfs = new Option<string?>("--tmpfs-size") { Description = "The tmpfs size the image's /init asks for, checked by root-is-tmpfs" };
        var accel = CommonOptions.Accel();
        var bootVia = CommonOptions.BootVia();
        var kernelEntry = CommonOptions.KernelEntry();
        var outputs = new ReportOptions();
        var command = new Command("verify", "Boot a kernel + initramfs made elsewhere, SSH in and run the RAM-root checks")
        {
            kernel, initrd, append, memory, user, key, password, hostKey, tmpfs, accel, bootVia, kernelEntry,
        };
        outputs.AddTo(command);
        command.SetAction((parse, ct) => CliRunner.RunAsync(async () =>
        {
            var via = CommonOptions.ParseBootVia(parse.GetValue(bootVia)!);
            var kernelPath = parse.GetValue(kernel)!;
            var initrdPath = parse.GetValue(initrd)!;
            var version = KernelImage.ReadVersion(kernelPath);
            if (Directory.Exists(initrdPath) || !File.Exists(initrdPath))
                throw BootTestsException.Usage(Stage.Initrd, $"--initrd '{initrdPath}' is not a file.");
            var mem = Size("--memory", "memory", parse.GetValue(memory)!, "2G or 1536M");
            if (mem.MiB < Recipe.MinimumMemoryMiB) throw BootTestsException.Usage(Stage.Memory, $"--memory '{parse.GetValue(memory)}' is below the {Recipe.MinimumMemoryMiB}M a systemd guest needs; give e.g. 2G.");
            long? tmpfsBytes = parse.GetValue(tmpfs) is { } t ? Size("--tmpfs-size", "tmpfs", t, "1500M (what the image's /init mounts)").Bytes : null;
            var choice = CommonOptions.ParseAccel(parse.GetValue(accel));
            outputs.Validate(parse);
            await CliRunner.EnsureInstalledAsync(HostNeeds.ToBoot(via), ct);

            var credentials = VerifyLogin.Credentials(parse.GetValue(user)!, parse.GetValue(key),
                parse.GetValue(password) ?? Environment.GetEnvironmentVariable("BOOTTESTS_SSH_PASSWORD"));
            var pin = VerifyLogin.Pin(parse.GetValue(hostKey));

            // Named by its kernel, so the JUnit suites of a CI matrix that verifies several images stay apart.
            var target = new BootTarget($"verify/{Path.GetFileName(kernelPath)}", Path.GetFullPath(kernelPath), Path.GetFullPath(initrdPath), (int)mem.MiB, credentials, pin, version, tmpfsBytes);
            var builder = new BootSessionBuilder().WithTarget(target).WithAccelerator(choice).WithBootVia(via).WithKernelEntry(CommonOptions.ParseKernelEntry(parse.GetValue(kernelEntry)!))
                .WithAppend(parse.GetValue(append) ?? "").WithProgress(CliRunner.Progress());
            if (outputs.RunsFolder(parse) is { } runs) builder = builder.WithRunsFolder(runs);
            if (!pin.IsPinned) Console.Error.WriteLine("note: no --host-key given: the host key is reported, not pinned.");
            return await RunSession.ExecuteAsync(await builder.BuildAsync(ct), outputs, parse, ct);
        }, ct));
        return command;
    }

    private static ByteSize Size(string option, string stage, string text, string example) =>
        ByteSize.TryParse(text) is { } size && size.Bytes <= RecipeValidator.MaxSize.Bytes ? size
            : throw BootTestsException.Usage(stage, $"{option} '{PrintableText.Of(text)}' is not a size from 1 byte to 1T; give e.g. {example}.");
}
