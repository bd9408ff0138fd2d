using System.Text.Json.Serialization;

namespace BootTests.Suites;

/// <summary>A suite file as written (JSON, like the recipes): entries that expand into targets, and the known failures.</summary>
public sealed record SuiteFile
{
    /// <summary>The suite's name, in reports and in JUnit test suite names.</summary>
    public required string Name { get; init; }

    public string? Description { get; init; }

    public required IReadOnlyList<SuiteEntry> Targets { get; init; }

    public IReadOnlyList<KnownFailureEntry> KnownFailures { get; init; } = [];
}

/// <summary>
/// One entry of a suite file: every axis is a value or a list, and the entry stands for every combination of them
/// (recipe × layout × boot path × memory × append), named by <see cref="Name"/>'s placeholders.
/// </summary>
public sealed record SuiteEntry
{
    /// <summary>The target's name, or a template such as "{recipe}-{layout}-{bootVia}" when the entry is a matrix.</summary>
    public required string Name { get; init; }

    /// <summary>Recipe files (relative to the suite file) or embedded recipe names; the default recipe when absent.</summary>
    [JsonConverter(typeof(OneOrManyConverter))]
    public IReadOnlyList<string> Recipe { get; init; } = [Images.RecipeLoader.DefaultName];

    [JsonConverter(typeof(OneOrManyConverter))]
    public IReadOnlyList<string> Layout { get; init; } = ["fast"];

    [JsonConverter(typeof(OneOrManyConverter))]
    public IReadOnlyList<string> BootVia { get; init; } = ["direct"];

    /// <summary>Guest memory such as 1536M; the recipe's when absent.</summary>
    [JsonConverter(typeof(OneOrManyConverter))]
    public IReadOnlyList<string> Memory { get; init; } = [SuiteTarget.RecipeMemory];

    /// <summary>Extra kernel arguments, one string per variant.</summary>
    [JsonConverter(typeof(OneOrManyConverter))]
    public IReadOnlyList<string> Append { get; init; } = [""];

    public IReadOnlyList<string> Labels { get; init; } = [];
}

/// <summary>A failure the team knows about: while it has not expired, a matching failed check is expected, not red.</summary>
public sealed record KnownFailureEntry
{
    /// <summary>Target names it covers: a name or a glob (* and ?).</summary>
    public required string Target { get; init; }

    /// <summary>Check names it covers (a name or a glob); "boot" is a boot that failed.</summary>
    public required string Check { get; init; }

    public required string Reason { get; init; }

    /// <summary>Where the failure is tracked: an http(s) URL.</summary>
    public required string Tracker { get; init; }

    /// <summary>The last day (UTC, YYYY-MM-DD) the failure is expected; from the next day on it fails loudly again.</summary>
    public required string Expires { get; init; }
}
