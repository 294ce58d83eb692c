using System.Text.Json;

namespace StrategicTech.Sim.Scenarios;

/// <summary>
/// Reads a scenario's <c>"commands": [ { "atS": 45, "goTo": { "latitudeDeg": …, "longitudeDeg": …, "heightM": 20,
/// "speedMps": 8 } }, { "atS": 90, "returnToLaunch": true }, { "atS": 40, "rcChannel": { "channel": 5, "pulseUs": 1500 } } ]</c>:
/// what a ground-station operator sends during the flight (DO_REPOSITION, RETURN_TO_LAUNCH) or the pilot does on the RC
/// transmitter (a stick or switch moved), in time order; a bad entry is a <see cref="ScenarioFileException"/>
/// naming its key and line.
/// </summary>
internal static class ScenarioCommands
{
    private static readonly string[] CommandKeys = ["atS", "goTo", "returnToLaunch", "rcChannel"];
    private static readonly string[] RcChannelKeys = ["channel", "pulseUs"];
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
            bool hasRc = c.Has("rcChannel");
            if ((hasGoTo ? 1 : 0) + (rtl ? 1 : 0) + (hasRc ? 1 : 0) != 1)
            {
                throw c.Fail("a command is exactly one of \"goTo\", \"returnToLaunch\": true or \"rcChannel\"");
            }

            if (hasRc)
            {
                ScenarioJsonNode rc = c.Required("rcChannel");
                rc.ExpectObject(RcChannelKeys);
                list.Add(new ScenarioCommand(atUs, ScenarioCommandKind.RcChannel, double.NaN, double.NaN, double.NaN, 0)
                {
                    RcChannel = rc.Required("channel").Integer(1, Autopilot.Hal.RcInputSample.MaxChannels),
                    RcPulseUs = (ushort)rc.Required("pulseUs").Integer(800, 2200),
                });
                continue;
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

    /// <summary>The pilot moves an RC stick or switch (the scenario's <c>"rc"</c> transmitter).</summary>
    RcChannel,
}

/// <summary>One operator command a scenario sends at <see cref="AtUs"/> of simulated time (go-to fields NaN otherwise).</summary>
public sealed record ScenarioCommand(long AtUs, ScenarioCommandKind Kind, double LatitudeDeg, double LongitudeDeg, double HeightAboveHomeM, double SpeedMps)
{
    /// <summary>For <see cref="ScenarioCommandKind.RcChannel"/>: the channel (1-based) and its new pulse (µs).</summary>
    public int RcChannel { get; init; }

    public ushort RcPulseUs { get; init; }
}
