namespace BootTests.Images.Fixups;

/// <summary>`systemctl enable` done on a tree without running it: the links its [Install] section asks for (WantedBy, RequiredBy, Alias, and the Also units).</summary>
public static class SystemdEnable
{
    /// <summary>Makes the links; returns the ones it had to make (none when the unit was already enabled).</summary>
    public static IReadOnlyList<string> Enable(TreeEdit edit, string unit)
    {
        var made = new List<string>();
        var pending = new Queue<string>([unit]);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (pending.TryDequeue(out var name))
        {
            if (!seen.Add(name) || TreeFacts.Unit(edit.Tree, name) is not { } found) continue;
            var install = InstallSection(edit.ReadText(found.Real) ?? "");
            foreach (var target in install("WantedBy")) Link(edit, $"etc/systemd/system/{target}.wants/{name}", found.LinkTarget, made);
            foreach (var target in install("RequiredBy")) Link(edit, $"etc/systemd/system/{target}.requires/{name}", found.LinkTarget, made);
            foreach (var alias in install("Alias")) Link(edit, $"etc/systemd/system/{alias}", found.LinkTarget, made);
            foreach (var also in install("Also")) pending.Enqueue(also);
        }
        return made;
    }

    /// <summary>True when some *.wants or *.requires folder under /etc/systemd/system links the unit.</summary>
    public static bool IsEnabled(MutableTree tree, string unit) =>
        tree.Resolve("etc/systemd/system") is { } folder
        && tree.Under(folder).Any(e => e.Path.EndsWith("/" + unit, StringComparison.Ordinal) && (e.Path.Contains(".wants/", StringComparison.Ordinal) || e.Path.Contains(".requires/", StringComparison.Ordinal)));

    private static void Link(TreeEdit edit, string path, string target, List<string> made)
    {
        if (edit.Symlink(path, target)) made.Add("/" + path);
    }

    private static Func<string, IEnumerable<string>> InstallSection(string unitText)
    {
        var values = new List<(string Key, string Value)>();
        var inInstall = false;
        foreach (var raw in unitText.Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith('[')) inInstall = line == "[Install]";
            else if (inInstall && line.Length > 0 && !line.StartsWith('#') && !line.StartsWith(';') && line.IndexOf('=', StringComparison.Ordinal) is var eq and > 0)
                values.Add((line[..eq].Trim(), line[(eq + 1)..].Trim()));
        }
        return key => values.Where(v => v.Key == key).SelectMany(v => v.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }
}
