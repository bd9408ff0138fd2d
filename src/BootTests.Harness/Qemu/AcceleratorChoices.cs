namespace BootTests.Qemu;

/// <summary>Reads and writes <see cref="AcceleratorChoice"/> as the user types it: auto, kvm or tcg.</summary>
public static class AcceleratorChoices
{
    public const string Allowed = "auto, kvm or tcg";

    /// <summary>The environment variable that sets the default for every command and for the test suite.</summary>
    public const string Variable = "BOOTTESTS_ACCEL";

    /// <summary>Parses "auto", "kvm" or "tcg" (any case); anything else is a usage error that quotes the value.</summary>
    public static AcceleratorChoice Parse(string text) =>
        TryParse(text) ?? throw BootTestsException.Usage(Stage.Boot, $"Unknown accelerator '{PrintableText.Of(text)}': use {Allowed}.");

    public static AcceleratorChoice? TryParse(string text) =>
        text.Trim().ToLowerInvariant() switch
        {
            "auto" => AcceleratorChoice.Auto,
            "kvm" => AcceleratorChoice.Kvm,
            "tcg" => AcceleratorChoice.Tcg,
            _ => null,
        };

    /// <summary>$BOOTTESTS_ACCEL when set, else auto; a value that is not auto, kvm or tcg is a usage error naming the variable.</summary>
    public static AcceleratorChoice Default
    {
        get
        {
            var text = Environment.GetEnvironmentVariable(Variable);
            if (string.IsNullOrWhiteSpace(text)) return AcceleratorChoice.Auto;
            return TryParse(text) ?? throw BootTestsException.Usage(Stage.Boot,
                $"{Variable}='{PrintableText.Of(text)}' is not an accelerator: set it to {Allowed}, or unset it for auto.");
        }
    }

    /// <summary>Where the default came from, for doctor: "BOOTTESTS_ACCEL=tcg" or "auto (the default)".</summary>
    public static string DefaultSource =>
        string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(Variable)) ? "auto (the default; set BOOTTESTS_ACCEL to change it)"
            : $"{Variable}={Environment.GetEnvironmentVariable(Variable)}";

    public static string ToText(this AcceleratorChoice choice) => choice.ToString().ToLowerInvariant();
}
