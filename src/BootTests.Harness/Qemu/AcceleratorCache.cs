using System.Text.Json;

namespace BootTests.Qemu;

/// <summary>
/// Remembers whether KVM runs Linux on this host, with its evidence, in a small JSON file (accel.json in the cache);
/// an answer holds while the host kernel, its kvm modules, QEMU and /dev/kvm stay the same.
/// </summary>
public static class AcceleratorCache
{
    // Bumped when what counts as proof changes: answers of the firmware-only probe (format 1) are not trusted.
    private const string Format = "linux-boot-2";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>What an answer depends on.</summary>
    public sealed record Key(string Format, string HostKernel, string KvmModules, string QemuBinary, string QemuVersion, bool KvmDevicePresent);

    /// <summary>One remembered answer.</summary>
    public sealed record Entry(Key Key, KvmVerdict Verdict, DateTimeOffset DecidedAt);

    /// <summary>The key for this host and QEMU binary as they are now.</summary>
    public static async Task<Key> CurrentKeyAsync(AcceleratorProbeOptions options, CancellationToken ct = default)
    {
        var host = HostKvm.Read(options.KvmDevice);
        return new Key(Format, host.KernelRelease, string.Join(',', host.Modules), options.QemuBinary,
            await AcceleratorProbe.QemuVersionAsync(options.QemuBinary, ct), host.DevicePresent);
    }

    /// <summary>The answer stored for <paramref name="key"/>, or null when there is none (or only for other hosts, QEMUs or formats).</summary>
    public static Entry? Read(string? path, Key key) => ReadAll(path).FirstOrDefault(e => e.Key == key);

    /// <summary>Every answer the file holds (one per host kernel and QEMU binary seen), newest first; empty when it cannot be read.</summary>
    public static IReadOnlyList<Entry> ReadAll(string? path)
    {
        if (path is null || !File.Exists(path)) return [];
        try
        {
            return (JsonSerializer.Deserialize<List<Entry>>(File.ReadAllText(path), Json) ?? [])
                .Where(e => e is { Key: not null, Verdict: not null }).OrderByDescending(e => e.DecidedAt).ToList();
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            // A damaged, unreadable or older-format cache only costs one probe.
            return [];
        }
    }

    /// <summary>Stores an answer in place of any for the same key (the file is written whole, then renamed); failing to write is not worth failing a boot for.</summary>
    public static void Write(string? path, Entry entry) =>
        Save(path, [entry, .. ReadAll(path).Where(e => e.Key != entry.Key).Take(MaxEntries - 1)]);

    /// <summary>Forgets the answer for <paramref name="key"/>, so the next decision probes again.</summary>
    public static void Remove(string? path, Key key) => Save(path, ReadAll(path).Where(e => e.Key != key).ToList());

    private const int MaxEntries = 8;

    private static void Save(string? path, IReadOnlyList<Entry> entries)
    {
        if (path is null) return;
        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            File.WriteAllText(temporary, JsonSerializer.Serialize(entries, Json));
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            File.Delete(temporary);
        }
    }
}
