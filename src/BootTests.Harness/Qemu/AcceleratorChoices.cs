namespace BootTests.Qemu;

/// <summary>Reads and writes <see cref="AcceleratorChoice"/> as the user types it: auto, kvm or tcg.</summary>
public static class AcceleratorChoices
{
    public const string Allowed = "auto, kvm or tcg";

    /// <summary>Parses "auto", "kvm" or "tcg" (any case); anything else is a usage error that quotes the value.</summary>
    public static AcceleratorChoice Parse(string text) =>
        text.Trim().ToLowerInvariant() switch
        {
            "auto" => AcceleratorChoice.Auto,
            "kvm" => AcceleratorChoice.Kvm,
            "tcg" => AcceleratorChoice.Tcg,
            _ => throw BootTestsException.Usage("boot", $"Unknown accelerator '{text}': use {Allowed}."),
        };

    public static string ToText(this AcceleratorChoice choice) => choice.ToString().ToLowerInvariant();
}
