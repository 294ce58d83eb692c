using StrategicTech.Autopilot.Control;
using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Autopilot.Flight.Tasks;

/// <summary>Altitude: sticks tilt as in Stabilized; the vertical velocity loop holds altitude (throttle → climb rate).</summary>
internal sealed class AltitudeTask(FlightTaskContext context) : ExternalFlightTask(context)
{
    public override void Update(double dtS) =>
        YawSetpointRad = Wrap(YawSetpointRad + (Deadzone(Context.Manual.Yaw) * Context.Parameters.ManualYawRateMaxRadps * dtS));

    public override void Control(double dtS)
    {
        MulticopterCascade cascade = Context.Cascade;
        MulticopterState state = Context.State;
        double vz = VerticalVelocitySetpoint();
        Vector3 v = state.VelocityNedMps;
        cascade.UpdateVelocity(new Vector3(v.X, v.Y, vz), Vector3.Zero, YawSetpointRad, 0, state, dtS);
        double up = -cascade.ThrustAttitudeSetpoint.ThrustNed.Z;
        (double roll, double pitch) = StickTilt();
        double collective = up / Math.Max(0.5, Math.Cos(roll) * Math.Cos(pitch));
        SetTiltAndThrust(Math.Min(collective, cascade.ThrustAttitude.Parameters.MaxThrust));
    }

    /// <summary>Throttle stick → climb rate; centred → hold the altitude locked when the stick came back (NED down m/s).</summary>
    private double VerticalVelocitySetpoint()
    {
        FlightParameters parameters = Context.Parameters;
        MulticopterState state = Context.State;
        double stick = Deadzone((Context.Manual.Throttle * 2) - 1);
        if (stick != 0)
        {
            VerticalLocked = false;
            return stick > 0 ? -stick * parameters.MaxClimbSpeedMps : -stick * parameters.MaxDescentSpeedMps;
        }

        if (!VerticalLocked)
        {
            VerticalLocked = true;
            LockNedM = new Vector3(LockNedM.X, LockNedM.Y, state.PositionNedM.Z);
        }

        double vz = (LockNedM.Z - state.PositionNedM.Z) * Context.Cascade.Position.Parameters.VerticalGainPerS;
        return Math.Clamp(vz, -parameters.MaxClimbSpeedMps, parameters.MaxDescentSpeedMps);
    }
}
