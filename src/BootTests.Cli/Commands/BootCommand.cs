using System.CommandLine;
using BootTests.Images;
using BootTests.Session;

namespace BootTests.Cli.Commands;

/// <summary>
/// `boottest boot`: boots the image with its serial console on the terminal, as `mkosi qemu` does: what is typed goes to
/// the guest's serial port, Ctrl-] leaves (the VM stops, the terminal is restored); once SSH answers it prints a pinned
/// ssh line. Without a terminal the console lines are printed and Ctrl-C stops the VM.
/// </summary>
public static class BootCommand
{
    public static Command Create()
    {
        var recipe = CommonOptions.Recipe();
        var layout = CommonOptions.Layout();
        var accel = CommonOptions.Accel();
        var append = CommonOptions.Append();
        var bootVia = CommonOptions.BootVia();
        var kernelEntry = CommonOptions.KernelEntry();
        var newKeys = CommonOptions.NewKeys();
        var command = new Command("boot", $"Boot the image with its console on this terminal: typing goes to the guest's serial port, {ConsoleInput.EscapeName} leaves; prints a pinned ssh line")
        {
            recipe, layout, accel, append, bootVia, kernelEntry, newKeys,
        };
        command.SetAction((parse, ct) => CliRunner.RunAsync(async () =>
        {
            var parsedLayout = ImageLayouts.Parse(parse.GetValue(layout)!);
            var choice = CommonOptions.ParseAccel(parse.GetValue(accel));
            var via = CommonOptions.ParseBootVia(parse.GetValue(bootVia)!);
            var loaded = RecipeLoader.Load(parse.GetValue(recipe));
            await CliRunner.EnsureInstalledAsync(HostNeeds.ToBuildAndBoot(loaded, [parsedLayout], via), ct);
            var builder = new BootSessionBuilder().WithRecipe(loaded).WithLayout(parsedLayout).WithAccelerator(choice).WithBootVia(via).WithKernelEntry(CommonOptions.ParseKernelEntry(parse.GetValue(kernelEntry)!))
                .WithNewKeys(parse.GetValue(newKeys)).WithAppend(parse.GetValue(append) ?? "").WithProgress(CliRunner.Progress());
            using var terminal = TerminalMode.TryCharacterMode();
            var stdout = Console.OpenStandardOutput();
            builder = terminal is null
                ? builder.WithConsoleEcho(line => Console.WriteLine("  | " + line))
                : builder.WithConsoleBytes(bytes =>
                {
                    lock (stdout)
                    {
                        stdout.Write(bytes.Span);
                        stdout.Flush();
                    }
                });
            await using var session = await builder.BuildAsync(ct);
            return await InteractiveConsole.RunAsync(session, terminal is not null, ct);
        }, ct));
        return command;
    }
}
