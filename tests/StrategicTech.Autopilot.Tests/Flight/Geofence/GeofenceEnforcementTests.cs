using StrategicTech.Autopilot.Flight;
using StrategicTech.Autopilot.Flight.Geofence;
using StrategicTech.Navigation.Missions;
using StrategicTech.Navigation.Numerics;
using StrategicTech.Navigation.Planning.Geometry2D;
using StrategicTech.TestSupport;

namespace StrategicTech.Autopilot.Tests.Flight.Geofence;

public sealed class GeofenceEnforcementTests
{
    private static KinematicVehicle Flying(Navigation.Missions.Geofence fence, double heightM = 10, FlightParameters? parameters = null)
    {
        var v = new KinematicVehicle(parameters);
        Assert.Equal(CommandOutcome.Accepted, v.Commander.ReplaceFence(fence));
        Assert.Equal(CommandOutcome.Accepted, v.Commander.Takeoff(heightM));
        Assert.True(v.StepUntil(x => x.Commander.Status.Mode == FlightMode.Hold && x.Commander.Navigator.State == AutoState.Hold, 60));
        return v;
    }

    private static Vec2 Ne(Vector3 p) => new(p.X, p.Y);

    /// <summary>One step in Position mode: the ideal vehicle flies the setpoint's velocity on axes without a position.</summary>
    private static void StepWithSticks(KinematicVehicle v, double pitch)
    {
        v.Commander.SetManualInput(ManualInput.Centered(v.TimeUs) with { Pitch = pitch });
        v.Step();
        var sp = v.Commander.Navigator.Setpoint;
        Vector3 p = v.State.PositionNedM;
        Vector3 ff = sp.VelocityFeedForwardNedMps;
        v.State = v.State with
        {
            PositionNedM = new Vector3(
                double.IsFinite(sp.PositionNedM.X) ? sp.PositionNedM.X : p.X + (ff.X * 0.02),
                double.IsFinite(sp.PositionNedM.Y) ? sp.PositionNedM.Y : p.Y + (ff.Y * 0.02),
                double.IsFinite(sp.PositionNedM.Z) ? sp.PositionNedM.Z : p.Z + (ff.Z * 0.02)),
            VelocityNedMps = new Vector3(double.IsFinite(sp.PositionNedM.X) ? 0 : ff.X, double.IsFinite(sp.PositionNedM.Y) ? 0 : ff.Y, 0),
        };
    }

    [Fact]
    public void A_goto_beyond_the_inclusion_fence_stops_before_the_boundary()
    {
        KinematicVehicle v = Flying(FenceLayout.Square(100));
        (double lat, double lon) = v.At(300, 0);
        Assert.Equal(CommandOutcome.Accepted, v.Commander.GoTo(lat, lon, 10, 8));
        double maxNorthM = 0;
        v.StepUntil(x =>
        {
            maxNorthM = Math.Max(maxNorthM, x.State.PositionNedM.X);
            return false;
        }, 60);

        // measured 98.63 m: the hold is the margin short of the boundary, plus at most one 20 ms step at 8 m/s
        Assert.InRange(maxNorthM, 98.0, 100 - GeofenceMonitor.PredictionMarginM + (8 * 0.02));
        Assert.Equal(FlightMode.Hold, v.Commander.Status.Mode);
        Assert.Equal(AutoState.Hold, v.Commander.Navigator.State);
        Assert.Contains(KeptTexts.Of(v), t => t.Text == "Geofence: stopping before the inclusion boundary");
        Assert.Equal(FailsafeKind.None, v.Commander.Status.LastFailsafe);
    }

    [Fact]
    public void A_goto_through_an_exclusion_circle_stops_outside_it()
    {
        KinematicVehicle v = Flying(FenceLayout.Of([], [FenceLayout.Circle(false, 60, 0, 15)]));
        (double lat, double lon) = v.At(150, 0);
        Assert.Equal(CommandOutcome.Accepted, v.Commander.GoTo(lat, lon, 10, 10));
        double nearestM = double.PositiveInfinity;
        v.StepUntil(x =>
        {
            nearestM = Math.Min(nearestM, Vec2.Distance(Ne(x.State.PositionNedM), new Vec2(60, 0)));
            return false;
        }, 60);

        Assert.InRange(nearestM, 15 + 1.0, 15 + GeofenceMonitor.PredictionMarginM + 0.5); // measured 16.50 m from the centre
        Assert.Equal(AutoState.Hold, v.Commander.Navigator.State);
    }

    [Fact]
    public void A_takeoff_above_the_maximum_altitude_stops_below_it()
    {
        var v = new KinematicVehicle(new FlightParameters { GeofenceMaxHeightM = 30 });
        Assert.Equal(CommandOutcome.Accepted, v.Commander.Takeoff(60));
        double maxHeightM = 0;
        v.StepUntil(x =>
        {
            maxHeightM = Math.Max(maxHeightM, -x.State.PositionNedM.Z);
            return false;
        }, 60);

        Assert.InRange(maxHeightM, 25, 30 - 1.0); // measured 28.50 m (takeoff climbs at 1.5 m/s: braking 0.4 m + margin 1.5 m)
        Assert.Equal(FlightMode.Hold, v.Commander.Status.Mode);
    }

    [Fact]
    public void Position_mode_holds_before_the_fence_while_the_stick_pushes_toward_it_and_moves_away_again()
    {
        KinematicVehicle v = Flying(FenceLayout.Square(60));
        v.Commander.SetManualInput(ManualInput.Centered(v.TimeUs) with { Pitch = 1 }); // full forward: north at MPC_VEL_MANUAL
        Assert.Equal(CommandOutcome.Accepted, v.Commander.SetMode(FlightMode.Position));
        double maxNorthM = 0;
        for (int i = 0; i < 50 * 20; i++)
        {
            StepWithSticks(v, 1);
            maxNorthM = Math.Max(maxNorthM, v.State.PositionNedM.X);
        }

        Assert.InRange(maxNorthM, 30, 60 - 1.0); // measured 41.8 m: stopped from the commanded 10 m/s (16.7 m braking + 1.5 m margin)
        Assert.Equal(FlightMode.Position, v.Commander.Status.Mode);

        // Stick back: it flies away from the fence.
        double before = v.State.PositionNedM.X;
        for (int i = 0; i < 50 * 2; i++)
        {
            StepWithSticks(v, -1);
        }

        Assert.True(v.State.PositionNedM.X < before - 5);
    }

    [Theory]
    [InlineData(GeofenceAction.Hold, FlightMode.Hold, true)]
    [InlineData(GeofenceAction.ReturnToLaunch, FlightMode.ReturnToLaunch, true)]
    [InlineData(GeofenceAction.Land, FlightMode.Land, true)]
    [InlineData(GeofenceAction.Terminate, FlightMode.Hold, false)]
    public void A_breach_takes_the_GF_ACTION(GeofenceAction action, FlightMode expectedMode, bool expectedArmed)
    {
        KinematicVehicle v = Flying(FenceLayout.Square(50), parameters: new FlightParameters { GeofenceAction = action });

        // Something the prediction cannot see (a position jump) puts the estimate outside.
        v.State = v.State with { PositionNedM = new Vector3(70, 0, -10) };
        v.Step();
        Assert.Equal(FailsafeKind.GeofenceBreached, v.Commander.Status.LastFailsafe);
        Assert.Equal(expectedArmed, v.Commander.Status.Armed);
        Assert.Equal(expectedMode, v.Commander.Status.Mode);
        // Hold and Return are announced as critical, Land and Terminate as emergencies (the ladder's severities).
        Assert.StartsWith("Failsafe: geofence breached", KeptTexts.Of(v).Last(t => t.Severity <= StatusSeverity.Critical).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_return_flies_round_an_exclusion_zone_between_the_vehicle_and_home()
    {
        KinematicVehicle v = Flying(FenceLayout.Of([], [FenceLayout.Circle(false, 60, 0, 15)]), heightM: 30);
        (double lat, double lon) = v.At(120, 0);
        Assert.Equal(CommandOutcome.Accepted, v.Commander.GoTo(lat, lon, 30, 8));

        // Round the zone to reach (120, 0): fly east first, then north, then west (no prediction stop needed).
        (double latE, double lonE) = v.At(0, 40);
        (double latNe, double lonNe) = v.At(120, 40);
        Assert.Equal(CommandOutcome.Accepted, v.Commander.GoTo(latE, lonE, 30, 8));
        Assert.True(v.StepUntil(x => x.Commander.Navigator.State == AutoState.Hold, 60));
        Assert.Equal(CommandOutcome.Accepted, v.Commander.GoTo(latNe, lonNe, 30, 8));
        Assert.True(v.StepUntil(x => x.Commander.Navigator.State == AutoState.Hold, 60));
        Assert.Equal(CommandOutcome.Accepted, v.Commander.GoTo(lat, lon, 30, 8));
        Assert.True(v.StepUntil(x => x.Commander.Navigator.State == AutoState.Hold, 60));

        Assert.Equal(CommandOutcome.Accepted, v.Commander.ReturnToLaunch());
        Assert.True(v.Commander.Geofence.Route.LastPlanRouted);
        double nearestM = double.PositiveInfinity;
        bool landing = v.StepUntil(x =>
        {
            nearestM = Math.Min(nearestM, Vec2.Distance(Ne(x.State.PositionNedM), new Vec2(60, 0)));
            return x.Commander.Navigator.State is AutoState.Land or AutoState.Disarmed;
        }, 120);

        Assert.True(landing);
        Assert.InRange(nearestM, 15 + ReturnRoute.ClearanceM - 0.01, 15 + ReturnRoute.ClearanceM + 1.0); // measured 20.0 m: along the planner's clearance
        Assert.InRange(Vec2.Distance(Ne(v.State.PositionNedM), Vec2.Zero), 0, 0.5);
        Assert.DoesNotContain(KeptTexts.Of(v), t => t.Text.StartsWith("Geofence:", StringComparison.Ordinal));
    }

    [Fact]
    public void The_return_goes_to_a_rally_point_nearer_than_home_and_to_home_otherwise()
    {
        KinematicVehicle v = Flying(Navigation.Missions.Geofence.Empty, heightM: 30);
        LatLonDeg rally = FenceLayout.At(150, 20);
        Assert.Equal(CommandOutcome.Accepted, v.Commander.ReplaceRallyPoints([new RallyPoint(rally.LatitudeDeg, rally.LongitudeDeg, 30)]));
        (double lat, double lon) = v.At(120, 0);
        Assert.Equal(CommandOutcome.Accepted, v.Commander.GoTo(lat, lon, 30, 8));
        Assert.True(v.StepUntil(x => x.Commander.Navigator.State == AutoState.Hold, 60));

        Assert.Equal(CommandOutcome.Accepted, v.Commander.ReturnToLaunch());
        Assert.True(v.StepUntil(x => x.Commander.Navigator.State is AutoState.Land or AutoState.Disarmed, 120));
        Assert.InRange(Vec2.Distance(Ne(v.State.PositionNedM), new Vec2(150, 20)), 0, 0.5);

        // From near home, home is nearer than the rally point.
        (lat, lon) = v.At(20, 0);
        var w = new KinematicVehicle();
        Assert.Equal(CommandOutcome.Accepted, w.Commander.ReplaceRallyPoints([new RallyPoint(rally.LatitudeDeg, rally.LongitudeDeg, 30)]));
        Assert.Equal(CommandOutcome.Accepted, w.Commander.Takeoff(30));
        Assert.True(w.StepUntil(x => x.Commander.Navigator.State == AutoState.Hold, 60));
        Assert.Equal(CommandOutcome.Accepted, w.Commander.GoTo(lat, lon, 30, 8));
        Assert.True(w.StepUntil(x => x.Commander.Navigator.State == AutoState.Hold, 60));
        Assert.Equal(CommandOutcome.Accepted, w.Commander.ReturnToLaunch());
        Assert.True(w.StepUntil(x => x.Commander.Navigator.State is AutoState.Land or AutoState.Disarmed, 120));
        Assert.InRange(Vec2.Distance(Ne(w.State.PositionNedM), Vec2.Zero), 0, 0.5);
    }

    [Fact]
    public void A_mission_without_a_takeoff_item_climbs_vertically_before_its_first_leg()
    {
        var v = new KinematicVehicle();
        (double lat, double lon) = v.At(60, 0);
        Assert.Equal(CommandOutcome.Accepted, v.Commander.ReplaceMission([MissionItem.Waypoint(0, MavFrame.GlobalRelativeAlt, lat, lon, 15)]));
        Assert.Equal(CommandOutcome.Accepted, v.Commander.StartMission());
        Assert.Equal(CommandOutcome.Accepted, v.Commander.Arm());
        double northAtTopM = double.NaN;
        Assert.True(v.StepUntil(x =>
        {
            if (double.IsNaN(northAtTopM) && -x.State.PositionNedM.Z >= 15 - 0.01)
            {
                northAtTopM = x.State.PositionNedM.X;
            }

            return x.Commander.Status.ReachedCount == 1;
        }, 120));

        Assert.Equal(0, northAtTopM, 3); // climbed straight up before flying north
        Assert.Equal(60, v.State.PositionNedM.X, 1);
    }

    [Fact]
    public void Judging_the_fence_and_planning_the_return_round_it_allocate_nothing_in_flight()
    {
        KinematicVehicle v = Flying(FenceLayout.Of([FenceLayout.Polygon(true, (-300, -300), (-300, 300), (300, 300), (300, -300))], [FenceLayout.Circle(false, 60, 0, 15)]), heightM: 30);
        LatLonDeg rally = FenceLayout.At(150, 20);
        Assert.Equal(CommandOutcome.Accepted, v.Commander.ReplaceRallyPoints([new RallyPoint(rally.LatitudeDeg, rally.LongitudeDeg, 30)]));
        (double lat, double lon) = v.At(0, 200);
        Assert.Equal(CommandOutcome.Accepted, v.Commander.GoTo(lat, lon, 30, 8));
        v.StepUntil(_ => false, 2);
        Allocations.AssertZero(v.Step, 200);

        // The return plans round the exclusion zone inside the update that starts it.
        Assert.True(v.StepUntil(x => x.Commander.Navigator.State == AutoState.Hold, 60));
        (lat, lon) = v.At(120, 0);
        Assert.Equal(CommandOutcome.Accepted, v.Commander.GoTo(lat, lon, 30, 8));
        Assert.True(v.StepUntil(x => x.Commander.Navigator.State == AutoState.Hold, 60));
        Allocations.AssertZero(() =>
        {
            v.Commander.ReturnToLaunch();
            v.Step();
            v.Commander.Hold();
            v.Step();
        }, 50);
    }
}
