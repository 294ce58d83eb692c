using StrategicTech.Autopilot.Control.Allocation;
using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Autopilot.Control;

/// <summary>
/// The full multirotor cascade wired together: position → velocity → acceleration → thrust and attitude → body
/// rates → torque → motors. Each stage can be run at its own rate (<see cref="UpdatePosition"/> at e.g. 50 Hz,
/// <see cref="UpdateAttitude"/> and <see cref="UpdateRate"/> at the rate-loop rate); the setpoints in between are held.
/// Modes that bypass outer loops (stabilised, acro) call the inner stages directly.
/// </summary>
public sealed class MulticopterCascade
{
    private SaturationStatus _saturation;

    public MulticopterCascade(
        PositionControllerParameters position,
        VelocityControllerParameters velocity,
        ThrustAttitudeParameters thrustAttitude,
        AttitudeControllerParameters attitude,
        RateControllerParameters rate,
        MultirotorGeometry geometry,
        double yawCollectiveShiftLimit = 0.15,
        ThrustCurve? thrustCurve = null)
    {
        Position = new PositionController(position);
        Velocity = new VelocityController(velocity);
        ThrustAttitude = new ThrustAttitudeMapper(thrustAttitude);
        Attitude = new AttitudeController(attitude);
        Rate = new RateController(rate);
        Allocator = new ControlAllocator(geometry, yawCollectiveShiftLimit);
        ThrustCurve = thrustCurve ?? ThrustCurve.Linear;
        ThrustAttitudeSetpoint = new ThrustAttitudeSetpoint(Quaternion.Identity, 0, Vector3.Zero);
    }

    public PositionController Position { get; }

    public VelocityController Velocity { get; }

    public ThrustAttitudeMapper ThrustAttitude { get; }

    public AttitudeController Attitude { get; }

    public RateController Rate { get; }

    public ControlAllocator Allocator { get; }

    /// <summary>Maps the allocator's thrust fractions to motor commands (identity for a linear thrust model).</summary>
    public ThrustCurve ThrustCurve { get; }

    public Vector3 VelocitySetpointNedMps { get; private set; }

    public Vector3 AccelerationSetpointNedMps2 { get; private set; }

    public ThrustAttitudeSetpoint ThrustAttitudeSetpoint { get; private set; }

    public double YawRateFeedForwardRadps { get; private set; }

    public Vector3 RateSetpointRadps { get; private set; }

    public Vector3 TorqueDemand { get; private set; }

    public SaturationStatus Saturation => _saturation;

    /// <summary>Clears every integrator and filter (arming, mode entry).</summary>
    public void Reset()
    {
        Velocity.Reset();
        Rate.Reset();
        _saturation = SaturationStatus.None;
    }

    /// <summary>Outer loops: position and velocity → attitude and collective thrust setpoint.</summary>
    public ThrustAttitudeSetpoint UpdatePosition(in MulticopterSetpoint setpoint, in MulticopterState state, double dtS)
    {
        Vector3 velocitySetpoint = Position.Update(setpoint.PositionNedM, state.PositionNedM, setpoint.VelocityFeedForwardNedMps);
        return UpdateVelocity(velocitySetpoint, setpoint.AccelerationFeedForwardNedMps2, setpoint.YawRad, setpoint.YawRateRadps, state, dtS);
    }

    /// <summary>Velocity loop only (e.g. offboard velocity setpoints) → attitude and collective thrust setpoint.</summary>
    public ThrustAttitudeSetpoint UpdateVelocity(
        Vector3 velocitySetpointNedMps,
        Vector3 accelerationFeedForwardNedMps2,
        double yawRad,
        double yawRateRadps,
        in MulticopterState state,
        double dtS)
    {
        VelocitySetpointNedMps = velocitySetpointNedMps;
        AccelerationSetpointNedMps2 = Velocity.Update(velocitySetpointNedMps, state.VelocityNedMps, accelerationFeedForwardNedMps2, dtS);
        YawRateFeedForwardRadps = yawRateRadps;
        ThrustAttitudeSetpoint = ThrustAttitude.Compute(AccelerationSetpointNedMps2, yawRad);
        return ThrustAttitudeSetpoint;
    }

    /// <summary>Overrides the attitude/thrust setpoint (stabilised and altitude modes, offboard attitude).</summary>
    public void SetAttitudeSetpoint(ThrustAttitudeSetpoint value, double yawRateFeedForwardRadps = 0)
    {
        ThrustAttitudeSetpoint = value;
        YawRateFeedForwardRadps = yawRateFeedForwardRadps;
    }

    /// <summary>Attitude loop → body-rate setpoint.</summary>
    public Vector3 UpdateAttitude(Quaternion attitudeNed)
    {
        RateSetpointRadps = Attitude.Update(attitudeNed, ThrustAttitudeSetpoint.AttitudeNed, YawRateFeedForwardRadps);
        return RateSetpointRadps;
    }

    /// <summary>Rate loop and allocation with the held rate and thrust setpoints → motor commands in [0, 1].</summary>
    public SaturationStatus UpdateRate(Vector3 bodyRateRadps, double dtS, Span<double> motors) =>
        UpdateRate(RateSetpointRadps, ThrustAttitudeSetpoint.CollectiveThrust, bodyRateRadps, dtS, motors);

    /// <summary>
    /// Rate loop and allocation with explicit setpoints (acro mode) → motor commands in [0, 1], after the thrust curve.
    /// </summary>
    public SaturationStatus UpdateRate(Vector3 rateSetpointRadps, double collectiveThrust, Vector3 bodyRateRadps, double dtS, Span<double> motors)
    {
        RateSetpointRadps = rateSetpointRadps;
        TorqueDemand = Rate.Update(rateSetpointRadps, bodyRateRadps, dtS, _saturation);
        _saturation = Allocator.Allocate(TorqueDemand, collectiveThrust, motors);
        ThrustCurve.ToCommands(motors[..Allocator.MotorCount]);
        return _saturation;
    }

    /// <summary>Every stage in one call, all at the same step (tests and benchmarks; a scheduler calls the stages at their own rates).</summary>
    public SaturationStatus Update(in MulticopterSetpoint setpoint, in MulticopterState state, double dtS, Span<double> motors)
    {
        UpdatePosition(setpoint, state, dtS);
        UpdateAttitude(state.AttitudeNed);
        return UpdateRate(state.BodyRateRadps, dtS, motors);
    }
}
