using BootTests.Reports;
using BootTests.Session;
using NUnit.Framework;

namespace BootTests.NUnit;

/// <summary>Attaches a session's run files (console log, QEMU command line and stderr, the report) to the current NUnit test, so CI shows them beside the failure.</summary>
public static class RunFileAttachments
{
    public const string ReportFile = "report.json";

    /// <summary>Writes the report of the run so far into its run folder, attaches the files that exist, and names the folder on the test's output; returns what was attached.</summary>
    public static IReadOnlyList<string> Attach(BootSession session)
    {
        var report = Path.Combine(session.RunDirectory, ReportFile);
        JsonReportWriter.Write(session.CreateReport([]), report);
        var files = new (string Path, string Description)[]
        {
            (session.ConsoleLogPath, "the serial console of the VM"),
            (session.QemuArgvPath, "QEMU's command line, one argument a line"),
            (Path.Combine(session.RunDirectory, "qemu-stderr.log"), "what QEMU wrote on stderr"),
            (report, "the BootTests report: milestones, warnings, failure, accelerator"),
        };
        var attached = new List<string>();
        foreach (var (path, description) in files.Where(f => File.Exists(f.Path)))
        {
            TestContext.AddTestAttachment(path, description);
            attached.Add(path);
        }
        TestContext.Out.WriteLine($"BootTests run files: {session.RunDirectory}");
        return attached;
    }
}
