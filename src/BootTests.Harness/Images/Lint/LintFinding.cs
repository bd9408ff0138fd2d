namespace BootTests.Images.Lint;

/// <summary>One thing the bootability lint found: an error stops the build (exit 3), a warning is printed and kept in the manifest.</summary>
public sealed record LintFinding(string Severity, string Code, string Path, string Message, string Fix)
{
    public const string Error = "error";
    public const string Warning = "warning";

    public bool IsError => Severity == Error;

    public static LintFinding Fails(string code, string path, string message, string fix) => new(Error, code, path, message, fix);
    public static LintFinding Warns(string code, string path, string message, string fix) => new(Warning, code, path, message, fix);

    /// <summary>"CODE: PATH: MESSAGE; fix: FIX", without the severity.</summary>
    public string Describe() => $"{Code}: {(Path.Length > 0 ? Path + ": " : "")}{Message}{(Fix.Length > 0 ? $"; fix: {Fix}" : "")}";

    public override string ToString() => $"{Severity} {Describe()}";
}
