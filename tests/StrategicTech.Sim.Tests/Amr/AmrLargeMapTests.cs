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
    public async Task Nav2_warehouse_demo_reaches_two_goals_down_and_across_rack_aisles_without_contact()
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
            output.WriteLine($"goal {g.Index}: {g.Outcome} in {g.TimeS:F1} s, planned {g.PlannedLengthM:F2} m, driven {g.DrivenLengthM:F2} m, " +
                $"min clearance {g.MinClearanceM:F3} m, loc error max {g.MaxLocalizationErrorM:F3} m final {g.FinalLocalizationErrorM:F3} m");
        }

        Assert.True(result.Passed, "a goal was missed or the robot touched something");
        Assert.Equal(0, result.ContactSteps);
        Assert.Equal(0, result.Relocalization!.Detections); // recovery is on by default; no kidnap here

        // The planned routes follow the aisles: measured 8.33 m and 5.83 / 5.88 m; straight-line 8.3 m and 5.3 m.
        // Planned from the localized pose, so it can start a little nearer than the true start: 8.29 m measured once.
        Assert.InRange(result.Goals[0].PlannedLengthM, 8.2, 8.9);
        Assert.InRange(result.Goals[1].PlannedLengthM, 5.3, 6.5);
        Assert.All(result.Goals, g => Assert.True(g.MinClearanceM > 0.6, $"clearance {g.MinClearanceM} m")); // measured 0.890 m in both runs; bound 0.6 m
        Assert.All(result.Goals, g => Assert.True(g.MaxLocalizationErrorM < 0.7, $"loc error {g.MaxLocalizationErrorM} m")); // measured 0.138 to 0.472 m over two runs; bound 0.7 m
    }
}
