namespace BootTests.Suites;

/// <summary>A loaded, checked suite: its targets in file order (each name once) and its known failures.</summary>
/// <remarks>
/// Source: The suite file's full path.
/// </remarks>
public sealed record Suite(string Name, string Source, IReadOnlyList<SuiteTarget> Targets, IReadOnlyList<KnownFailure> KnownFailures)
{
    /// <summary>The folder recipe paths are relative to.</summary>
    public string Folder => Path.GetDirectoryName(Source) ?? ".";

    public SuiteTarget? Find(string name) => Targets.FirstOrDefault(t => t.Name == name);
}
