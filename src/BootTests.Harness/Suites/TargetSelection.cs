namespace BootTests.Suites;

/// <summary>
/// Which targets of a suite a run takes: names matching any --filter glob (all when none given), having every
/// --label, and none of the labels given as !LABEL.
/// </summary>
public sealed record TargetSelection(IReadOnlyList<string> Filters, IReadOnlyList<string> Labels)
{
    public static TargetSelection All { get; } = new([], []);

    public bool Selects(SuiteTarget target) =>
        (Filters.Count == 0 || Filters.Any(f => Glob.Matches(f, target.Name)))
        && Labels.All(l => l.StartsWith('!') ? !target.Labels.Contains(l[1..]) : target.Labels.Contains(l));

    /// <summary>The selected targets in suite order; selecting none is a usage error that lists what there is.</summary>
    public IReadOnlyList<SuiteTarget> Apply(Suite suite)
    {
        var selected = suite.Targets.Where(Selects).ToList();
        if (selected.Count == 0)
        {
            var labels = suite.Targets.SelectMany(t => t.Labels).Distinct().Order(StringComparer.Ordinal).ToList();
            throw BootTestsException.Usage(Stage.Suite,
                $"{Describe()} selects none of the {suite.Targets.Count} targets of suite '{suite.Name}' ({suite.Source}); "
                + $"targets: {string.Join(", ", suite.Targets.Take(10).Select(t => t.Name))}{(suite.Targets.Count > 10 ? ", …" : "")}; "
                + $"labels: {(labels.Count == 0 ? "none" : string.Join(", ", labels))}.");
        }
        return selected;
    }

    /// <summary>"--filter 'fast-*' --label quick", or "all targets".</summary>
    public string Describe() =>
        Filters.Count == 0 && Labels.Count == 0 ? "all targets"
            : string.Join(" ", Filters.Select(f => $"--filter '{f}'").Concat(Labels.Select(l => $"--label '{l}'")));
}
