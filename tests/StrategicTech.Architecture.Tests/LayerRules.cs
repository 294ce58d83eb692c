namespace StrategicTech.Architecture.Tests;

/// <summary>
/// The layering docs/ARCHITECTURE.md states, as data: which top-level folder may reference which. A project may
/// always reference projects in its own folder; the CLI host sim/StrategicTech.Sim.Cli may reference anything.
/// </summary>
public static class LayerRules
{
    public const string CliHost = "StrategicTech.Sim.Cli";

    public static readonly string[] ProductLayers = ["navigation", "drivers", "autopilot", "sim", "groundstation"];

    private static readonly Dictionary<string, string[]> Allowed = new(StringComparer.Ordinal)
    {
        ["navigation"] = [],
        ["drivers"] = ["navigation"],
        ["autopilot"] = ["navigation", "drivers"],
        ["sim"] = ["navigation", "drivers", "autopilot"],
        ["groundstation"] = ["drivers", "navigation"],
    };

    /// <summary>True if a project in <paramref name="fromLayer"/> named <paramref name="fromProject"/> may reference <paramref name="toLayer"/>.</summary>
    public static bool IsAllowed(string fromLayer, string fromProject, string toLayer)
    {
        if (fromProject == CliHost || fromLayer == toLayer)
        {
            return true;
        }

        return Allowed.TryGetValue(fromLayer, out string[]? targets) && Array.IndexOf(targets, toLayer) >= 0;
    }
}
