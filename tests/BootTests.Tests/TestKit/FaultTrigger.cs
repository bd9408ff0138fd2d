using System.Text.RegularExpressions;

namespace BootTests.Tests.TestKit;

/// <summary>When a fault "appears": the console line that shows it, or the moment the test injects it.</summary>
internal abstract record FaultTrigger
{
    /// <summary>The fault is the first console line matching <paramref name="Pattern"/>; the clock starts when it reaches console.log.</summary>
    public sealed record ConsoleLine(Regex Pattern) : FaultTrigger;

    /// <summary>Once a console line matches <paramref name="After"/>, the test injects the fault; the clock starts then.</summary>
    public sealed record Injected(Regex After, Action<FaultProbe> Inject) : FaultTrigger;

    /// <summary>The fault is there before anything starts (bad input, broken host); the clock starts with the harness.</summary>
    public sealed record AtStart : FaultTrigger;

    public static FaultTrigger Line(string pattern) => new ConsoleLine(new Regex(pattern, RegexOptions.Multiline));

    public static FaultTrigger InjectAfter(string pattern, Action<FaultProbe> inject) => new Injected(new Regex(pattern, RegexOptions.Multiline), inject);
}

/// <summary>What an injection can act on while the harness runs: its process and the run folder it boots in.</summary>
internal sealed record FaultProbe(int HarnessPid, string RunDirectory)
{
    /// <summary>QEMU's pid, as the harness wrote it to the run folder.</summary>
    public int QemuPid => int.Parse(File.ReadAllText(Path.Combine(RunDirectory, "qemu.pid")).Trim(), System.Globalization.CultureInfo.InvariantCulture);
}
