namespace BootTests.Checks;

/// <summary>The outcome of one RAM-root check: what was promised and what the guest showed.</summary>
public sealed record CheckResult(string Name, bool Passed, string Expected, string Actual);
