using System.Diagnostics;
using Xunit.Abstractions;
using StrategicTech.Fleet.Core;
using StrategicTech.Fleet.Orders;
using StrategicTech.Fleet.Site;
using StrategicTech.Navigation.Planning.Grid;
using StrategicTech.TestSupport;

namespace StrategicTech.Fleet.Tests;

/// <summary>
/// Lifelong planning with hundreds of robots on the Moving AI warehouse map warehouse-10-20-10-2-1 (161 × 63, 1 m
/// cells, robots at 1 m/s, so one plan step is one simulated second), in the deterministic harness: transport
/// orders from cells beside the racks to the cells of the two end walls, three per robot posted at once; the run
/// lasts a fixed number of steps. Throughput is orders delivered per 1 000 steps; planning time per window is the
/// wall time of the manager ticks that planned a window. The suite runs 100 robots for 300 steps (and for 600 in
/// the decay test); the figures in BENCHMARKS come from <c>FLEET_SCALE_ROBOTS=100,200,400 FLEET_SCALE_STEPS=600</c>
/// with the same theory.
/// </summary>
public class LifelongScaleTests(ITestOutputHelper output)
{
    public static TheoryData<int, int> Runs()
    {
        int steps = int.TryParse(Environment.GetEnvironmentVariable("FLEET_SCALE_STEPS"), out int s) && s > 0 ? s : 300;
        string robots = Environment.GetEnvironmentVariable("FLEET_SCALE_ROBOTS") is { Length: > 0 } r ? r : "100";
        var data = new TheoryData<int, int>();
        foreach (string n in robots.Split(','))
        {
            data.Add(int.Parse(n, System.Globalization.CultureInfo.InvariantCulture), steps);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public async Task Lifelong_with_hundreds_of_robots_on_the_Moving_AI_warehouse_keeps_delivering_and_no_two_robots_ever_share_a_cell(int robots, int steps)
    {
        ScaleRun run = await RunAsync(robots, steps);

        output.WriteLine(run.ToString());
        Assert.Empty(run.Conflicts);
        Assert.True(run.MinDistanceM >= 1.0 - 1e-6, $"{run.MinDistanceM} m"); // one cell
        Assert.True(run.DeliveredLastThirdOfRun > 0, "no order delivered in the last third of the run (deadlock)");
        Assert.True(run.Windows > steps / 3, $"{run.Windows} windows"); // considered every 2 steps; measured 300 of 600 (100 robots)
    }

    /// <summary>
    /// The decay the unbounded commitment caused (100 robots, 600 steps, 12 steps committed per window, no bound:
    /// 39 orders in the first third, 13 in the last, 60 committed moves per robot ahead of execution on average,
    /// up to 186): with h = 2 committed steps per 2 s window and a robot more than 4 moves ahead held, the last
    /// third delivers at least as many orders as the first and no robot is ever far ahead of its execution.
    /// </summary>
    [Fact]
    public async Task Lifelong_with_100_robots_delivers_as_many_orders_in_the_last_third_of_600_steps_as_in_the_first_and_commits_no_robot_more_than_a_window_ahead()
    {
        ScaleRun run = await RunAsync(100, 600);

        output.WriteLine(run.ToString());
        Assert.Empty(run.Conflicts);
        Assert.Equal(0, run.PlanningFailures);
        Assert.True(run.DeliveredLastThirdOfRun >= run.DeliveredFirstThirdOfRun, run.ToString()); // measured 86 against 58
        Assert.True(run.Delivered >= 160, run.ToString()); // measured 238 (104 with the unbounded commitment); bound 238 / 1.5
        Assert.All(run.MaxAheadMovesByThird, max => Assert.True(max <= 12, run.ToString())); // measured 9 / 6 / 7 moves
        Assert.All(run.MeanAheadMovesPerRobotByThird, mean => Assert.True(mean <= 3.5, run.ToString())); // measured 2.3 / 2.5 / 2.3 moves
    }

    internal static FleetSite Warehouse() =>
        new(MovingAiMap.Load(SharedData.PathOf("bench", "movingai", "warehouse-10-20-10-2-1.map")), 1.0, "warehouse-10-20-10-2-1");

    /// <summary>
    /// Options for hundreds of robots, as RHCR: a window is considered every 2 s and commits h = 2 steps (the replan
    /// period); a robot is due 4 moves ahead of its end and one with more than 4 committed moves not yet driven
    /// gets no new goal. <c>FLEET_SCALE_COMMIT</c> and <c>FLEET_SCALE_AHEAD</c> override the committed steps and
    /// the bound (0: none) to measure the earlier setting (12 and 0).
    /// </summary>
    internal static FleetManagerOptions ScaleOptions() => new()
    {
        Planning = PlanningMode.Lifelong,
        LifelongWindowPeriodUs = 2_000_000,
        LifelongCommitSteps = EnvInt("FLEET_SCALE_COMMIT", 2),
        LifelongLeadMoves = 4,
        LifelongMaxAheadMoves = EnvInt("FLEET_SCALE_AHEAD", 4),
        PlanningBudgetUs = 10_000_000,
    };

    private static int EnvInt(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), System.Globalization.CultureInfo.InvariantCulture, out int v) && v >= 0 ? v : fallback;

    internal static async Task<ScaleRun> RunAsync(int robots, int steps)
    {
        double runS = steps; // one step per simulated second
        FleetSite site = Warehouse();
        var (rackSide, docks, parking) = Cells(site);
        (int X, int Y)[] starts = [.. parking.Where((_, i) => i % (parking.Count / robots) == 0).Take(robots).Select(v => (site.Graph.CellOf(v).X, site.Graph.CellOf(v).Y))];
        Assert.Equal(robots, starts.Length);
        await using var fleet = new InProcessFleet(site, ScaleOptions(), starts);
        var random = new Random(robots);
        for (int i = 0; i < 3 * robots; i++)
        {
            int from = rackSide[random.Next(rackSide.Count)], to = docks[random.Next(docks.Count)];
            await fleet.Manager.AcceptAsync($"o{i:D4}", site.NodeIdOfVertex(from), site.NodeIdOfVertex(to), "tote", 0, null, CancellationToken.None);
        }

        var windowMs = new List<double>();
        int deliveredAtOneThird = 0, deliveredAtTwoThirds = 0;
        var aheadByThird = new double[3];
        var aheadMaxByThird = new int[3];
        var samplesByThird = new int[3];
        var watch = new Stopwatch();
        while (fleet.TimeS < runS)
        {
            int before = fleet.Manager.WindowsPlanned;
            watch.Restart();
            fleet.Step();
            watch.Stop();
            if (fleet.Manager.WindowsPlanned > before)
            {
                windowMs.Add(watch.Elapsed.TotalMilliseconds);
            }

            int third = Math.Min(2, (int)(3 * fleet.TimeS / runS));
            var (aheadTotal, aheadMax) = fleet.Manager.CommittedAheadMoves();
            aheadByThird[third] += (double)aheadTotal / robots;
            aheadMaxByThird[third] = Math.Max(aheadMaxByThird[third], aheadMax);
            samplesByThird[third]++;
            if (deliveredAtOneThird == 0 && fleet.TimeS >= runS / 3)
            {
                deliveredAtOneThird = Delivered(fleet);
            }

            if (deliveredAtTwoThirds == 0 && fleet.TimeS >= 2 * runS / 3)
            {
                deliveredAtTwoThirds = Delivered(fleet);
            }
        }

        windowMs.Sort();
        int delivered = Delivered(fleet);
        return new ScaleRun(
            robots, steps, delivered, delivered * 1000.0 / steps, deliveredAtOneThird, delivered - deliveredAtTwoThirds,
            [.. aheadByThird.Select((a, i) => a / Math.Max(1, samplesByThird[i]))], aheadMaxByThird, windowMs.Count,
            windowMs.Count > 0 ? windowMs[windowMs.Count / 2] : double.NaN, windowMs.Count > 0 ? windowMs[Math.Min(windowMs.Count - 1, (int)(0.99 * windowMs.Count))] : double.NaN,
            fleet.Manager.PlanningFailures, fleet.Manager.SessionsStarted, fleet.StopsPerRobotHour, [.. fleet.Conflicts], fleet.MinDistanceM);
    }

    private static int Delivered(InProcessFleet fleet) => fleet.Manager.Orders().Count(o => o.Phase == OrderPhase.Completed);

    private static (List<int> RackSide, List<int> Docks, List<int> Parking) Cells(FleetSite site)
    {
        List<int> rackSide = [], docks = [], parking = [];
        int minX = Enumerable.Range(0, site.Graph.VertexCount).Min(v => site.Graph.CellOf(v).X);
        int maxX = Enumerable.Range(0, site.Graph.VertexCount).Max(v => site.Graph.CellOf(v).X);
        for (int v = 0; v < site.Graph.VertexCount; v++)
        {
            var c = site.Graph.CellOf(v);
            bool besideRack = c.Y > 1 && c.Y < site.Map.Height - 2 && (!site.Map.IsPassable(c.X, c.Y - 1) || !site.Map.IsPassable(c.X, c.Y + 1));
            (besideRack ? rackSide : c.X == minX || c.X == maxX ? docks : parking).Add(v);
        }

        return (rackSide, docks, parking);
    }

    internal sealed record ScaleRun(
        int Robots, int Steps, int Delivered, double DeliveredPer1000Steps, int DeliveredFirstThirdOfRun, int DeliveredLastThirdOfRun,
        double[] MeanAheadMovesPerRobotByThird, int[] MaxAheadMovesByThird, int Windows, double WindowP50Ms, double WindowP99Ms,
        long PlanningFailures, int Sessions, double StopsPerRobotHour, List<string> Conflicts, double MinDistanceM)
    {
        public override string ToString() =>
            $"{Robots} robots, {Steps} steps: {Delivered} delivered ({DeliveredPer1000Steps:F1} per 1000 steps, {DeliveredFirstThirdOfRun} in the first third, {DeliveredLastThirdOfRun} in the last third), "
            + $"committed moves ahead of execution per robot by third: mean {string.Join(" / ", MeanAheadMovesPerRobotByThird.Select(a => a.ToString("F1", System.Globalization.CultureInfo.InvariantCulture)))}, max {string.Join(" / ", MaxAheadMovesByThird)}, "
            + $"{Windows} windows p50 {WindowP50Ms:F0} ms p99 {WindowP99Ms:F0} ms, {PlanningFailures} planning failures, {Sessions} sessions, "
            + $"{StopsPerRobotHour:F0} stops per robot-hour, {Conflicts.Count} conflicts, least distance {MinDistanceM:F2} m";
    }
}
