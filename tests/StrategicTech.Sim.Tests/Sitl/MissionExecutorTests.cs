using System.Globalization;
using System.Text;
using StrategicTech.Autopilot.Flight;
using StrategicTech.Navigation.Geodesy;
using StrategicTech.Navigation.Missions;
using StrategicTech.Navigation.Numerics;
using StrategicTech.Sim.Lockstep;
using Xunit.Abstractions;

namespace StrategicTech.Sim.Tests.Sitl;

public sealed class MissionExecutorTests(ITestOutputHelper output)
{
    [Fact]
    public void WaypointsFileMissionFliesTheSquareAndReturnsToLaunch()
    {
        SitlVehicle v = SitlFixtures.CreateQuad(seed: 5);
        Assert.True(v.StepUntil(x => x.ReadyToArm, 30_000_000));
        v.StepFor(1_000_000);
        Vector3 homeTruth = v.Truth.PositionNedM;
        LocalNedFrame world = v.Physics.HomeFrame;

        // A .waypoints file: home, takeoff 10 m, a 20 m square (first corner held 2 s, 1 m acceptance), RTL.
        var text = new StringBuilder("QGC WPL 110\n");
        GeodeticPosition home = world.FromNed(homeTruth);
        Line(text, 0, 0, MavCmd.NavWaypoint, 0, 0, home, 488);
        Line(text, 1, 3, MavCmd.NavTakeoff, 0, 0, home, 10);
        Line(text, 2, 3, MavCmd.NavWaypoint, 2, 1, world.FromNed(new Vector3(20, 0, 0)), 10);
        Line(text, 3, 3, MavCmd.NavWaypoint, 0, 0, world.FromNed(new Vector3(20, 20, 0)), 10);
        Line(text, 4, 3, MavCmd.NavWaypoint, 0, 0, world.FromNed(new Vector3(0, 20, 0)), 10);
        Line(text, 5, 2, MavCmd.NavReturnToLaunch, 0, 0, null, 0);
        LoadedMission mission = MissionFile.Parse(text.ToString(), "square.waypoints");

        Assert.True(v.StartMission(mission.Items));
        double maxCornerErrorM = 0;
        int lastIndex = 0;
        double maxEkf = 0;
        while (!v.Mission!.IsFinished && v.Clock.TimeUs < 200_000_000)
        {
            v.Step();
            maxEkf = Math.Max(maxEkf, v.EkfPositionErrorM);
            if (v.Mission.CurrentIndex != lastIndex)
            {
                if (lastIndex is >= 1 and <= 3)
                {
                    Vector3 corner = lastIndex switch { 1 => new(20, 0, 0), 2 => new(20, 20, 0), _ => new(0, 20, 0) };
                    maxCornerErrorM = Math.Max(maxCornerErrorM, SitlFixtures.Horizontal(v.Truth.PositionNedM - homeTruth - corner));
                }

                lastIndex = v.Mission.CurrentIndex;
            }
        }

        v.StepFor(1_000_000);
        double landingM = SitlFixtures.Horizontal(v.Truth.PositionNedM - homeTruth);
        output.WriteLine($"mission {v.Clock.TimeUs / 1e6:F1} s: corner truth error ≤ {maxCornerErrorM:F2} m, landed {landingM:F2} m from home, max EKF error {maxEkf:F2} m, skipped {v.Mission.SkippedItemCount}");
        Assert.True(v.Mission.IsFinished, $"mission stuck at item {v.Mission.CurrentIndex}, mode {v.Navigator.State}");
        Assert.Equal(0, v.Mission.SkippedItemCount);
        Assert.Equal(AutoState.Disarmed, v.Navigator.State);
        Assert.True(v.Truth.Landed && !v.Truth.Crashed);
        Assert.True(landingM < 0.38, $"landed {landingM:F2} m from home"); // measured 0.253 m; bound 0.38 m
        Assert.True(maxCornerErrorM < 1.1, $"corner error {maxCornerErrorM:F2} m"); // measured 0.73 m (truth when the next item starts); bound 1.1 m
    }

    [Fact]
    public void UnsupportedItemsAreSkippedAndCounted()
    {
        SitlVehicle v = SitlFixtures.CreateQuad();
        Assert.True(v.StepUntil(x => x.ReadyToArm, 30_000_000));
        MissionItem[] items =
        [
            MissionItem.CommandItem(1, MavCmd.DoGripper, 1, 1),
            new(2, MavFrame.GlobalRelativeAlt, MavCmd.NavTakeoff, 0, 0, 0, double.NaN, double.NaN, double.NaN, 3, true),
            MissionItem.CommandItem(3, MavCmd.NavLand),
        ];
        Assert.True(v.StartMission(items));
        Assert.True(v.StepUntil(x => x.Mission!.IsFinished, 60_000_000), $"stuck at {v.Mission!.CurrentIndex}, mode {v.Navigator.State}");
        Assert.Equal(1, v.Mission!.SkippedItemCount);
        Assert.Equal(AutoState.Disarmed, v.Navigator.State);
        Assert.True(v.Truth.Landed);
    }

    private static void Line(StringBuilder text, int seq, int frame, ushort command, double p1, double p2, GeodeticPosition? at, double altM)
    {
        double lat = at is { } p ? p.LatitudeRad * 180 / Math.PI : 0;
        double lon = at is { } q ? q.LongitudeRad * 180 / Math.PI : 0;
        text.Append(CultureInfo.InvariantCulture,
            $"{seq}\t{(seq == 0 ? 1 : 0)}\t{frame}\t{command}\t{p1}\t{p2}\t0\t0\t{lat:F9}\t{lon:F9}\t{altM}\t1\n");
    }
}
