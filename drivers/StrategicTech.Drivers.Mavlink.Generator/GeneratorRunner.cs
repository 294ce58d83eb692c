namespace StrategicTech.Drivers.Mavlink.Generator;

/// <summary>Loads dialects, emits C#, and writes it (replacing what was generated before).</summary>
public static class GeneratorRunner
{
    /// <summary>The dialects the library ships: each with its includes.</summary>
    public static IReadOnlyList<string> DefaultDialects { get; } = ["minimal", "standard", "common", "ardupilotmega", "development"];

    /// <summary>Generates source text in memory: relative path (forward slashes) to file content.</summary>
    public static IReadOnlyDictionary<string, string> Generate(string definitionsDirectory, IEnumerable<string> dialects)
    {
        ArgumentNullException.ThrowIfNull(dialects);
        var loader = new DefinitionLoader(definitionsDirectory);
        foreach (string dialect in dialects)
        {
            loader.Load(dialect + ".xml");
        }

        loader.Resolve();
        CheckUniqueIds(loader);
        return new CSharpEmitter(loader).Emit();
    }

    /// <summary>Generates and writes into <paramref name="outputDirectory"/>, deleting stale .cs files there. Returns the file count.</summary>
    public static int Run(string definitionsDirectory, string outputDirectory, IEnumerable<string>? dialects = null)
    {
        var files = Generate(definitionsDirectory, dialects ?? DefaultDialects);
        Directory.CreateDirectory(outputDirectory);
        var expected = new HashSet<string>(files.Keys.Select(k => Path.GetFullPath(Path.Combine(outputDirectory, k))), StringComparer.Ordinal);
        foreach (string stale in Directory.EnumerateFiles(outputDirectory, "*.cs", SearchOption.AllDirectories))
        {
            if (!expected.Contains(Path.GetFullPath(stale)))
            {
                File.Delete(stale);
            }
        }

        foreach (var (relative, content) in files)
        {
            string path = Path.Combine(outputDirectory, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            if (!File.Exists(path) || File.ReadAllText(path) != content)
            {
                File.WriteAllText(path, content);
            }
        }

        return files.Count;
    }

    private static void CheckUniqueIds(DefinitionLoader loader)
    {
        var seen = new Dictionary<uint, string>();
        foreach (var message in loader.Files.Values.SelectMany(f => f.Messages))
        {
            if (seen.TryGetValue(message.Id, out string? other) && other != message.Name)
            {
                throw new InvalidDataException($"message id {message.Id} is used by both {other} and {message.Name} ({message.FileName}.xml)");
            }

            seen[message.Id] = message.Name;
        }
    }
}
