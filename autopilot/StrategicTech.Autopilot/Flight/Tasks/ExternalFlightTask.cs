using StrategicTech.Autopilot.Control;
using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Autopilot.Flight.Tasks;

/// <summary>
/// Base of the tasks whose setpoint comes from outside the auto-flight generator (the pilot's sticks or an offboard
/// stream): entering starts from where the vehicle is (its heading, its position as the lock point), and the stick
/// shaping (deadzone, tilt, yaw rate) is shared.
/// </summary>
internal abstract class ExternalFlightTask : IFlightTask
{
    protected ExternalFlightTask(FlightTaskContext context) => Context = context;

    protected FlightTaskContext Context { get; }

    /// <summary>Heading setpoint (rad), integrated from the yaw stick or taken from the offboard stream.</summary>
    protected double YawSetpointRad { get; set; }

    /// <summary>Where a centred stick holds (NED, m); each axis taken when its lock engages.</summary>
    protected Vector3 LockNedM { get; set; }

    protected bool HorizontalLocked { get; set; }

    protected bool VerticalLocked { get; set; }

    public bool Activate()
    {
        MulticopterState state = Context.State;
        Context.Navigator.EnterExternal();
        YawSetpointRad = state.AttitudeNed.ToEuler().Z;
        LockNedM = state.PositionNedM;
        HorizontalLocked = false;
        VerticalLocked = false;
        return true;
    }

    public abstract void Update(double dtS);

    public virtual void Control(double dtS) =>
        TrajectoryFollower.Follow(Context.Cascade, Context.Navigator.Setpoint, Context.State, dtS);

    public void Deactivate()
    {
    }

    protected void SetTiltAndThrust(double collective)
    {
        (double roll, double pitch) = StickTilt();
        Quaternion q = Quaternion.FromEuler(roll, pitch, YawSetpointRad);
        Vector3 thrustNed = q.Rotate(new Vector3(0, 0, -collective));
        double yawRate = Deadzone(Context.Manual.Yaw) * Context.Parameters.ManualYawRateMaxRadps;
        Context.Cascade.SetAttitudeSetpoint(new ThrustAttitudeSetpoint(q, collective, thrustNed), yawRate);
    }

    protected (double RollRad, double PitchRad) StickTilt()
    {
        ManualInput manual = Context.Manual;
        FlightParameters parameters = Context.Parameters;
        return (manual.Roll * parameters.ManualTiltMaxRad, -manual.Pitch * parameters.ManualTiltMaxRad);
    }

    protected double Deadzone(double stick)
    {
        double dz = Context.Parameters.StickDeadzone;
        double a = Math.Abs(stick);
        return a <= dz ? 0 : Math.Sign(stick) * (a - dz) / (1 - dz);
    }

    protected static double Wrap(double angleRad) => Math.IEEERemainder(angleRad, 2 * Math.PI);
}
