using System.CommandLine;
using System.Diagnostics;
using BootTests.Guest;
using BootTests.Images;

namespace BootTests.Cli.Commands;

/// <summary>`boottest ssh RUN [COMMAND…]`: logs in again to the VM a running `boot` (or test) holds, with the host key pinned through the run's known_hosts; exits with ssh's code.</summary>
public static class SshCommand
{
    public static Command Create()
    {
        var run = new Argument<string>("run") { Description = "The run folder `boot` printed, or its name in the cache's runs/" };
        var remote = new Argument<string[]>("command") { Description = "A command to run instead of a login shell (after --)", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("ssh", "Log in to a running VM again (the run folder `boottest boot` printed), host key pinned") { run, remote };
        command.SetAction((parse, ct) => CliRunner.RunAsync(async () =>
        {
            var folder = Locate(parse.GetValue(run)!);
            var login = SshLogin.ReadFrom(folder)
                ?? throw BootTestsException.Usage(Stage.Ssh, $"The run {folder} never reached SSH (it has no {SshLogin.FileName}); boot again with `boottest boot`.");
            if (!CacheLock.IsHeld(folder))
                throw BootTestsException.Usage(Stage.Ssh, $"The VM of the run {folder} is not running any more (the boottest that booted it has ended); boot again with `boottest boot`.");
            var start = new ProcessStartInfo("ssh") { UseShellExecute = false };
            foreach (var argument in login.Arguments) start.ArgumentList.Add(argument);
            if (parse.GetValue(remote) is { Length: > 0 } words)
            {
                start.ArgumentList.Add("--");
                foreach (var word in words) start.ArgumentList.Add(word);
            }
            using var ssh = Process.Start(start) ?? throw BootTestsException.Environment(Stage.Ssh, "Could not start ssh; install openssh-client.");
            try
            {
                await ssh.WaitForExitAsync(ct);
            }
            catch (OperationCanceledException)
            {
                // SIGINT reached ssh too; SIGTERM may have been for boottest alone.
                if (!ssh.HasExited) ssh.Kill();
                throw;
            }
            return ssh.ExitCode;
        }, ct));
        return command;
    }

    private static string Locate(string run)
    {
        if (Directory.Exists(run)) return Path.GetFullPath(run);
        var named = Path.Combine(CacheDirectory.Default().RunsFolder, run);
        return Directory.Exists(named) ? named
            : throw BootTestsException.Usage(Stage.Ssh, $"No run folder '{PrintableText.Of(run)}' (neither a folder nor a name in {CacheDirectory.Default().RunsFolder}); give the folder `boottest boot` printed.");
    }
}
