using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using BootTests.BootMedia;
using BootTests.Qemu;

namespace BootTests.Cli.Commands;

/// <summary>Options several commands share, and the checks every option of a kind gets at parse time (exit 3 naming it).</summary>
public static class CommonOptions
{
    public static Option<string?> Recipe() => new Option<string?>("--recipe")
    {
        Description = "Recipe JSON file, or the name of an embedded one (default: debian-bookworm)",
    }.NotEmpty("a recipe file or an embedded name such as debian-bookworm");

    public static Option<string> Layout() => new Option<string>("--layout")
    {
        Description = "Initramfs layout: seed (the classic procedure) or fast",
        DefaultValueFactory = _ => "fast",
    }.OneOf("seed", "fast");

    public static Option<bool> NoCache() => new("--no-cache") { Description = "Rebuild the rootfs and image even if cached (the SSH keys and timestamp are kept, so the bytes are the same)" };

    public static Option<bool> NewKeys() => new("--new-keys") { Description = "Make new SSH host and client keys for the image (otherwise the cached ones are kept)" };

    public static Option<string?> Accel() => new Option<string?>("--accel")
    {
        Description = "Accelerator: auto (prove KVM runs Linux, else fall back to TCG with a warning), kvm or tcg (default: $BOOTTESTS_ACCEL, else auto)",
    }.OneOf("auto", "kvm", "tcg");

    /// <summary>The --accel value, else $BOOTTESTS_ACCEL, else auto; a bad value is a usage error naming where it came from.</summary>
    public static AcceleratorChoice ParseAccel(string? text) => text is null ? AcceleratorChoices.Default : AcceleratorChoices.Parse(text);

    public static Option<string> BootVia() => new Option<string>("--boot-via")
    {
        Description = "How the kernel and initramfs are loaded: direct (QEMU -kernel/-initrd), grub (GRUB from a CD image, BIOS), grub-uefi (the same CD under OVMF) or ipxe (the NIC's iPXE ROM over HTTP from the harness)",
        DefaultValueFactory = _ => "direct",
    }.OneOf([.. BootTests.BootMedia.BootViaNames.All]);

    public static Option<string> KernelEntry() => new Option<string>("--kernel-entry")
    {
        Description = "How a direct boot enters the kernel: auto (under TCG the vmlinux inside the bzImage through its PVH entry, saving the emulated decompressor's seconds; under KVM the bzImage), bzimage or pvh",
        DefaultValueFactory = _ => "auto",
    }.OneOf([.. KernelEntries.All]);

    /// <summary>The parsed --kernel-entry value; anything else is a usage error naming the allowed values.</summary>
    public static KernelEntry ParseKernelEntry(string text) =>
        KernelEntries.TryParse(text)
        ?? throw BootTestsException.Usage(Stage.BootMedia, $"--kernel-entry '{text}' is not one of {string.Join(", ", KernelEntries.All)}.");

    /// <summary>
    /// An option with fixed values: they show in --help (&lt;a|b&gt;) and in tab completion; a value outside them is still
    /// refused by the option's own parser, with its own message and exit 3.
    /// </summary>
    public static Option<T> OneOf<T>(this Option<T> option, params string[] values)
    {
        option.HelpName = string.Join('|', values);
        option.CompletionSources.Add(values);
        return option;
    }

    /// <summary>The parsed --boot-via value; anything else is a usage error naming the allowed values.</summary>
    public static BootTests.BootMedia.BootVia ParseBootVia(string text) =>
        BootTests.BootMedia.BootViaNames.TryParse(text)
        ?? throw BootTestsException.Usage(Stage.BootVia, $"--boot-via '{text}' is not one of {string.Join(", ", BootTests.BootMedia.BootViaNames.All)}.");

    public static Option<string?> Append()
    {
        var option = new Option<string?>("--append")
        {
            Description = "Extra kernel command line arguments (one string, appended to console=ttyS0 panic=-1; balanced double quotes as in foo=\"a b\")",
        };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } text && KernelCommandLine.Problem(text) is { } problem)
                result.AddError($"--append '{PrintableText.Of(text)}' {problem}");
        });
        return option;
    }

    /// <summary>--label: what the run is labelled with in histories and suite reports (e.g. the commit); printable, up to 200 characters.</summary>
    public static Option<string?> Label()
    {
        var option = new Option<string?>("--label") { Description = "Label the results (e.g. with the commit: --label \"$CI_COMMIT_SHORT_SHA\"); charts put labels on their x axis" };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } text && (text.Length is 0 or > 200 || text.Any(char.IsControl)))
                result.AddError($"--label '{PrintableText.Of(text)}' must be 1 to 200 printable characters, e.g. a commit hash.");
        });
        return option;
    }

    /// <summary>Refuses an empty (or blank) value, which would otherwise mean the current folder or the default.</summary>
    public static Option<T> NotEmpty<T>(this Option<T> option, string expected)
    {
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && string.IsNullOrWhiteSpace(result.Tokens[^1].Value))
                result.AddError($"{option.Name} '{PrintableText.Of(result.Tokens[^1].Value)}' is empty; give {expected}.");
        });
        return option;
    }

    /// <summary>A percentage option (0 or more, finite); anything else is a parse error naming it.</summary>
    public static Option<double?> Percentage(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) && value >= 0)
                return value;
            result.AddError($"{name} '{PrintableText.Of(text)}' is not a percentage; give a number of 0 or more, e.g. 10.");
            return null;
        },
    };

    /// <summary>An int option whose value must lie in [min, max]; anything else is a parse error naming it.</summary>
    public static Option<int> WholeNumber(string name, string description, int defaultValue, int min, int max) => new(name)
    {
        Description = $"{description} ({min} to {max}, default {defaultValue})",
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
            if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
                return value;
            result.AddError($"{name} '{PrintableText.Of(text)}' is not a whole number from {min} to {max}.");
            return defaultValue;
        },
    };
}
