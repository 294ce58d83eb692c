namespace StrategicTech.Sim.Scenarios;

/// <summary>
/// A suite of scenarios run together (like ArduPilot's autotest): every <c>*.json</c> scenario of a folder in name
/// order, or a bundled suite — the built-in scenarios named <c>&lt;suite&gt;.&lt;scenario&gt;</c> (<c>failsafes</c>).
/// </summary>
public static class ScenarioSuite
{
    /// <summary>Names of the bundled suites (<c>failsafes</c>, …).</summary>
    public static IReadOnlyList<string> BuiltInNames { get; } =
        [.. ScenarioLoader.BuiltInNames.Where(n => n.Contains('.', StringComparison.Ordinal)).Select(n => n[..n.IndexOf('.', StringComparison.Ordinal)]).Distinct().Order(StringComparer.Ordinal)];

    /// <summary>A folder if one exists at <paramref name="folderOrName"/>, else a bundled suite; every scenario validated.</summary>
    public static IReadOnlyList<Scenario> Load(string folderOrName)
    {
        ArgumentNullException.ThrowIfNull(folderOrName);
        if (Directory.Exists(folderOrName))
        {
            string[] files = [.. Directory.GetFiles(folderOrName, "*.json").Order(StringComparer.Ordinal)];
            if (files.Length == 0)
            {
                throw new ScenarioFileException(folderOrName, "(folder)", 0, "no *.json scenario in this folder");
            }

            return [.. files.Select(ScenarioLoader.LoadFile)];
        }

        if (BuiltInNames.Contains(folderOrName, StringComparer.Ordinal))
        {
            string prefix = folderOrName + ".";
            return [.. ScenarioLoader.BuiltInNames.Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Select(ScenarioLoader.LoadBuiltIn)];
        }

        throw new ScenarioFileException(folderOrName, "(suite)", 0,
            "no such folder, and not a bundled suite (bundled: " + string.Join(", ", BuiltInNames) + ")");
    }
}
