using System.Text.Json;

namespace BootTests.Suites;

/// <summary>Reads and writes suite.json; a file that is not a suite report is refused with its path and what to give instead.</summary>
public static class SuiteReportFile
{
    public const string FileName = "suite.json";

    /// <summary>The largest report read: thousands of targets with their console tails fit many times over.</summary>
    public const int MaxBytes = 64 << 20;

    public static string ToJson(SuiteReport report) => JsonSerializer.Serialize(report, Reports.JsonReportWriter.Options);

    public static void Write(SuiteReport report, string path) =>
        Reports.AtomicFile.Write(path, stream => JsonSerializer.Serialize(stream, report, Reports.JsonReportWriter.Options));

    /// <summary>Reads one report: a suite.json file, or a folder holding one.</summary>
    public static SuiteReport Read(string path, string stage)
    {
        var file = Directory.Exists(path) ? Path.Combine(path, FileName) : path;
        if (!File.Exists(file))
            throw BootTestsException.Usage(stage, $"'{path}' is not a suite report: {(Directory.Exists(path) ? $"the folder has no {FileName}" : "no such file")}; give the {FileName} (or the folder) `boottest suite run --out DIR` wrote.");
        var bytes = BoundedFile.ReadAtMost(file, MaxBytes)
            ?? throw BootTestsException.Usage(stage, $"'{file}' is larger than {MaxBytes >> 20} MiB, so it is not a suite report.");
        SuiteReport? report;
        try
        {
            report = JsonSerializer.Deserialize<SuiteReport>(bytes, Reports.JsonReportWriter.Options);
        }
        catch (JsonException e)
        {
            throw BootTestsException.Usage(stage, $"'{file}' is not a suite report ({e.Message.Split(" Path:")[0]}); give the {FileName} `boottest suite run` wrote.", e);
        }
        if (report is null || report.Format != SuiteReport.CurrentFormat || report.Plan is null || report.Targets is null || report.Shards is null)
            throw BootTestsException.Usage(stage, $"'{file}' is not a suite report of format {SuiteReport.CurrentFormat}{(report?.Format is { } f ? $" (it says '{PrintableText.Of(f)}')" : "")}; give the {FileName} `boottest suite run` wrote.");
        return report;
    }

    /// <summary>Every report under the given files and folders (a folder: its suite.json, or those of its sub-folders, two levels deep), in path order.</summary>
    public static IReadOnlyList<(string Path, SuiteReport Report)> ReadAll(IEnumerable<string> paths, string stage)
    {
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (File.Exists(path))
            {
                files.Add(Path.GetFullPath(path));
            }
            else if (Directory.Exists(path))
            {
                var found = File.Exists(Path.Combine(path, FileName)) ? [Path.Combine(path, FileName)]
                    : Directory.EnumerateDirectories(path).SelectMany(d => File.Exists(Path.Combine(d, FileName)) ? [Path.Combine(d, FileName)]
                        : Directory.EnumerateDirectories(d).Select(dd => Path.Combine(dd, FileName)).Where(File.Exists)).ToList();
                if (found.Count == 0)
                    throw BootTestsException.Usage(stage, $"'{path}' holds no {FileName} (looked two folders deep); give the folders `boottest suite run --out DIR` wrote.");
                files.AddRange(found.Select(Path.GetFullPath));
            }
            else
            {
                throw BootTestsException.Usage(stage, $"'{path}' does not exist; give suite reports ({FileName}) or the folders holding them.");
            }
        }
        return files.Distinct().Order(StringComparer.Ordinal).Select(f => (f, Read(f, stage))).ToList();
    }
}
