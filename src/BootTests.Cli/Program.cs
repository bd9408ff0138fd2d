using System.CommandLine;
using BootTests.Cli;
using BootTests.Cli.Commands;

var root = new RootCommand("boottest: build RAM-root Linux images, boot them in QEMU and prove they work.");
root.Subcommands.Add(BuildCommand.Create());
root.Subcommands.Add(DoctorCommand.Create());
root.Subcommands.Add(RunCommand.Create());
root.Subcommands.Add(VerifyCommand.Create());
root.Subcommands.Add(BootCommand.Create());
root.Subcommands.Add(MeasureCommand.Create());
root.Subcommands.Add(BenchmarkCommand.Create());
root.Subcommands.Add(SoakCommand.Create());
root.Subcommands.Add(SshCommand.Create());
root.Subcommands.Add(CacheCommand.Create());
root.Subcommands.Add(SuiteCommand.Create());
root.Subcommands.Add(HistoryCommand.Create());
root.Subcommands.Add(DiffCommand.Create());
return await CliRunner.InvokeAsync(root, args);
