namespace BootTests.Suites;

/// <summary>
/// One target of a suite: a recipe (a file or an embedded name, of any kind the recipe loader reads) × layout × boot
/// path × memory × kernel arguments, with its name and labels. This is the part of a target every report carries.
/// </summary>
/// <remarks>
/// Recipe: The recipe as the suite names it: an embedded name, or a file path relative to the suite file.
/// Memory: Guest memory as written (e.g. 1536M), or <see cref="RecipeMemory"/> for the recipe's own.
/// </remarks>
public sealed record SuiteTarget(
    string Name,
    string Recipe,
    string Layout,
    string BootVia,
    string Memory,
    string Append,
    IReadOnlyList<string> Labels)
{
    /// <summary>The memory value meaning "what the recipe says".</summary>
    public const string RecipeMemory = "recipe";

    /// <summary>One line for tables and messages: "debian-bookworm fast direct 1536M 'quiet'".</summary>
    public string Describe() =>
        $"{Recipe} {Layout} {BootVia}{(Memory == RecipeMemory ? "" : " " + Memory)}{(Append.Length == 0 ? "" : $" '{Append}'")}";
}
