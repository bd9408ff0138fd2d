namespace BootTests.Tests.TestKit;

/// <summary>
/// One hostile command line: the arguments (with {placeholders} for the scratch files) and the words the error must contain
/// to name the input. Placeholders: {dir} a folder, {file} a text file, {missing} a path that does not exist, {kernel} a
/// bzImage header, {initrd} an initramfs stand-in, {key} a real private key, {nonempty} a folder holding a stranger's file.
/// </summary>
public sealed record HostileInput(string Name, string[] Arguments, string[] MustName)
{
    public override string ToString() => Name;
}

/// <summary>The table: every command and option of the CLI with the values a careless or hostile user gives.</summary>
public static class HostileInputs
{
    private static readonly string[] Verify = ["verify", "--kernel", "{kernel}", "--initrd", "{initrd}"];
    private static readonly string[] VerifyWithKey = [.. Verify, "--ssh-key", "{key}"];

    public static IEnumerable<HostileInput> All()
    {
        yield return C("no command", ["bogus"], "bogus");
        yield return C("unknown option", ["run", "--bogus"], "--bogus");
        yield return C("doctor with an argument", ["doctor", "now"], "now");

        foreach (var command in new[] { "build", "run", "boot", "measure" })
        {
            yield return C($"{command} --recipe empty", [command, "--recipe", ""], "--recipe", "''");
            yield return C($"{command} --recipe missing", [command, "--recipe", "{missing}"], "{missing}");
            yield return C($"{command} --recipe a directory", [command, "--recipe", "{dir}"], "{dir}", "directory");
            yield return C($"{command} --recipe not JSON", [command, "--recipe", "{file}"], "{file}:1:");
            yield return C($"{command} --recipe endless", [command, "--recipe", "/dev/zero"], "/dev/zero", "larger than");
        }
        foreach (var command in new[] { "build", "run", "boot" })
        {
            yield return C($"{command} --layout empty", [command, "--layout", ""], "layout", "''");
            yield return C($"{command} --layout with a shell", [command, "--layout", "fast;touch pwned"], "'fast;touch pwned'");
        }
        yield return C("build --out empty", ["build", "--out", ""], "--out", "''");
        yield return C("build --out a file", ["build", "--out", "{file}"], "--out", "{file}", "is a file");
        yield return C("build --out under a missing folder", ["build", "--out", "{missing}/image"], "--out", "{missing}");
        yield return C("build --out a stranger's folder", ["build", "--out", "{nonempty}"], "--out", "{nonempty}");

        foreach (var command in new[] { "run", "boot" })
        {
            yield return C($"{command} --accel empty", [command, "--accel", ""], "accelerator", "''");
            yield return C($"{command} --accel with a shell", [command, "--accel", "kvm;true"], "'kvm;true'");
        }
        foreach (var prefix in new[] { new[] { "run" }, new[] { "boot" }, VerifyWithKey })
        {
            var command = prefix[0];
            yield return C($"{command} --append unbalanced quote", [.. prefix, "--append", "foo=\"a b"], "--append", "foo=\"a b", "unbalanced");
            yield return C($"{command} --append newline", [.. prefix, "--append", "a\nreboot=1"], "--append", "a\\u000areboot=1", "control character");
            yield return C($"{command} --append tab", [.. prefix, "--append", "a\tb"], "--append", "\\u0009");
            yield return C($"{command} --append NUL-free but too long", [.. prefix, "--append", new string('x', 2100)], "--append", "2047");
        }
        foreach (var prefix in new[] { new[] { "run" }, VerifyWithKey })
        {
            var command = prefix[0];
            foreach (var option in new[] { "--json", "--junit" })
            {
                yield return C($"{command} {option} empty", [.. prefix, option, ""], option, "''");
                yield return C($"{command} {option} a directory", [.. prefix, option, "{dir}"], option, "{dir}", "directory");
                yield return C($"{command} {option} under a missing folder", [.. prefix, option, "{missing}/r.json"], option, "{missing}");
            }
            yield return C($"{command} --json in a folder that cannot be written", [.. prefix, "--json", "/proc/boottests.json"], "--json", "/proc", "cannot be written");
            yield return C($"{command} --artifacts empty", [.. prefix, "--artifacts", ""], "--artifacts", "''");
            yield return C($"{command} --artifacts a file", [.. prefix, "--artifacts", "{file}"], "--artifacts", "{file}", "is a file");
        }

        yield return C("verify without kernel", ["verify", "--initrd", "{initrd}"], "--kernel");
        yield return C("verify --kernel empty", ["verify", "--kernel", "", "--initrd", "{initrd}"], "--kernel", "''");
        yield return C("verify --kernel missing", ["verify", "--kernel", "{missing}", "--initrd", "{initrd}"], "--kernel", "{missing}");
        yield return C("verify --kernel a directory", ["verify", "--kernel", "{dir}", "--initrd", "{initrd}"], "--kernel", "{dir}", "directory");
        yield return C("verify --kernel not a kernel", ["verify", "--kernel", "{file}", "--initrd", "{initrd}"], "--kernel", "{file}", "not an x86 Linux kernel");
        yield return C("verify --initrd empty", ["verify", "--kernel", "{kernel}", "--initrd", ""], "--initrd", "''");
        yield return C("verify --initrd missing", ["verify", "--kernel", "{kernel}", "--initrd", "{missing}"], "--initrd", "{missing}");
        yield return C("verify --initrd a directory", ["verify", "--kernel", "{kernel}", "--initrd", "{dir}"], "--initrd", "{dir}");
        foreach (var size in new[] { "-1", "10XB", "0", "1e9", "", "99999999999999999999", "2T", "64M", " " })
            yield return C($"verify --memory '{size}'", [.. VerifyWithKey, "--memory", size], "--memory", $"'{size}'");
        foreach (var size in new[] { "-1", "10XB", "0", "", "99999999999999999999" })
            yield return C($"verify --tmpfs-size '{size}'", [.. VerifyWithKey, "--tmpfs-size", size], "--tmpfs-size", $"'{size}'");
        foreach (var user in new[] { "", "a b", "root;id", "$(id)" })
            yield return C($"verify --ssh-user '{user}'", [.. VerifyWithKey, "--ssh-user", user], "--ssh-user", $"'{user}'");
        yield return C("verify --ssh-key empty", [.. Verify, "--ssh-key", ""], "--ssh-key", "''");
        yield return C("verify --ssh-key missing", [.. Verify, "--ssh-key", "{missing}"], "--ssh-key", "{missing}");
        yield return C("verify --ssh-key a directory", [.. Verify, "--ssh-key", "{dir}"], "--ssh-key", "{dir}", "directory");
        yield return C("verify --ssh-key not a key", [.. Verify, "--ssh-key", "{file}"], "--ssh-key", "{file}", "private key");
        yield return C("verify --ssh-key endless", [.. Verify, "--ssh-key", "/dev/zero"], "--ssh-key", "/dev/zero", "larger than");
        yield return C("verify --ssh-password empty", [.. Verify, "--ssh-password", ""], "--ssh-password", "empty");
        yield return C("verify key and password", [.. VerifyWithKey, "--ssh-password", "pw"], "--ssh-key", "--ssh-password");
        yield return C("verify no login", Verify, "--ssh-key", "--ssh-password");
        foreach (var pin in new[] { "SHA256:", "MD5:aa:bb", "SHA256:!!", "SHA256:AAAA", "" })
            yield return C($"verify --host-key '{pin}'", [.. VerifyWithKey, "--host-key", pin], "--host-key", $"'{pin}'");

        foreach (var command in new[] { "measure", "benchmark" })
        {
            foreach (var runs in new[] { "-1", "0", "10XB", "1e9", "", "99999999999999999999", "1001" })
                yield return C($"{command} --runs '{runs}'", [command, "--runs", runs], "--runs", $"'{runs}'");
            yield return C($"{command} --json empty", [command, "--json", ""], "--json", "''");
            yield return C($"{command} --json a directory", [command, "--json", "{dir}"], "--json", "{dir}");
            yield return C($"{command} --json under a missing folder", [command, "--json", "{missing}/m.json"], "--json", "{missing}");
            yield return C($"{command} --accel bogus", [command, "--accel", "bogus"], "'bogus'");
            yield return C($"{command} --json in a folder that cannot be written", [command, "--json", "/proc/boottests.json"], "--json", "cannot be written");
        }
        yield return C("measure --layout only commas", ["measure", "--layout", ","], "--layout", "','");
        yield return C("measure --layout unknown in the list", ["measure", "--layout", "seed,quick"], "'quick'");
        foreach (var pct in new[] { "-1", "NaN", "Infinity", "abc", "" })
            yield return C($"measure --max-regression '{pct}'", ["measure", "--baseline", "{history}", "--max-regression", pct], "--max-regression", $"'{pct}'");
        yield return C("measure --max-regression without baseline", ["measure", "--max-regression", "5"], "--max-regression", "--baseline");
        foreach (var option in new[] { "--history", "--html", "--baseline" })
        {
            yield return C($"measure {option} empty", ["measure", option, ""], option, "''");
            yield return C($"measure {option} a directory", ["measure", option, "{dir}"], option, "{dir}", "directory");
        }
        yield return C("measure --history not a history", ["measure", "--history", "{file}"], "{file}:1", "not a boot record");
        yield return C("measure --history endless", ["measure", "--history", "/dev/zero"], "/dev/zero", "larger than");
        yield return C("measure --history under a missing folder", ["measure", "--history", "{missing}/h.jsonl"], "--history", "{missing}");
        yield return C("measure --baseline missing", ["measure", "--baseline", "{missing}"], "--baseline", "{missing}");
        yield return C("measure --baseline not a history", ["measure", "--baseline", "{file}"], "{file}:1", "not a boot record");
        foreach (var step in new[] { "0", "-1", "10XB", "99999999", "" })
            yield return C($"benchmark --min-memory-step '{step}'", ["benchmark", "--min-memory-step", step], "--min-memory-step", $"'{step}'");
        yield return C("benchmark --recipe only commas", ["benchmark", "--recipe", ","], "--recipe", "','");
        // A path that does not exist is read as a comma-separated list, so the message names its first piece (up to the comma).
        yield return C("benchmark --recipe missing", ["benchmark", "--recipe", "debian-bookworm,{missing}"], "a b;$(touch pwned)`touch pwned`'\"'", "does not exist");
        yield return C("benchmark --recipe not JSON, with a comma in its path", ["benchmark", "--recipe", "{file}"], "{file}:1:");
        yield return C("benchmark --recipe a directory", ["benchmark", "--recipe", "{dir}"], "{dir}", "directory");
    }

    private static HostileInput C(string name, string[] arguments, params string[] mustName) => new(name, arguments, mustName);
}
