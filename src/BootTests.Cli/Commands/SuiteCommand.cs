using System.CommandLine;

namespace BootTests.Cli.Commands;

/// <summary>`boottest suite run|list|merge|compare`: many targets from one suite file, split into shards, merged and compared.</summary>
public static class SuiteCommand
{
    public static Command Create() =>
        new("suite", "Run many targets from a suite file (recipe × layout × boot path × memory × append), in shards, and merge and compare the results")
        {
            SuiteRunCommand.Create(), SuiteListCommand.Create(), SuiteBuildCommand.Create(), SuiteMergeCommand.Create(), SuiteCompareCommand.Create(),
        };
}
