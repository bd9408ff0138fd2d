using System.Diagnostics;
using NUnit.Framework;

namespace BootTests.NUnit;

/// <summary>Progress lines (boot milestones, waits and their times) on NUnit's progress stream, stamped with the seconds since the fixture began.</summary>
public sealed class NUnitProgress : IProgress<string>
{
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly string name;

    public NUnitProgress(string fixture) => name = fixture;

    public void Report(string value) => TestContext.Progress.WriteLine($"[{clock.Elapsed.TotalSeconds,6:F1}s {name}] {value}");
}
