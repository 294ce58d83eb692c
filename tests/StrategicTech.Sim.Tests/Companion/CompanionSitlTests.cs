using StrategicTech.Autopilot.Companion;
using StrategicTech.Autopilot.Flight;
using StrategicTech.Navigation.Geodesy;
using StrategicTech.Navigation.Numerics;
using StrategicTech.Sim.Lockstep;
using StrategicTech.Sim.Tests.Sitl;
using Xunit.Abstractions;

namespace StrategicTech.Sim.Tests.Companion;

/// <summary>The companion drives our SITL vehicle (PX4 dialect and custom modes) over MAVLink, in memory and in lockstep.</summary>
public sealed class CompanionSitlTests(ITestOutputHelper output)
{
    [Fact]
    public void ArmsInOffboardTakesOffFliesAPlannedRouteAndLands()
    {
        SitlVehicle v = SitlFixtures.CreateQuad(seed: 3);
        Vector3[] square = [new(0, 0, -6), new(15, 0, -6), new(15, 15, -6), new(0, 15, -6)];
        var h = new CompanionHarness(v, new CompanionOptions { TakeoffHeightM = 6 }, _ => new CompanionRoute(square, true, "square"));
        bool done = h.RunUntil(() => h.Companion.Finished, 180_000_000);
        foreach (string line in h.Log)
        {
            output.WriteLine(line);
        }

        output.WriteLine($"setpoints {h.Companion.SetpointsSent}, max gap {h.Companion.MaxSetpointGapUs} us, t {v.Clock.TimeUs / 1e6:F1} s");
        Assert.True(done, $"not finished: {h.Companion.State}");
        Assert.Equal(CompanionState.Completed, h.Companion.State);
        Assert.Equal(FlightControllerKind.Px4, h.Companion.FlightController);
        Assert.False(v.Commands.Status.Armed);
        Assert.True(v.Truth.Landed && !v.Truth.Crashed);
    }
}
