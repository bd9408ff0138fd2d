using System.Text.RegularExpressions;

namespace BootTests.Tests.TestKit;

/// <summary>
/// The rule the library's folders follow: data flows one way, so a stage may use only the stages before it. Files at
/// the root (BootTestsException, Stage, PrintableText…) are the foundation every stage may use, and use no stage.
/// </summary>
internal static partial class StageOrder
{
    public static IReadOnlyList<string> Stages { get; } =
        ["Host", "Images", "BootMedia", "Qemu", "Serial", "Guest", "Checks", "Reports", "Session", "Suites"];

    /// <summary>One reference from a file to a stage it may not use.</summary>
    public sealed record Violation(string File, string Stage, string UsedStage, string Evidence)
    {
        public override string ToString() => $"{File} ({Stage}) uses {UsedStage}: {Evidence}";
    }

    /// <summary>The stage a library file belongs to: its first folder, or "Foundation" for a file at the root.</summary>
    public static string StageOf(string relativePath)
    {
        var parts = relativePath.Split('/');
        return parts.Length == 1 ? "Foundation" : parts[0];
    }

    /// <summary>Every reference in <paramref name="source"/> (usings, qualified names) to a stage later than the file's own.</summary>
    public static IEnumerable<Violation> Check(string relativePath, string source)
    {
        var stage = StageOf(relativePath);
        var rank = stage == "Foundation" ? -1 : Stages.ToList().IndexOf(stage);
        if (stage != "Foundation" && rank < 0)
        {
            yield return new Violation(relativePath, stage, stage, "a folder that is not a stage; add it to the order in README's map and here");
            yield break;
        }
        var code = Code(source);
        foreach (Match m in Reference().Matches(code))
        {
            var used = m.Groups["stage"].Value;
            if (Stages.ToList().IndexOf(used) > rank) yield return new Violation(relativePath, stage, used, m.Value.Trim());
        }
    }

    /// <summary>The namespace a file at <paramref name="relativePath"/> must declare.</summary>
    public static string ExpectedNamespace(string relativePath)
    {
        var folders = relativePath.Split('/')[..^1];
        return string.Join('.', ["BootTests", .. folders]);
    }

    // "using BootTests.Qemu;", "BootTests.Qemu.QemuArgv", or "Qemu.QemuArgv" where Qemu is not a member of something.
    [GeneratedRegex(@"(?:\bBootTests\.|(?<![\w.]))(?<stage>Host|Images|BootMedia|Qemu|Serial|Guest|Checks|Reports|Session|Suites)(?:\.[A-Z]|\s*;)")]
    private static partial Regex Reference();

    // Comments and string literals say whatever they like about other stages.
    private static string Code(string source) =>
        Regex.Replace(source, @"//[^\n]*|/\*.*?\*/|@""(?:[^""]|"""")*""|""""""[\s\S]*?""""""|""(?:\\.|[^""\\\n])*""|'(?:\\.|[^'\\])'", " ", RegexOptions.Singleline);
}
