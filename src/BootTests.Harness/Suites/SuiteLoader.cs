using System.Text.Json;

namespace BootTests.Suites;

/// <summary>Reads a suite file: strict JSON (unknown fields refused), every value checked, errors with file:line:column.</summary>
public static class SuiteLoader
{
    /// <summary>Suite files are small; anything bigger (or endless, like /dev/zero) is a mistake.</summary>
    public const int MaxBytes = 1 << 20;

    public static Suite Load(string path)
    {
        var text = BoundedFile.ReadInputText(path, MaxBytes, Stage.Suite,
            new JsonInputKind("Suite", "pass a suite JSON file such as vm/suites/ci.json", "; pass a suite JSON file such as vm/suites/ci.json", "pass a suite JSON file"));
        return Parse(text, Path.GetFullPath(path));
    }

    /// <summary>Parses suite JSON from <paramref name="source"/> (a full path: recipe paths are relative to its folder).</summary>
    public static Suite Parse(string json, string source)
    {
        SuiteFile? file;
        try
        {
            file = JsonSerializer.Deserialize<SuiteFile>(json, Images.RecipeLoader.Json);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $"{source}:{line + 1}:{(e.BytePositionInLine ?? 0) + 1}" : source;
            throw BootTestsException.Usage(Stage.Suite, $"Suite {where} is not valid: {FirstSentence(e.Message)}{(string.IsNullOrEmpty(e.Path) ? "" : $" (at {e.Path})")} Fix the suite file and run again.", e);
        }
        if (file is null)
            throw BootTestsException.Usage(Stage.Suite, $"Suite {source} is empty (null); it must be a JSON object with \"name\" and \"targets\".");
        return new SuiteValidator(file, json, source).Validate();
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        var text = cut > 0 ? message[..cut] : message;
        return text.EndsWith('.') ? text : text + ".";
    }
}
