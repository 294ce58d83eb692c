using StrategicTech.Drivers.Vda5050.Messages;
using StrategicTech.Drivers.Vda5050.Zones;
using StrategicTech.Fleet.Core;
using StrategicTech.Fleet.Site;
using StrategicTech.Sim.Fleet;

namespace StrategicTech.Fleet.Tests;

/// <summary>The simulated AGV keeps to the maximumSpeed of a 3.0 SPEED_LIMIT zone while it is inside, and to its own speed elsewhere.</summary>
public sealed class ZoneSpeedLimitTests
{
    [Fact]
    public void A_simulated_agv_crossing_a_speed_limit_zone_drives_at_the_zones_maximum_speed_inside_and_at_its_own_outside()
    {
        FleetSite site = FleetSite.Bundled();
        (int x, int y) start = (from y in Enumerable.Range(0, site.Map.Height)
                                from x in Enumerable.Range(0, site.Map.Width - 5)
                                where Enumerable.Range(x, 6).All(c => site.Map.IsPassable(c, y))
                                select (x, y)).First();
        int[] row = [.. Enumerable.Range(start.x, 6).Select(c => site.Graph.VertexAt(c, start.y))];
        (double x0, double y0) = site.PositionOf(row[0]);

        // A 0.25 m/s zone over the third and fourth cells of the row (1 m cells, so x in [x0 + 1.5, x0 + 3.5]).
        double zx0 = x0 + 1.5, zx1 = x0 + 3.5;
        var set = new ZoneSetDefinition
        {
            MapId = site.MapId, ZoneSetId = "slow-aisle",
            Zones =
            [
                new Zone
                {
                    ZoneId = "slow", ZoneType = ZoneType.SpeedLimit, MaximumSpeedMps = 0.25,
                    Vertices = [new() { XM = zx0, YM = y0 - 0.5 }, new() { XM = zx1, YM = y0 - 0.5 }, new() { XM = zx1, YM = y0 + 0.5 }, new() { XM = zx0, YM = y0 + 0.5 }],
                },
            ],
        };
        var agv = new SimulatedAgv("StrategicTech", "agv0", site.MapId, site.NodeIdOfVertex(row[0]), x0, y0, 100, maxSpeedMps: 1.0)
        {
            SpeedLimitAt = (xM, yM) => ZoneActionTracker.SpeedLimitMps(set, xM, yM),
        };
        var plan = new RobotPlan(0, row, "o1", null, string.Empty) { ReleasedMoves = 5 };
        Assert.True(agv.TryAccept(Vda5050OrderBuilder.Build(site, plan, 0, 5, 1.0)));

        const double StepS = 0.05;
        double worstInsideM = 0, worstOutsideM = 0, timeS = 0;
        while (agv.LastNodeId != site.NodeIdOfVertex(row[5]) && timeS < 60)
        {
            double before = agv.XM;
            bool inside = before >= zx0 && before <= zx1;
            agv.Step(StepS);
            timeS += StepS;
            double stepM = Math.Abs(agv.XM - before);
            if (inside)
            {
                worstInsideM = Math.Max(worstInsideM, stepM);
            }
            else
            {
                worstOutsideM = Math.Max(worstOutsideM, stepM);
            }
        }

        Assert.Equal(site.NodeIdOfVertex(row[5]), agv.LastNodeId);
        Assert.Equal(0.25 * StepS, worstInsideM, 9);
        Assert.Equal(1.0 * StepS, worstOutsideM, 9);
        // 3 m outside at 1 m/s + 2 m inside at 0.25 m/s = 11 s, plus the part of a step given up at each node centre: measured 11.10 s (deterministic).
        Assert.Equal(11.10, timeS, 6);
    }
}
