using System.Text.Json;
using StrategicTech.Autopilot.Hal;

namespace StrategicTech.Sim.Scenarios;

/// <summary>
/// A scenario's RC transmitter: <c>"rc": { "channelsUs": [1500, 1500, 1500, 1500, 1000], "rateHz": 50 }</c>.
/// The vehicle is fitted with a simulated receiver (<see cref="Lockstep.SimulatedRcReceiver"/>) sending these channels
/// (AETR sticks first, then switches); <c>rcChannel</c> commands move them and an <c>rcLoss</c> fault cuts the link.
/// </summary>
public sealed record ScenarioRc(IReadOnlyList<ushort> ChannelsUs, int RateHz)
{
    private static readonly string[] Keys = ["channelsUs", "rateHz"];

    internal static ScenarioRc Read(ScenarioJsonNode node)
    {
        node.ExpectObject(Keys);
        ScenarioJsonNode channels = node.Required("channelsUs");
        if (channels.Element.ValueKind != JsonValueKind.Array)
        {
            throw channels.Fail("expected an array of channel pulses (µs)");
        }

        int count = channels.Element.GetArrayLength();
        if (count is < 4 or > RcInputSample.MaxChannels)
        {
            throw channels.Fail("an RC frame has 4.." + RcInputSample.MaxChannels + " channels (the four sticks first); got " + count);
        }

        var pulses = new List<ushort>(count);
        foreach (ScenarioJsonNode c in channels.Items())
        {
            pulses.Add((ushort)c.Integer(800, 2200));
        }

        return new ScenarioRc(pulses, (int)node.OptionalNumber("rateHz", 5, 500, 50));
    }
}
