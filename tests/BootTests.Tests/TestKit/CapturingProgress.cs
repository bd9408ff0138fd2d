namespace BootTests.Tests.TestKit;

/// <summary>Progress that keeps every line (and logs it), synchronously, so a test can scan what a user would see.</summary>
internal sealed class CapturingProgress(List<string> lines) : IProgress<string>
{
    public void Report(string value)
    {
        lock (lines) lines.Add(value);
        BootedVm.Log.Report(value);
    }
}
