using Xunit.Abstractions;
using StrategicTech.Fleet.Core;
using StrategicTech.Fleet.Orders;
using StrategicTech.Fleet.Site;

namespace StrategicTech.Fleet.Tests;

/// <summary>
/// A continuous order's updates lost on the way to a robot that stays connected (QoS 0 across a broker restart):
/// the robot drives on its base and keeps reporting. The manager must not release further updates stitched at a
/// base the robot never got; it resends what the robot missed, stitched where the robot's state says its base ends.
/// </summary>
public class LifelongMissedUpdateTests(ITestOutputHelper output)
{
    /// <summary>Lost: the first update sent to agv0 after 20 s (<paramref name="lostForS"/> 0), or every update to it for that many seconds from 20 s.</summary>
    [Theory]
    [InlineData(0)]
    [InlineData(20)]
    public async Task Lifelong_updates_lost_on_the_way_to_a_robot_are_resent_stitched_at_its_reported_base_and_it_never_gets_one_it_must_refuse(double lostForS)
    {
        const double LostFromS = 20;
        int lost = 0;
        await using var fleet = new InProcessFleet(FleetSite.Bundled(), LifelongPlanningTests.Lifelong(), LifelongPlanningTests.StartCells(8))
        {
            LatencyS = 0.1,
            DropToRobot = (i, m, atS) => i == 0 && m.Order is { OrderUpdateId: > 0 } && atS >= LostFromS
                && (lostForS > 0 ? atS < LostFromS + lostForS : lost++ == 0),
        };
        await LifelongPlanningTests.PostOrdersAsync(fleet, 40, seed: 11);

        bool done = fleet.RunUntil(() => fleet.AllOrders(OrderPhase.Completed), limitS: 3000);

        output.WriteLine($"{fleet.DroppedToRobots} updates lost, rejected per robot {string.Join(" ", fleet.Agvs.Select(a => a.RejectedOrders))}, all delivered after {fleet.TimeS:F2} s");
        Assert.True(done, LifelongPlanningTests.Describe(fleet));
        Assert.True(fleet.DroppedToRobots > 0, "no update was lost: the test did not exercise the resend");
        Assert.All(fleet.Agvs, a => Assert.Equal(0, a.RejectedOrders)); // no update stitched at a base the robot did not hold
        Assert.Empty(fleet.Conflicts);
        Assert.True(fleet.MinDistanceM >= fleet.Site.CellSizeM - 1e-6, $"{fleet.MinDistanceM} m"); // one cell
    }
}
