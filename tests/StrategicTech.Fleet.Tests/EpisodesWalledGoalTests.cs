using StrategicTech.Fleet.Core;
using StrategicTech.Fleet.Orders;
using StrategicTech.Fleet.Site;
using StrategicTech.Navigation.Time;
using Xunit.Abstractions;

namespace StrategicTech.Fleet.Tests;

/// <summary>
/// Episodes mode on the AWS small warehouse once stopped for good with orders left: seven idle robots crowd the
/// left pocket (docks in one-cell dead ends) and a loaded robot's dock is the cell of one of them. Every LaCAM seed
/// then plans a rotation the dependency graph cannot execute, and every later tick retried the same instance. The
/// episode planner now executes the longest rotation-free prefix, so the configuration changes and the orders finish.
/// </summary>
public sealed class EpisodesWalledGoalTests(ITestOutputHelper output)
{
    // Where the robots stood when the demo-like run below stalled before the fix (agv7 loaded, bound for c1_13).
    private static readonly (int X, int Y)[] CrowdedPocket = [(1, 12), (2, 12), (1, 14), (2, 13), (1, 15), (3, 13), (1, 13), (5, 8)];

    [Fact]
    public void Episode_planner_returns_an_executable_rotation_free_prefix_when_every_seed_plans_a_rotation_in_the_crowded_pocket()
    {
        FleetSite site = FleetSite.BundledAwsWarehouse();
        int[] starts = [.. CrowdedPocket.Select(c => site.Graph.VertexAt(c.X, c.Y))];
        int[] goals = [.. starts];
        goals[6] = site.Graph.VertexAt(3, 12); // the robot on the dock steps aside to the nearest free cell
        goals[7] = site.Graph.VertexAt(1, 13); // the loaded robot's dock

        Assert.True(
            EpisodePlanner.TryPlan(site, starts, goals, [], new ManualClock(), 2_000_000, out int[][] paths, out var graph, out string? problem),
            problem);
        Assert.NotNull(graph);
        Assert.Equal(starts.Length, paths.Length);
        for (int i = 0; i < paths.Length; i++)
        {
            Assert.Equal(starts[i], paths[i][0]);
            var moves = graph!.ActionsOf(i);
            Assert.Equal(paths[i][^1], moves.Count > 0 ? moves[^1].ToVertex : starts[i]); // the graph drives the robot to its path's end
        }

        int makespan = paths.Max(p => p.Length);
        for (int t = 0; t < makespan; t++)
        {
            int[] at = [.. paths.Select(p => p[Math.Min(t, p.Length - 1)])];
            Assert.Equal(at.Length, at.Distinct().Count()); // no two robots on one cell at any step
        }

        // Before the fix this instance had no executable plan at all ("moves wait on each other in a cycle").
        Assert.Contains(paths, p => p.Length > 1 && p[^1] != p[0]);
    }

    [Fact]
    public async Task Episodes_deliver_to_a_dock_held_by_an_idle_robot_in_the_crowded_pocket_with_no_planning_failure_and_no_shared_cell()
    {
        FleetSite site = FleetSite.BundledAwsWarehouse();
        await using var fleet = new InProcessFleet(site, new FleetManagerOptions { Planning = PlanningMode.Episodes }, CrowdedPocket);
        await fleet.Manager.AcceptAsync("o1", "c5_8", "c1_13", "tote", 0, null, CancellationToken.None);

        Assert.True(fleet.RunUntil(() => fleet.AllOrders(OrderPhase.Completed), limitS: 600), LifelongPlanningTests.Describe(fleet));
        output.WriteLine($"delivered after {fleet.TimeS:F1} s simulated, {fleet.Manager.EpisodesRun} episodes, {fleet.Manager.PlanningFailures} planning failures");
        Assert.Equal(0, fleet.Manager.PlanningFailures); // measured 0 (before the fix: one per tick, forever)
        Assert.Empty(fleet.Conflicts);
    }

    [Fact]
    public async Task Episodes_complete_all_100_orders_of_the_aws_demo_mix_with_chargers_and_no_planning_failure()
    {
        FleetSite site = FleetSite.BundledAwsWarehouse();
        var random = new Random(1);
        var (rackSide, docks, parking) = DemoCells(site);

        // As FleetDemoRunner lays out the demo (seed 1): chargers on the lowest parking row, random starts and batteries.
        int chargerRow = parking.Max(v => site.Graph.CellOf(v).Y);
        string[] chargers = [.. parking.Where(v => site.Graph.CellOf(v).Y == chargerRow).Take(2).Select(site.NodeIdOfVertex)];
        int[] starts = [.. parking.Where(v => !chargers.Contains(site.NodeIdOfVertex(v))).OrderBy(_ => random.Next()).Take(8)];
        double[] battery = [.. starts.Select(_ => 40 + (60 * random.NextDouble()))];
        await using var fleet = new InProcessFleet(site, new FleetManagerOptions { Chargers = chargers, Planning = PlanningMode.Episodes }, [.. starts.Select(v => (site.Graph.CellOf(v).X, site.Graph.CellOf(v).Y))], battery)
        {
            IdleStatePeriodS = 30,
        };

        int posted = 0;
        double nextOrderS = 0;
        while (fleet.TimeS < 3000 && !(posted == 100 && fleet.AllOrders(OrderPhase.Completed)))
        {
            if (posted < 100 && fleet.TimeS >= nextOrderS)
            {
                int from = rackSide[random.Next(rackSide.Count)], to = docks[random.Next(docks.Count)];
                await fleet.Manager.AcceptAsync($"wms-{posted + 1:D4}", site.NodeIdOfVertex(from), site.NodeIdOfVertex(to), "tote", random.Next(3), null, CancellationToken.None);
                posted++;
                nextOrderS += 4;
            }

            fleet.Step();
        }

        output.WriteLine($"100 orders after {fleet.TimeS:F1} s simulated, {fleet.Manager.EpisodesRun} episodes, {fleet.Manager.PlanningFailures} planning failures");
        // measured: all 100 after 1 202 s simulated, 0 planning failures (before the fix: 99 of 100, then a planning failure on every tick until the time limit)
        Assert.True(posted == 100 && fleet.AllOrders(OrderPhase.Completed), LifelongPlanningTests.Describe(fleet));
        Assert.Equal(0, fleet.Manager.PlanningFailures);
        Assert.Empty(fleet.Conflicts);
    }

    [Fact]
    public async Task Episodes_keep_delivering_while_a_paused_robot_walls_in_a_pickup_and_deliver_that_order_once_it_resumes()
    {
        FleetSite site = FleetSite.BundledAwsWarehouse();
        // agv0 stands in the one-cell dead end x = 1 (c1_14) and is paused: the pickup c1_15 behind it is walled in.
        await using var fleet = new InProcessFleet(site, new FleetManagerOptions { Planning = PlanningMode.Episodes }, [(1, 14), (10, 13), (20, 13)]);
        fleet.RunUntil(() => false, limitS: 1);
        Assert.Equal(1, fleet.Manager.Pause(["agv0"], emergency: false));
        await fleet.Manager.AcceptAsync("walled", "c1_15", "c24_13", "tote", 0, null, CancellationToken.None);
        await fleet.Manager.AcceptAsync("open", "c5_8", "c1_13", "tote", 0, null, CancellationToken.None);

        // Before the fix the walled goal made every episode's instance unsolvable, so nothing moved at all.
        Assert.True(fleet.RunUntil(() => fleet.Manager.Orders().Single(o => o.Id == "open").Phase == OrderPhase.Completed, limitS: 300), LifelongPlanningTests.Describe(fleet));
        Assert.NotEqual(OrderPhase.Completed, fleet.Manager.Orders().Single(o => o.Id == "walled").Phase);
        Assert.Equal(0, fleet.Manager.PlanningFailures); // measured 0

        Assert.Equal(1, fleet.Manager.Resume(["agv0"]));
        Assert.True(fleet.RunUntil(() => fleet.AllOrders(OrderPhase.Completed), limitS: 900), LifelongPlanningTests.Describe(fleet));
        output.WriteLine($"both delivered after {fleet.TimeS:F1} s simulated, {fleet.Manager.PlanningFailures} planning failures");
        Assert.Equal(0, fleet.Manager.PlanningFailures); // measured 0
        Assert.Empty(fleet.Conflicts);
    }

    /// <summary>Cells beside racks (pickups), dock cells on the side walls (drops) and the rest, as the demo classifies them.</summary>
    private static (List<int> RackSide, List<int> Docks, List<int> Parking) DemoCells(FleetSite site)
    {
        List<int> rackSide = [], docks = [], parking = [];
        int minX = Enumerable.Range(0, site.Graph.VertexCount).Min(v => site.Graph.CellOf(v).X);
        int maxX = Enumerable.Range(0, site.Graph.VertexCount).Max(v => site.Graph.CellOf(v).X);
        for (int v = 0; v < site.Graph.VertexCount; v++)
        {
            var c = site.Graph.CellOf(v);
            bool besideRack = (c.Y > 0 && !site.Map.IsPassable(c.X, c.Y - 1)) || (c.Y < site.Map.Height - 1 && !site.Map.IsPassable(c.X, c.Y + 1));
            (besideRack ? rackSide : c.X == minX || c.X == maxX ? docks : parking).Add(v);
        }

        return (rackSide, docks, parking);
    }
}
