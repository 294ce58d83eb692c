using StrategicTech.Autopilot.Control;
using StrategicTech.Autopilot.Control.Detection;
using StrategicTech.Autopilot.Flight;
using StrategicTech.Navigation.Missions;
using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Autopilot.Tests.Flight;

/// <summary>Cross-track control of auto legs (time stretch, cross-track correction) and waypoint acceptance with the estimate's uncertainty.</summary>
public sealed class LineTrackingTests
{
    private const double Dt = 0.02;

    [Theory]
    [InlineData(0, 0, 1.0)] // at the setpoint
    [InlineData(-1, 0, 0.5)] // 1 m behind it along a north leg: half speed at MPC_XY_ERR_MAX 2 m
    [InlineData(-1, 1, 0.29289321881345254)] // √2 m behind and beside it
    [InlineData(-3, 0, 0.0)] // beyond MPC_XY_ERR_MAX: stopped
    [InlineData(1, 0, 1.0)] // ahead of it: never stretched
    public void Time_stretch_falls_linearly_with_the_distance_behind_the_setpoint_and_is_one_ahead_of_it(double northM, double eastM, double expected)
    {
        var setpoint = new Vector3(10, 0, -20);
        var position = new Vector3(10 + northM, eastM, -20);
        Assert.Equal(expected, LineTracking.TimeStretch(setpoint, position, new Vector3(50, 0, 0), 2.0), 12);
    }

    [Fact]
    public void Time_stretch_never_slows_a_vertical_leg()
    {
        Assert.Equal(1.0, LineTracking.TimeStretch(new Vector3(0, 0, -10), new Vector3(0, 0, 0), new Vector3(0, 0, -20), 2.0));
    }

    [Fact]
    public void Cross_track_error_points_from_the_vehicle_to_its_foot_on_the_line()
    {
        // Leg from (0, 0) towards the north-east; the vehicle 2 m east of the start.
        Vector3 toLine = LineTracking.CrossTrackToLine(Vector3.Zero, new Vector3(10, 10, 0), new Vector3(0, 2, -5));
        Assert.Equal(1.0, toLine.X, 12);
        Assert.Equal(-1.0, toLine.Y, 12);
        Assert.Equal(0.0, toLine.Z);
        Assert.Equal(Vector3.Zero, LineTracking.CrossTrackToLine(Vector3.Zero, new Vector3(0, 0, -10), new Vector3(3, 3, 0)));
    }

    [Fact]
    public void Goto_setpoint_stops_advancing_at_MPC_XY_ERR_MAX_ahead_of_a_vehicle_that_does_not_follow()
    {
        Navigator m = Create();
        Assert.True(m.Arm(State(Vector3.Zero)));
        Assert.True(m.GoTo(new Vector3(50, 0, 0), 5));
        long t = 0;
        for (int i = 0; i < 500; i++)
        {
            m.Update(t += 20_000, Dt, State(Vector3.Zero), 0.5);
        }

        // 10 s at 5 m/s would have carried it 48 m without the stretch; it waits 2 m ahead (the default MPC_XY_ERR_MAX).
        Assert.InRange(m.Setpoint.PositionNedM.X, 1.9, 2.0);
        Assert.False(m.SetpointArrived);
    }

    [Fact]
    public void Goto_feed_forward_steers_back_to_the_line_at_0_6_mps_per_metre_of_cross_track_error()
    {
        Navigator m = Create();
        Assert.True(m.Arm(State(Vector3.Zero)));
        Assert.True(m.GoTo(new Vector3(50, 0, 0), 5));
        long t = 0;
        for (int i = 0; i < 100; i++)
        {
            // The vehicle keeps pace with the setpoint but 3 m east of the line.
            m.Update(t += 20_000, Dt, State(m.Setpoint.PositionNedM + new Vector3(0, 3, 0)), 0.5);
        }

        Assert.Equal(-1.8, m.Setpoint.VelocityFeedForwardNedMps.Y, 9);
        Assert.True(m.Setpoint.VelocityFeedForwardNedMps.X > 1, "still advancing along the leg");
    }

    [Theory]
    [InlineData(0.0, 1.5, true)] // a perfect estimate: accepted anywhere inside the 2 m radius
    [InlineData(0.5, 1.5, false)] // 1σ 0.5 m: the estimate must be inside 2 − 2·0.5 = 1 m
    [InlineData(0.5, 0.9, true)]
    [InlineData(3.0, 1.1, false)] // a poor estimate: never less than half the radius (1 m)
    [InlineData(3.0, 0.9, true)]
    public void Waypoint_is_accepted_only_inside_its_radius_less_twice_the_estimate_uncertainty(double sigmaM, double offsetEastM, bool accepted)
    {
        Navigator navigator = Create();
        var mission = new MissionExecutor(navigator, [Waypoint(20, 0)]);
        Assert.True(navigator.Arm(State(Vector3.Zero)));
        navigator.Takeoff(10);
        long t = 0;
        Fly(navigator, mission, ref t, 400, Vector3.Zero, sigmaM, started: false);
        mission.Start(KinematicVehicle.Origin);

        // The vehicle flies beside the setpoint, offsetEastM east of it, until well after the setpoint arrived (the
        // sideways error slows the setpoint by the time stretch, so this takes longer than the 4 s at cruise).
        Fly(navigator, mission, ref t, 4000, new Vector3(0, offsetEastM, 0), sigmaM, started: true);
        Assert.True(navigator.SetpointArrived, $"state {navigator.State}, setpoint {navigator.Setpoint.PositionNedM}, target {navigator.TargetNedM}, mission item {mission.CurrentIndex}");
        Assert.Equal(accepted, mission.IsFinished);
    }

    private static void Fly(Navigator navigator, MissionExecutor mission, ref long t, int updates, Vector3 offsetNedM, double sigmaM, bool started)
    {
        for (int i = 0; i < updates; i++)
        {
            MulticopterState state = State(navigator.Setpoint.PositionNedM + offsetNedM);
            if (started)
            {
                mission.PositionUncertaintyM = sigmaM;
                mission.Update(t, state);
            }

            navigator.Update(t += 20_000, Dt, state, 0.5);
        }
    }

    private static MissionItem Waypoint(double northM, double eastM)
    {
        var frame = new Navigation.Geodesy.LocalNedFrame(KinematicVehicle.Origin);
        Navigation.Geodesy.GeodeticPosition p = frame.FromNed(new Vector3(northM, eastM, 0));
        return new MissionItem(0, MavFrame.GlobalRelativeAlt, MavCmd.NavWaypoint, 0, 0, 0, double.NaN, p.LatitudeRad * 180 / Math.PI, p.LongitudeRad * 180 / Math.PI, 10, true);
    }

    private static Navigator Create() => new(new FlightParameters { HoverThrust = 0.5 }, LandDetectorParameters.Default);

    private static MulticopterState State(Vector3 positionNedM) => new(positionNedM, Vector3.Zero, Quaternion.Identity, Vector3.Zero);
}
