using System.CommandLine;
using BootTests.Images;
using BootTests.Qemu;
using BootTests.Session;

namespace BootTests.Cli.Commands;


/// <summary>`boottest boot`: boots the image with the console on the terminal and keeps it up until Ctrl-C.</summary>
public static class BootCommand
{
    public static Command Create()
    {
        var recipe = CommonOptions.Recipe();
        var layout = CommonOptions.Layout();
        var accel = CommonOptions.Accel();
        var append = CommonOptions.Append();
        var bootVia = CommonOptions.BootVia();
        var command = new Command("boot", "Boot the image interactively: the console streams here; Ctrl-C stops the VM") { recipe, layout, accel, append, bootVia };
        command.SetAction((parse, ct) => CliRunner.RunAsync(async () =>
        {
            var parsedLayout = ImageLayouts.Parse(parse.GetValue(layout)!);
            var choice = CommonOptions.ParseAccel(parse.GetValue(accel));
            var via = CommonOptions.ParseBootVia(parse.GetValue(bootVia)!);
            var loaded = RecipeLoader.Load(parse.GetValue(recipe));
            await CliRunner.EnsureInstalledAsync(
                HostNeeds.ToBuildAndBoot([parsedLayout], via), ct);
            await using var session = await new BootSessionBuilder().WithRecipe(loaded).WithLayout(parsedLayout).WithAccelerator(choice).WithBootVia(via)
                .WithAppend(parse.GetValue(append) ?? "").WithProgress(CliRunner.Progress())
                .WithConsoleEcho(line => Console.WriteLine("  | " + line)).BuildAsync(ct);
            await session.StartAsync(ct);
            Console.Error.WriteLine($"The VM is up. Log in with: ssh -i {session.Target.Credentials.PrivateKeyPath} -p {session.ForwardedPort(22)} root@127.0.0.1");
            Console.Error.WriteLine("Press Ctrl-C to stop it.");
            var exit = await session.WaitForExitAsync(ct);
            Console.Error.WriteLine($"QEMU exited with code {exit.ExitCode}.");
            return 0;
        }, ct));
        return command;
    }
}
