using StrategicTech.Navigation.Localization;
using StrategicTech.Navigation.Planning.Costmaps;
using StrategicTech.Sim.Amr;
using StrategicTech.TestSupport;
using Xunit.Abstractions;

namespace StrategicTech.Sim.Tests.Amr;

/// <summary>
/// The AMR demo on the Nav2 warehouse map (1006 × 1674 cells at 3 cm, 30 × 50 m): rack aisles along Nav2's own
/// route-graph nodes, over loopback rosbridge. About 25–40 s of wall time on this machine for 32 s of simulated drive.
/// </summary>
public sealed class AmrLargeMapTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Nav2_warehouse_demo_reaches_two_goals_down_and_across_rack_aisles_without_contact_within_measured_route_clearance_error_and_time_bounds()
    {
        OccupancyGridMap map = MapServerLoader.Load(SharedData.PathOf("maps", "ros", "nav2_warehouse", "warehouse.yaml"));
        AmrDemoResult result = await AmrDemoRunner.RunAsync(new AmrDemoOptions
        {
            Map = map,
            Start = new Pose2D(0.5, -23.5, Math.PI / 2),
            Goals = [new Pose2D(0.5, -15.2, Math.PI / 2), new Pose2D(3.5, -10.75, 0)],
        });
        foreach (AmrGoalResult g in result.Goals)
        {
            output.WriteLine($"goal {g.Index}: {g.Outcome} in {g.TimeS:F1} s, planned {g.PlannedLengthM:F4} m, driven {g.DrivenLengthM:F2} m, " +
                $"min clearance {g.MinClearanceM:F4} m, loc error max {g.MaxLocalizationErrorM:F4} m final {g.FinalLocalizationErrorM:F4} m, time {g.TimeS:F2} s");
        }

        Assert.True(result.Passed, "a goal was missed or the robot touched something");
        Assert.Equal(0, result.ContactSteps);
        Assert.Equal(0, result.Relocalization!.Detections); // recovery is on by default; no kidnap here

        // Lockstep runs are deterministic; figures measured on two runs (identical). The planned routes follow the
        // aisles: measured 8.3272 m and 5.9363 m against straight lines of 8.30 m and 5.3666 m; bounds 1.5x the detour
        // (0.0272 m and 0.5697 m).
        Assert.InRange(result.Goals[0].PlannedLengthM, 8.30, 8.341);
        Assert.InRange(result.Goals[1].PlannedLengthM, 5.3666, 6.221);

        // Truth clearance measured 0.890 m on both goals: that is the 1 m search cap minus the 0.11 m robot radius, so
        // nothing came within 1 m of the robot's centre on either route; bound 0.88 m.
        Assert.All(result.Goals, g => Assert.True(g.MinClearanceM > 0.88, $"clearance {g.MinClearanceM} m"));

        // Worst localization error measured 0.092 m (goal 0) and 0.167 m (goal 1); bound 0.25 m. Final error measured
        // 0.007 m and 0.039 m; bound 0.06 m.
        Assert.All(result.Goals, g => Assert.True(g.MaxLocalizationErrorM < 0.25, $"goal {g.Index}: loc error {g.MaxLocalizationErrorM} m"));
        Assert.All(result.Goals, g => Assert.True(g.FinalLocalizationErrorM < 0.06, $"goal {g.Index}: final loc error {g.FinalLocalizationErrorM} m"));

        // Simulated time for both goals measured 16.85 + 13.85 = 30.70 s; bound 46 s.
        Assert.True(result.Goals.Sum(g => g.TimeS) < 46, $"took {result.Goals.Sum(g => g.TimeS):F1} s");
    }
}
