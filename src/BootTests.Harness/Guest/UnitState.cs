namespace BootTests.Guest;

/// <summary>A systemd unit's states as `systemctl show --property=LoadState,ActiveState,SubState` prints them.</summary>
public sealed record UnitState(string Load, string Active, string Sub)
{
    public static UnitState Parse(string text)
    {
        var values = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => l.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        return new UnitState(values.GetValueOrDefault("LoadState", "?"), values.GetValueOrDefault("ActiveState", "?"), values.GetValueOrDefault("SubState", "?"));
    }

    public override string ToString() => $"LoadState={Load}, ActiveState={Active}, SubState={Sub}";
}
