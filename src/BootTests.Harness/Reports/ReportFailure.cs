namespace BootTests.Reports;

/// <summary>Why the run stopped before all checks could run: the stage, the error and the last console lines.</summary>
public sealed record ReportFailure(string Stage, string Message, IReadOnlyList<string> ConsoleTail);
