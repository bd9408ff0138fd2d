using BootTests.Guest;

namespace BootTests.Tests.TestKit;

/// <summary>A guest made of canned files and command outputs; answers cat, test -e and ls -1 from its files.</summary>
internal sealed class FakeGuest : IGuestShell
{
    public Dictionary<string, string> Files { get; } = new();

    public Dictionary<string, GuestCommandResult> Commands { get; } = new();

    public List<string> Ran { get; } = [];

    /// <summary>Answers given in turn, the last one from then on (a guest whose state changes while a test waits).</summary>
    public Dictionary<string, Queue<GuestCommandResult>> Sequences { get; } = new();

    public string HostKeyFingerprint => "SHA256:fake";

    public FakeGuest WithFile(string path, string content)
    {
        Files[path] = content;
        return this;
    }

    public FakeGuest WithoutFile(string path)
    {
        Files.Remove(path);
        return this;
    }

    public FakeGuest WithCommand(string command, string stdout, int exitStatus = 0)
    {
        Commands[command] = new GuestCommandResult(command, exitStatus, stdout, "", TimeSpan.Zero);
        return this;
    }

    public FakeGuest WithAnswers(string command, params (int Exit, string Stdout, string Stderr)[] answers)
    {
        Sequences[command] = new Queue<GuestCommandResult>(answers.Select(a => new GuestCommandResult(command, a.Exit, a.Stdout, a.Stderr, TimeSpan.Zero)));
        return this;
    }

    public Task<GuestCommandResult> RunAsync(string command, TimeSpan? timeout = null, CancellationToken ct = default)
    {
        Ran.Add(command);
        return Task.FromResult(Answer(command));
    }

    private GuestCommandResult Answer(string command)
    {
        if (Sequences.TryGetValue(command, out var queue) && queue.Count > 0)
        {
            return queue.Count > 1 ? queue.Dequeue() : queue.Peek();
        }

        if (Commands.TryGetValue(command, out var canned))
        {
            return canned;
        }

        if (PathAfter(command, "cat ") is { } catPath)
        {
            return Files.TryGetValue(catPath, out var content)
                ? Result(command, 0, content)
                : Result(command, 1, "", $"cat: {catPath}: No such file or directory\n");
        }

        if (PathAfter(command, "test -e ") is { } testPath)
        {
            return Result(command, Files.ContainsKey(testPath) ? 0 : 1, "");
        }

        if (PathAfter(command, "ls -1 ") is { } directory)
        {
            var names = Files.Keys.Where(p => p.StartsWith(directory + "/", StringComparison.Ordinal))
                .Select(p => p[(directory.Length + 1)..]).Order().ToList();
            return names.Count == 0
                ? Result(command, 2, "", $"ls: cannot access '{directory}': No such file or directory\n")
                : Result(command, 0, string.Concat(names.Select(n => n + "\n")));
        }

        return Result(command, 127, "", $"sh: {command}: not found\n");
    }

    private static string? PathAfter(string command, string verb) =>
        command.StartsWith(verb + "'", StringComparison.Ordinal) && command.EndsWith('\'')
            ? command[(verb.Length + 1)..^1]
            : null;

    private static GuestCommandResult Result(string command, int exit, string stdout, string stderr = "") =>
        new(command, exit, stdout, stderr, TimeSpan.Zero);
}
