using System.Text.Json;

namespace BootTests.Qemu;

/// <summary>Remembers one KVM probe result in a small JSON file, valid while the host kernel, QEMU and /dev/kvm stay the same.</summary>
internal static class AcceleratorCache
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public sealed record Key(string KernelRelease, string QemuBinary, string QemuVersion, bool KvmDevicePresent);

    public sealed record Entry(Key Key, bool KvmWorks, string Reason, DateTimeOffset ProbedAt);

    public static Entry? Read(string? path, Key key)
    {
        if (path is null || !File.Exists(path))
        {
            return null;
        }
        try
        {
            Entry? entry = JsonSerializer.Deserialize<Entry>(File.ReadAllText(path), Json);
            return entry?.Key == key ? entry : null;
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            // A damaged or unreadable cache only costs one probe.
            return null;
        }
    }

    public static void Write(string? path, Entry entry)
    {
        if (path is null)
        {
            return;
        }
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            string temporary = path + ".tmp";
            File.WriteAllText(temporary, JsonSerializer.Serialize(entry, Json));
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not being able to cache is not worth failing a boot for.
        }
    }
}
