namespace BootTests.Images.Kernels;

/// <summary>A kernel's module index as depmod writes it (modules.dep, modules.builtin, modules.alias, modules.softdep): which module needs which.</summary>
public sealed class ModulesIndex
{
    private readonly Dictionary<string, string> pathByName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<string>> dependencies = new(StringComparer.Ordinal);
    private readonly HashSet<string> builtin = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> aliases = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> softdeps = new(StringComparer.Ordinal);

    public ModulesIndex(string modulesDep, string? modulesBuiltin, string? modulesAlias, string? modulesSoftdep)
    {
        foreach (var line in Lines(modulesDep))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0) continue;
            var path = line[..colon];
            pathByName[NameOf(path)] = path;
            dependencies[path] = line[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        }
        foreach (var line in Lines(modulesBuiltin)) builtin.Add(NameOf(line));
        foreach (var line in Lines(modulesAlias))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields is ["alias", var alias, var module]) aliases.TryAdd(alias, Normalise(module));
        }
        foreach (var line in Lines(modulesSoftdep))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 3 || fields[0] != "softdep") continue;
            if (!softdeps.TryGetValue(Normalise(fields[1]), out var list)) softdeps[Normalise(fields[1])] = list = [];
            list.AddRange(fields[2..].Where(f => f is not ("pre:" or "post:")));
        }
    }

    /// <summary>Every module file the index lists (paths relative to lib/modules/VERSION).</summary>
    public IReadOnlyCollection<string> ModulePaths => dependencies.Keys;

    public bool IsBuiltin(string name) => builtin.Contains(Normalise(name));

    /// <summary>The module file of a name (or alias), or null when it is built in or unknown.</summary>
    public string? PathOf(string name)
    {
        var normalised = Normalise(name);
        if (pathByName.TryGetValue(normalised, out var path)) return path;
        return aliases.TryGetValue(name, out var module) && pathByName.TryGetValue(module, out var aliased) ? aliased : null;
    }

    public bool Knows(string name) => IsBuiltin(name) || PathOf(name) is not null;

    /// <summary>The module files a name needs loaded, itself first: its dependencies (depmod lists them all) and soft dependencies, as modprobe --show-depends does.</summary>
    public IReadOnlyList<string> Closure(string name)
    {
        var result = new List<string>();
        var pending = new Queue<string>([name]);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (pending.TryDequeue(out var next))
        {
            if (!seen.Add(Normalise(next)) || PathOf(next) is not { } path) continue;
            if (!result.Contains(path)) result.Add(path);
            foreach (var dependency in dependencies[path])
            {
                if (!result.Contains(dependency)) result.Add(dependency);
            }
            foreach (var soft in softdeps.GetValueOrDefault(NameOf(path)) ?? []) pending.Enqueue(soft);
        }
        return result;
    }

    /// <summary>A module's name from its path: kernel/drivers/net/virtio_net.ko(.xz|.zst|.gz) is virtio_net.</summary>
    public static string NameOf(string path)
    {
        var name = path[(path.LastIndexOf('/') + 1)..];
        var ko = name.IndexOf(".ko", StringComparison.Ordinal);
        return Normalise(ko >= 0 ? name[..ko] : name);
    }

    // modprobe treats '-' and '_' in module names alike.
    private static string Normalise(string name) => name.Replace('-', '_');

    private static IEnumerable<string> Lines(string? text) =>
        (text ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'));
}
