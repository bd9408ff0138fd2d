using BootTests.Reports.Measurements;

namespace BootTests.Cli.Commands;


/// <summary>What `measure` shows and writes once the boots are done: the stage table, the baseline verdict, HTML and JSON.</summary>
public static class MeasureOutputs
{
    /// <summary>Prints and writes everything; 1 when a stage regressed beyond the allowed percentage, else 0.</summary>
    public static int Finish(IReadOnlyList<BootRecord> records, MeasurePlan plan, BaselineComparison? comparison)
    {
        var summaries = LayoutSummary.Of(records);
        PrintTable(summaries);
        if (plan.HtmlPath is { } html)
            HtmlReport.Write(html, records, plan.HistoryPath is { } history && File.Exists(history) ? History.Read(history) : records, comparison);
        if (plan.JsonPath is { } json)
            MeasurementSummary.Of(records, comparison).Write(json);
        if (comparison is null) return 0;
        PrintComparison(comparison);
        return comparison.Regressions.Count == 0 ? 0 : (int)ExitCode.CheckFailed;
    }

    private static void PrintTable(IReadOnlyList<LayoutSummary> summaries)
    {
        Console.WriteLine();
        Console.WriteLine($"{"stage (s)",-26}" + string.Concat(summaries.Select(s => $" {$"{s.Layout} ({s.Accelerator}, {s.Boots}x)",-26}")));
        foreach (var stage in Stages.Names)
        {
            Console.WriteLine($"{stage,-26}" + string.Concat(summaries.Select(s =>
                $" {(s.Find(stage) is { } st ? $"{st.Median,6:F1}  ({st.Min:F1}–{st.Max:F1})" : "     -"),-26}")));
        }
        Console.WriteLine("median (min–max), host seconds from QEMU start; sshd starts before multi-user, so its stage runs from switch-root");
    }

    private static void PrintComparison(BaselineComparison comparison)
    {
        Console.WriteLine();
        Console.WriteLine($"baseline (a stage regresses above +{comparison.MaxRegressionPercent:0.#} %):");
        foreach (var stage in comparison.Stages)
            Console.WriteLine($"  {(stage.Regressed ? "REGRESSED" : "ok"),-9} {stage.Describe()}");
        foreach (var refusal in comparison.Refusals)
            Console.Error.WriteLine($"boottest: baseline: not compared: {refusal}");
        foreach (var stage in comparison.Regressions)
            Console.Error.WriteLine($"boottest: regression: {stage.Describe()}, above the allowed +{comparison.MaxRegressionPercent:0.#} %");
    }
}
