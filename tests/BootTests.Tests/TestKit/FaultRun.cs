using System.Text.Json;

namespace BootTests.Tests.TestKit;

/// <summary>One `boottest` process run into a fault: exit code, output, report, and when the fault appeared and was reported.</summary>
internal sealed record FaultRun(
    int ExitCode,
    string StandardOutput,
    string StandardError,
    string? RunDirectory,
    double? FaultSeconds,
    double ReportSeconds,
    string? ReportJson)
{
    public string Output => StandardOutput + StandardError;

    public string? ConsoleLogPath => RunDirectory is null ? null : Path.Combine(RunDirectory, "console.log");

    public string ConsoleLog => ConsoleLogPath is { } path && File.Exists(path) ? File.ReadAllText(path) : "";

    /// <summary>Seconds from the fault appearing to the harness having reported it and exited.</summary>
    public double FaultToReportSeconds => ReportSeconds - (FaultSeconds ?? throw new InvalidOperationException($"The fault never appeared.\n{Output}"));

    /// <summary>failure.stage of the JSON report, or null when there is no report or no failure.</summary>
    public string? FailureStage => Failure("stage");

    public string? FailureMessage => Failure("message");

    private string? Failure(string property)
    {
        if (ReportJson is null) return null;
        using var report = JsonDocument.Parse(ReportJson);
        return report.RootElement.TryGetProperty("failure", out var failure) && failure.ValueKind == JsonValueKind.Object
            ? failure.GetProperty(property).GetString()
            : null;
    }
}
