using StrategicTech.Autopilot.Control;
using StrategicTech.Autopilot.Flight;
using StrategicTech.Autopilot.Flight.Tasks;
using StrategicTech.Autopilot.Parameters;
using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Autopilot.Tests.Flight;

/// <summary>
/// Each flight task on its own: the setpoint it produces for given sticks, offboard stream or state, with the
/// default parameters (deadzone 0.1, tilt 35°, yaw rate 150°/s, manual speed 10 m/s, climb 3 / descent 1.5 m/s,
/// braking 3 m/s², takeoff height MIS_TAKEOFF_ALT). Tolerances are rounding epsilons of the closed forms.
/// </summary>
public sealed class FlightTaskTests
{
    private const double Dt = 0.02;
    private const double YawRad = Math.PI / 2; // heading east
    private static readonly Vector3 At = new(1, 2, -5);

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.25)]
    [InlineData(0.5)]
    [InlineData(0.75)]
    [InlineData(1.0)]
    public void Stabilized_maps_throttle_piecewise_linearly_through_min_hover_max_and_roll_stick_to_the_tilt_limit(double throttle)
    {
        FlightTaskContext c = Context();
        var task = new StabilizedTask(c);
        Assert.True(task.Activate());
        c.Manual = new ManualInput(0, 1, 0, 0, throttle);
        task.Update(Dt);
        task.Control(Dt);

        ThrustAttitudeParameters limits = c.Cascade.ThrustAttitude.Parameters;
        double expected = throttle < 0.5
            ? limits.MinThrust + ((limits.HoverThrust - limits.MinThrust) * throttle * 2)
            : limits.HoverThrust + ((limits.MaxThrust - limits.HoverThrust) * ((throttle - 0.5) * 2));
        ThrustAttitudeSetpoint sp = c.Cascade.ThrustAttitudeSetpoint;
        Assert.Equal(expected, sp.CollectiveThrust, 12);
        Vector3 euler = sp.AttitudeNed.ToEuler();
        Assert.Equal(c.Parameters.ManualTiltMaxRad, euler.X, 9);
        Assert.Equal(0, euler.Y, 9);
        Assert.Equal(YawRad, euler.Z, 9);
    }

    [Fact]
    public void Stabilized_yaw_stick_integrates_the_heading_at_the_max_yaw_rate_and_ignores_a_stick_inside_the_deadzone()
    {
        FlightTaskContext c = Context();
        var task = new StabilizedTask(c);
        Assert.True(task.Activate());
        c.Manual = new ManualInput(0, 0, 0, 0.05, 0.5); // inside the 0.1 deadzone
        Step(task, 10);
        Assert.Equal(YawRad, c.Cascade.ThrustAttitudeSetpoint.AttitudeNed.ToEuler().Z, 9);

        c.Manual = new ManualInput(0, 0, 0, 1, 0.5);
        Step(task, 10);
        Assert.Equal(YawRad + (10 * Dt * c.Parameters.ManualYawRateMaxRadps), c.Cascade.ThrustAttitudeSetpoint.AttitudeNed.ToEuler().Z, 9);
    }

    [Fact]
    public void Altitude_at_rest_with_centred_throttle_asks_hover_thrust_over_the_cosine_of_the_stick_tilt()
    {
        FlightTaskContext c = Context();
        var task = new AltitudeTask(c);
        Assert.True(task.Activate());
        c.Manual = new ManualInput(0, 0.5, 0, 0, 0.5);
        task.Update(Dt);
        task.Control(Dt);

        double rollRad = 0.5 * c.Parameters.ManualTiltMaxRad;
        ThrustAttitudeSetpoint sp = c.Cascade.ThrustAttitudeSetpoint;
        Assert.Equal(c.Cascade.ThrustAttitude.Parameters.HoverThrust / Math.Cos(rollRad), sp.CollectiveThrust, 9);
        Assert.Equal(rollRad, sp.AttitudeNed.ToEuler().X, 9);

        // Full throttle: a climb demand, so more than the level hover thrust.
        c.Manual = new ManualInput(0, 0, 0, 0, 1);
        task.Update(Dt);
        task.Control(Dt);
        Assert.True(c.Cascade.ThrustAttitudeSetpoint.CollectiveThrust > c.Cascade.ThrustAttitude.Parameters.HoverThrust);
    }

    [Fact]
    public void Position_sticks_give_velocity_in_the_heading_frame_and_each_axis_locks_where_the_vehicle_is_when_its_stick_is_centred()
    {
        FlightTaskContext c = Context();
        var task = new PositionTask(c);
        Assert.True(task.Activate());

        // Heading east, full forward pitch: 10 m/s east, no north; throttle centred: the altitude is locked.
        c.Manual = new ManualInput(0, 0, 1, 0, 0.5);
        task.Update(Dt);
        MulticopterSetpoint sp = c.Navigator.Setpoint;
        Assert.Equal(0, sp.VelocityFeedForwardNedMps.X, 9);
        Assert.Equal(c.Parameters.ManualSpeedMps, sp.VelocityFeedForwardNedMps.Y, 9);
        Assert.True(double.IsNaN(sp.PositionNedM.X) && double.IsNaN(sp.PositionNedM.Y));
        Assert.Equal(At.Z, sp.PositionNedM.Z);
        Assert.Equal(YawRad, sp.YawRad, 9);

        // Full throttle: climb at MPC_Z_VEL_MAX_UP, vertical position free.
        c.Manual = new ManualInput(0, 0, 0, 0, 1);
        task.Update(Dt);
        sp = c.Navigator.Setpoint;
        Assert.Equal(-c.Parameters.MaxClimbSpeedMps, sp.VelocityFeedForwardNedMps.Z, 12);
        Assert.True(double.IsNaN(sp.PositionNedM.Z));

        // The horizontal sticks came back at rest on the previous update: that axis locked there (At). The throttle
        // comes back now, 3 m higher: the vertical axis locks where the vehicle is now.
        c.State = c.State with { PositionNedM = new Vector3(4, -3, -8) };
        c.Manual = ManualInput.Centered(0);
        task.Update(Dt);
        sp = c.Navigator.Setpoint;
        Assert.Equal(new Vector3(At.X, At.Y, -8), sp.PositionNedM);
        Assert.Equal(Vector3.Zero, sp.VelocityFeedForwardNedMps);
    }

    [Fact]
    public void Offboard_position_with_yaw_and_velocity_with_yaw_rate_become_the_trajectory_setpoint()
    {
        FlightTaskContext c = Context();
        var task = new OffboardTask(c);
        Assert.True(task.Activate());

        c.Offboard = OffboardSetpoint.Position(0, new Vector3(3, 4, -6), 1.0);
        task.Update(Dt);
        MulticopterSetpoint sp = c.Navigator.Setpoint;
        Assert.Equal(new Vector3(3, 4, -6), sp.PositionNedM);
        Assert.Equal(Vector3.Zero, sp.VelocityFeedForwardNedMps);
        Assert.Equal(1.0, sp.YawRad);
        Assert.Equal(0, sp.YawRateRadps);

        c.Offboard = OffboardSetpoint.Velocity(0, new Vector3(1, 0, -0.5), 0.5);
        task.Update(Dt);
        sp = c.Navigator.Setpoint;
        Assert.True(double.IsNaN(sp.PositionNedM.X) && double.IsNaN(sp.PositionNedM.Y) && double.IsNaN(sp.PositionNedM.Z)); // velocity only
        Assert.Equal(new Vector3(1, 0, -0.5), sp.VelocityFeedForwardNedMps);
        Assert.Equal(1.0 + (0.5 * Dt), sp.YawRad, 12);
        Assert.Equal(0.5, sp.YawRateRadps);
    }

    [Fact]
    public void Hold_entered_at_6_mps_north_holds_at_the_braking_point_6_m_ahead()
    {
        FlightTaskContext c = Context();
        c.State = c.State with { VelocityNedMps = new Vector3(6, 0, 0) };
        var task = new HoldTask(c);
        Assert.True(task.Activate());

        // v² / (2 · MPC_ACC_HOR) = 36 / 6 = 6 m.
        Assert.Equal(AutoState.Hold, c.Navigator.State);
        Assert.Equal(new Vector3(At.X + 6, At.Y, At.Z), c.Navigator.TargetNedM);
        Assert.Equal(c.Navigator.TargetNedM, c.Navigator.Setpoint.PositionNedM);
    }

    [Fact]
    public void Takeoff_climbs_to_the_commanded_height_above_home_or_MIS_TAKEOFF_ALT_and_says_so()
    {
        FlightTaskContext c = Context();
        var task = new TakeoffTask(c);
        c.PendingTakeoffHeightM = 7;
        Assert.True(task.Activate());
        Assert.Equal(AutoState.Takeoff, c.Navigator.State);
        Assert.Equal(new Vector3(At.X, At.Y, At.Z - 7), c.Navigator.TargetNedM);
        Assert.True(double.IsNaN(c.PendingTakeoffHeightM));
        Assert.Equal("Takeoff", c.Texts.Latest.Text);

        FlightTaskContext d = Context();
        Assert.True(new TakeoffTask(d).Activate());
        Assert.Equal(At.Z - d.Parameters.TakeoffAltitudeM, d.Navigator.TargetNedM.Z, 12);
    }

    [Fact]
    public void Land_descends_over_where_the_vehicle_is()
    {
        FlightTaskContext c = Context();
        Assert.True(new LandTask(c).Activate());
        Assert.Equal(AutoState.Land, c.Navigator.State);
        Assert.Equal(At, c.Navigator.TargetNedM);
    }

    private static void Step(IFlightTask task, int updates)
    {
        for (int i = 0; i < updates; i++)
        {
            task.Update(Dt);
            task.Control(Dt);
        }
    }

    /// <summary>A task context with default parameters and the navigator armed at <see cref="At"/>, level, heading east.</summary>
    private static FlightTaskContext Context()
    {
        ParameterStore store = FlightParameterDefinitions.CreateStore();
        FlightParameters parameters = FlightParameterDefinitions.Bind(store);
        var navigator = new Navigator(parameters, MulticopterControlParameters.LandDetector(store));
        var texts = new StatusTextLog();
        var context = new FlightTaskContext(MulticopterControlParameters.CreateCascade(store), navigator, new MissionExecutor(navigator, texts), texts, parameters)
        {
            State = new MulticopterState(At, Vector3.Zero, Quaternion.FromEuler(0, 0, YawRad), Vector3.Zero),
        };
        Assert.True(navigator.Arm(context.State));
        return context;
    }
}
