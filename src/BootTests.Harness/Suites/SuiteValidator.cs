using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using BootTests.BootMedia;
using BootTests.Images;

namespace BootTests.Suites;

/// <summary>Checks a parsed suite file and expands its entries into targets; the first bad value is a usage error with file:line:column.</summary>
internal sealed partial class SuiteValidator(SuiteFile file, string json, string source)
{
    /// <summary>The placeholders a target name template may use, one per axis.</summary>
    public static IReadOnlyList<string> Placeholders { get; } = ["recipe", "layout", "bootVia", "memory", "append"];

    private readonly string folder = Path.GetDirectoryName(source) ?? ".";
    private readonly Dictionary<string, string?> recipeProblems = new(StringComparer.Ordinal);

    public Suite Validate()
    {
        if (!NamePattern().IsMatch(file.Name))
            Fail("name", $"is '{file.Name}'; use letters, digits, '.', '-' and '_' only (it names the JUnit test suites).");
        if (file.Targets.Count == 0)
            Fail("targets", "is empty; give at least one target, e.g. { \"name\": \"default\" }.");
        var targets = new List<SuiteTarget>();
        var origin = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < file.Targets.Count; i++)
        {
            foreach (var target in Expand(i, file.Targets[i]))
            {
                if (origin.TryGetValue(target.Name, out var earlier))
                    Fail($"targets[{i}].name", $"makes the target '{target.Name}', which targets[{earlier}] makes too; give every target its own name.");
                origin[target.Name] = i;
                targets.Add(target);
            }
        }
        var knownFailures = file.KnownFailures.Select((k, i) => KnownFailure(i, k, targets)).ToList();
        return new Suite(file.Name, source, targets, knownFailures);
    }

    private IEnumerable<SuiteTarget> Expand(int index, SuiteEntry entry)
    {
        var at = $"targets[{index}]";
        var axes = new (string Name, IReadOnlyList<string> Values)[]
        {
            ("recipe", entry.Recipe), ("layout", entry.Layout), ("bootVia", entry.BootVia), ("memory", entry.Memory), ("append", entry.Append),
        };
        foreach (var (axis, values) in axes)
        {
            if (values.Count == 0) Fail($"{at}.{axis}", "is an empty list; give at least one value, or leave the field out for the default.");
            for (var v = 0; v < values.Count; v++) CheckValue(ValuePath(at, axis, v), axis, values[v]);
            if (values.Distinct(StringComparer.Ordinal).Count() < values.Count)
                Fail(ValuePath(at, axis, 0), $"lists a value twice ({string.Join(", ", values.Select(v => $"'{v}'"))}); give each once.");
        }
        for (var l = 0; l < entry.Labels.Count; l++)
        {
            if (!LabelPattern().IsMatch(entry.Labels[l]))
                Fail($"{at}.labels[{l}]", $"is '{entry.Labels[l]}'; a label is letters, digits, '.', '-' and '_' (e.g. quick, uefi).");
        }
        CheckTemplate(at, entry.Name, axes);

        foreach (var recipe in entry.Recipe)
        {
            foreach (var layout in entry.Layout)
            {
                foreach (var via in entry.BootVia)
                {
                    foreach (var memory in entry.Memory)
                    {
                        foreach (var append in entry.Append)
                        {
                            var values = new Dictionary<string, string>
                            {
                                ["recipe"] = RecipeShortName(recipe),
                                ["layout"] = layout.ToLowerInvariant(),
                                ["bootVia"] = via.ToLowerInvariant(),
                                ["memory"] = memory,
                                ["append"] = Slug(append),
                            };
                            var name = PlaceholderPattern().Replace(entry.Name, m => values[m.Groups[1].Value]);
                            if (!NamePattern().IsMatch(name))
                                Fail($"{at}.name", $"'{entry.Name}' makes the name '{name}'; a target name is letters, digits, '.', '-' and '_', starting with a letter or digit.");
                            yield return new SuiteTarget(name, recipe, layout.ToLowerInvariant(), via.ToLowerInvariant(), memory, append, entry.Labels);
                        }
                    }
                }
            }
        }
    }

    private void CheckTemplate(string at, string template, IEnumerable<(string Name, IReadOnlyList<string> Values)> axes)
    {
        foreach (Match m in PlaceholderPattern().Matches(template))
        {
            if (!Placeholders.Contains(m.Groups[1].Value))
                Fail($"{at}.name", $"'{template}' has the placeholder {m.Value}; the placeholders are {string.Join(", ", Placeholders.Select(p => "{" + p + "}"))}.");
        }
        foreach (var (axis, values) in axes)
        {
            if (values.Count > 1 && !template.Contains("{" + axis + "}", StringComparison.Ordinal))
                Fail($"{at}.name", $"'{template}' names every combination alike, but {axis} has {values.Count} values; put {{{axis}}} in the name.");
        }
    }

    private void CheckValue(string path, string axis, string value)
    {
        switch (axis)
        {
            case "layout" when value.ToLowerInvariant() is not ("seed" or "fast"):
                Fail(path, $"is '{value}'; a layout is seed or fast.");
                break;
            case "bootVia" when BootViaNames.TryParse(value) is null:
                Fail(path, $"is '{value}'; a boot path is one of {string.Join(", ", BootViaNames.All)}.");
                break;
            case "memory" when value != SuiteTarget.RecipeMemory && MemoryMiB(value) is null:
                Fail(path, $"is '{value}'; give a size from {Recipe.MinimumMemoryMiB}M to 1T such as 1536M or 2G, or \"{SuiteTarget.RecipeMemory}\" for the recipe's.");
                break;
            case "append" when KernelCommandLine.Problem(value) is { } problem:
                Fail(path, $"is '{value}', which {problem}");
                break;
            case "recipe" when RecipeProblem(value) is { } problem:
                Fail(path, $"is '{value}': {problem}");
                break;
        }
    }

    /// <summary>The guest memory a value asks for, or null when it is not a size the guest can boot in.</summary>
    public static int? MemoryMiB(string value) =>
        ByteSize.TryParse(value) is { } size && size.MiB >= Recipe.MinimumMemoryMiB && size.Bytes <= RecipeValidator.MaxSize.Bytes ? (int)size.MiB : null;

    // Every recipe is read now, so a typo in the tenth target's recipe is found before the first target boots.
    private string? RecipeProblem(string value)
    {
        if (recipeProblems.TryGetValue(value, out var known)) return known;
        string? problem = null;
        try
        {
            RecipeLoader.Load(SuiteRecipes.Resolve(folder, value));
        }
        catch (BootTestsException e) when (e.ExitCode == ExitCode.Usage)
        {
            problem = e.Message;
        }
        recipeProblems[value] = problem;
        return problem;
    }

    private KnownFailure KnownFailure(int index, KnownFailureEntry entry, IReadOnlyList<SuiteTarget> targets)
    {
        var at = $"knownFailures[{index}]";
        if (string.IsNullOrWhiteSpace(entry.Target)) Fail($"{at}.target", "is empty; give a target name or a glob such as \"*-uefi\".");
        if (!targets.Any(t => Glob.Matches(entry.Target, t.Name)))
            Fail($"{at}.target", $"is '{entry.Target}', which matches no target of this suite (targets: {string.Join(", ", targets.Take(8).Select(t => t.Name))}{(targets.Count > 8 ? ", …" : "")}); fix the name or remove the entry.");
        if (string.IsNullOrWhiteSpace(entry.Check)) Fail($"{at}.check", "is empty; give a check name such as no-boot-errors, a glob, or \"boot\" for a failed boot.");
        if (string.IsNullOrWhiteSpace(entry.Reason)) Fail($"{at}.reason", "is empty; say why the failure is expected.");
        if (!Uri.TryCreate(entry.Tracker, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            Fail($"{at}.tracker", $"is '{entry.Tracker}'; give the http(s) URL of the issue that tracks the failure.");
        if (!DateOnly.TryParseExact(entry.Expires, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var expires))
            Fail($"{at}.expires", $"is '{entry.Expires}'; give the last day the failure is expected as YYYY-MM-DD, e.g. 2027-01-31.");
        return new KnownFailure(entry.Target, entry.Check, entry.Reason, entry.Tracker, expires);
    }

    private string ValuePath(string at, string axis, int index) =>
        JsonLocation.Find(json, $"{at}.{axis}[{index}]") is not null ? $"{at}.{axis}[{index}]" : $"{at}.{axis}";

    private static string RecipeShortName(string recipe) =>
        recipe.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || recipe.Contains('/') ? Path.GetFileNameWithoutExtension(recipe) : recipe;

    /// <summary>Kernel arguments as a name part: "quiet loglevel=3" becomes "quiet-loglevel-3", nothing becomes "none".</summary>
    public static string Slug(string text)
    {
        var slug = new StringBuilder();
        foreach (var c in text)
            slug.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' ? c : '-');
        var collapsed = DashRuns().Replace(slug.ToString(), "-").Trim('-');
        return collapsed.Length == 0 ? "none" : collapsed;
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private void Fail(string field, string problem)
    {
        var at = JsonLocation.Find(json, field);
        throw BootTestsException.Usage(Stage.Suite, $"Suite {source}{(at is null ? "" : ":" + at)}: '{field}' {PrintableText.Of(problem)}");
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex LabelPattern();

    [GeneratedRegex(@"\{([^{}]*)\}")]
    private static partial Regex PlaceholderPattern();

    [GeneratedRegex("-{2,}")]
    private static partial Regex DashRuns();
}
