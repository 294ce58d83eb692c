using System.Text.Json;

namespace StrategicTech.Sim.Scenarios;

/// <summary>
/// Reads a scenario's <c>"commands": [ { "atS": 45, "goTo": { "latitudeDeg": …, "longitudeDeg": …, "heightM": 20,
/// "speedMps": 8 } }, { "atS": 90, "returnToLaunch": true } ]</c>: what a ground-station operator sends during the
/// flight (DO_REPOSITION, RETURN_TO_LAUNCH), in time order; a bad entry is a <see cref="ScenarioFileException"/>
/// naming its key and line.
/// </summary>
internal static class ScenarioCommands
{
    private static readonly string[] CommandKeys = ["atS", "goTo", "returnToLaunch"];
    private static readonly string[] GoToKeys = ["latitudeDeg", "longitudeDeg", "heightM", "speedMps"];

    public static IReadOnlyList<ScenarioCommand> Read(ScenarioJsonNode node)
    {
        if (node.Element.ValueKind != JsonValueKind.Array)
        {
            throw node.Fail("expected an array of commands");
        }

        var list = new List<ScenarioCommand>();
        foreach (ScenarioJsonNode c in node.Items())
        {
            c.ExpectObject(CommandKeys);
            long atUs = (long)(c.Number("atS", 0, 86_400) * 1e6);
            bool hasGoTo = c.Has("goTo");
            bool rtl = c.Optional("returnToLaunch") is { } r && r.Boolean();
            if (hasGoTo == rtl)
            {
                throw c.Fail("a command is exactly one of \"goTo\" or \"returnToLaunch\": true");
            }

            if (rtl)
            {
                list.Add(new ScenarioCommand(atUs, ScenarioCommandKind.ReturnToLaunch, double.NaN, double.NaN, double.NaN, 0));
                continue;
            }

            ScenarioJsonNode g = c.Required("goTo");
            g.ExpectObject(GoToKeys);
            list.Add(new ScenarioCommand(atUs, ScenarioCommandKind.GoTo, g.Number("latitudeDeg", -90, 90), g.Number("longitudeDeg", -180, 180),
                g.Number("heightM", -1000, 10_000), g.OptionalNumber("speedMps", 0, 100, 0)));
        }

        if (list.Zip(list.Skip(1)).Any(p => p.Second.AtUs < p.First.AtUs))
        {
            throw node.Fail("commands must be in time order (\"atS\" not decreasing)");
        }

        return list;
    }
}

/// <summary>What a scenario command does.</summary>
public enum ScenarioCommandKind
{
    /// <summary>DO_REPOSITION: fly to a point (height above home) and hold there.</summary>
    GoTo,

    /// <summary>Switch to Return to launch.</summary>
    ReturnToLaunch,
}

/// <summary>One operator command a scenario sends at <see cref="AtUs"/> of simulated time (go-to fields NaN otherwise).</summary>
public sealed record ScenarioCommand(long AtUs, ScenarioCommandKind Kind, double LatitudeDeg, double LongitudeDeg, double HeightAboveHomeM, double SpeedMps);
