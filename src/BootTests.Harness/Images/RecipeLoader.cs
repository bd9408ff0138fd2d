using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace BootTests.Images;

/// <summary>Reads and validates recipes: from a file, or the ones embedded in the library (vm/*.json).</summary>
public static class RecipeLoader
{
    public const string DefaultName = "debian-bookworm";

    /// <summary>Recipes are small; anything bigger (or endless, like /dev/zero) is a mistake.</summary>
    public const int MaxRecipeBytes = 1 << 20;

    internal static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        WriteIndented = true,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    /// <summary>The names of the embedded recipes.</summary>
    public static IReadOnlyList<string> EmbeddedNames =>
        typeof(RecipeLoader).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("recipes/", StringComparison.Ordinal))
            .Select(n => Path.GetFileNameWithoutExtension(n["recipes/".Length..]))
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>Loads the recipe a command line names: null for the default, an embedded name, or a file path.</summary>
    public static Recipe Load(string? recipe)
    {
        if (string.IsNullOrEmpty(recipe)) return LoadEmbedded(DefaultName);
        if (EmbeddedNames.Contains(recipe) && !File.Exists(recipe)) return LoadEmbedded(recipe);
        return LoadFile(recipe);
    }

    public static Recipe LoadEmbedded(string name) => Parse(ReadEmbeddedText(name), $"embedded:{name}");

    /// <summary>The JSON text of an embedded recipe, as shipped.</summary>
    public static string ReadEmbeddedText(string name)
    {
        using var stream = typeof(RecipeLoader).Assembly.GetManifestResourceStream($"recipes/{name}.json")
            ?? throw BootTestsException.Usage(Stage.Recipe,
                $"There is no embedded recipe named '{name}'. Embedded: {string.Join(", ", EmbeddedNames)}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static Recipe LoadFile(string path)
    {
        var pass = "pass a recipe JSON file such as vm/debian-bookworm.json";
        var text = BoundedFile.ReadInputText(path, MaxRecipeBytes, Stage.Recipe,
            new JsonInputKind("Recipe", pass, $". Embedded recipes: {string.Join(", ", EmbeddedNames)}; or pass a path such as vm/debian-bookworm.json", pass));
        return Parse(text, Path.GetFullPath(path));
    }

    /// <summary>Parses recipe JSON; errors name the source with line and column.</summary>
    public static Recipe Parse(string json, string source)
    {
        Recipe? recipe;
        try
        {
            recipe = JsonSerializer.Deserialize<Recipe>(json, Json);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $"{source}:{line + 1}:{(e.BytePositionInLine ?? 0) + 1}" : source;
            throw BootTestsException.Usage(Stage.Recipe, $"Recipe {where} is not valid: {FirstSentence(e.Message)}{(string.IsNullOrEmpty(e.Path) ? "" : $" (at {e.Path})")} Fix the recipe and run again.", e);
        }
        if (recipe is null)
            throw BootTestsException.Usage(Stage.Recipe, $"Recipe {source} is empty (null); it must be a JSON object.");
        recipe = recipe with { Source = source };
        RecipeValidator.Validate(recipe, json);
        return recipe;
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        var text = cut > 0 ? message[..cut] : message;
        return text.EndsWith('.') ? text : text + ".";
    }
}
