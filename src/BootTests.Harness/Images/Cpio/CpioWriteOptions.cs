namespace BootTests.Images.Cpio;

/// <summary>How <see cref="CpioNewcWriter"/> writes; mtimes later than <paramref name="ClampModifiedUnixSeconds"/> are clamped to it.</summary>
public sealed record CpioWriteOptions(long? ClampModifiedUnixSeconds)
{
    public static CpioWriteOptions Default { get; } = new((long?)null);

    /// <summary>Clamps to SOURCE_DATE_EPOCH when that environment variable is set.</summary>
    public static CpioWriteOptions FromSourceDateEpoch()
    {
        var value = Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH");
        if (string.IsNullOrEmpty(value))
        {
            return Default;
        }

        return long.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            ? new CpioWriteOptions(seconds)
            : throw new FormatException($"SOURCE_DATE_EPOCH '{value}' is not a non-negative integer.");
    }
}
