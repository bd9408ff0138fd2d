using System.Text.RegularExpressions;
using BootTests.Tests.Images;
using CliWrap;
using CliWrap.Buffered;

namespace BootTests.Tests.Cli;

/// <summary>
/// Every command and option with hostile values, run as the real CLI: exit 3, one message naming the input and the stage,
/// never a stack trace; every scratch path has spaces and shell metacharacters, and a canary proves no shell ran.
/// </summary>
[TestFixture]
[Category(Categories.Unit)]
[Parallelizable(ParallelScope.Self)]
public sealed class HostileInputTests
{
    /// <summary>A folder name no shell could take literally; `touch pwned` runs if anything ever hands it to one.</summary>
    public const string ShellBait = "a b;$(touch pwned)`touch pwned`'\",&|<>";

    private ScratchDirectory scratch = null!;
    private Dictionary<string, string> places = null!;

    [OneTimeSetUp]
    public async Task Create_the_scratch_files()
    {
        scratch = new ScratchDirectory("boottests-hostile-");
        var bait = Directory.CreateDirectory(scratch.Combine(ShellBait)).FullName;
        string In(string name) => Path.Combine(bait, name);
        places = new Dictionary<string, string>
        {
            ["{dir}"] = Directory.CreateDirectory(In("folder $(touch pwned)")).FullName,
            ["{file}"] = In("notes `touch pwned`.txt"),
            ["{missing}"] = In("no such; touch pwned"),
            ["{kernel}"] = In("vmlinuz 'x'"),
            ["{initrd}"] = In("initrd \"x\".img"),
            ["{key}"] = In("id key;$(touch pwned)"),
            ["{nonempty}"] = Directory.CreateDirectory(In("someone's folder")).FullName,
            ["{history}"] = In("history $(touch pwned).jsonl"),
        };
        await File.WriteAllTextAsync(places["{file}"], "hello\n");
        await File.WriteAllBytesAsync(places["{kernel}"], FakeBzImage());
        await File.WriteAllTextAsync(places["{initrd}"], "not really an initramfs");
        await File.WriteAllTextAsync(Path.Combine(places["{nonempty}"], "theirs.txt"), "keep me");
        await File.WriteAllTextAsync(places["{history}"], "");
        await CliWrap.Cli.Wrap("ssh-keygen").WithArguments(["-q", "-t", "ed25519", "-N", "", "-f", places["{key}"]]).ExecuteBufferedAsync();
    }

    [OneTimeTearDown]
    public void Delete_the_scratch_files() => scratch.Dispose();

    [TestCaseSource(typeof(HostileInputs), nameof(HostileInputs.All))]
    public async Task A_hostile_input_exits_3_with_a_message_naming_it(HostileInput input)
    {
        var arguments = input.Arguments.Select(Substitute).ToArray();

        var result = await BoottestCli.RunInAsync(scratch.Path,
            new Dictionary<string, string?> { ["BOOTTESTS_NO_INSTALL"] = "1", ["BOOTTESTS_CACHE"] = scratch.Combine("cache") },
            TimeSpan.FromSeconds(60), arguments);

        var stderr = result.StandardError;
        result.ExitCode.Should().Be(3, $"stderr:\n{stderr}\nstdout:\n{result.StandardOutput}");
        UserErrors.ShouldBeAPlainMessage(stderr);
        foreach (var word in input.MustName.Select(Substitute))
            stderr.Should().Contain(word, "the message names the input");
        Canary.ShouldFindNoneUnder(scratch.Path);
    }

    [Test]
    public void The_checker_catches_a_stack_trace()
    {
        var act = () => UserErrors.ShouldBeAPlainMessage(
            "Unhandled exception: System.ArgumentException: The value cannot be an empty string.\n   at System.IO.Path.GetFullPath(String path)\n");
        act.Should().Throw<Exception>();
    }

    private string Substitute(string text) => places.Aggregate(text, (t, p) => t.Replace(p.Key, p.Value, StringComparison.Ordinal));

    /// <summary>Just enough of an x86 boot header for `verify` to take the file for a kernel (it never boots).</summary>
    private static byte[] FakeBzImage()
    {
        var bytes = new byte[1024];
        "HdrS"u8.CopyTo(bytes.AsSpan(0x202));
        BitConverter.GetBytes((ushort)0x100).CopyTo(bytes, 0x20E);
        "6.1.0-fake"u8.CopyTo(bytes.AsSpan(0x300));
        return bytes;
    }
}

/// <summary>What a user-facing error must look like: "boottest: STAGE: message", at most two lines, no stack trace or type names.</summary>
internal static partial class UserErrors
{
    public static void ShouldBeAPlainMessage(string stderr)
    {
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines.Should().NotBeEmpty("an error is explained");
        lines.Length.Should().BeLessThanOrEqualTo(2, $"the message is one or two lines:\n{stderr}");
        lines[0].Should().MatchRegex("^boottest: [a-z-]+: ", "the first line names the stage");
        stderr.Should().NotMatchRegex(@"(?m)^\s+at ", "no stack frames");
        StackTraceWords().IsMatch(stderr).Should().BeFalse($"no exception or .NET type names:\n{stderr}");
    }

    [GeneratedRegex(@"Exception\b|System\.[A-Z]|Unhandled")]
    private static partial Regex StackTraceWords();
}

/// <summary>The `touch pwned` in <see cref="HostileInputTests.ShellBait"/> leaves a file named pwned wherever a shell ran it.</summary>
internal static class Canary
{
    public static void ShouldFindNoneUnder(string folder) =>
        Directory.EnumerateFiles(folder, "pwned*", SearchOption.AllDirectories).Should().BeEmpty("no input may reach a shell");
}
