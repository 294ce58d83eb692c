using StrategicTech.Autopilot.Control;
using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Autopilot.Flight.Tasks;

/// <summary>Position: sticks → horizontal velocity in the heading frame, climb rate and yaw rate; centred → brake, then hold.</summary>
internal sealed class PositionTask(FlightTaskContext context) : ExternalFlightTask(context)
{
    private const double BrakeLockSpeedMps = 0.3;

    public override void Update(double dtS) => Context.Navigator.SetExternalSetpoint(Trajectory(dtS));

    private MulticopterSetpoint Trajectory(double dtS)
    {
        ManualInput manual = Context.Manual;
        FlightParameters parameters = Context.Parameters;
        MulticopterState state = Context.State;
        double forward = Deadzone(manual.Pitch);
        double right = Deadzone(manual.Roll);
        double yawRate = Deadzone(manual.Yaw) * parameters.ManualYawRateMaxRadps;
        YawSetpointRad = Wrap(YawSetpointRad + (yawRate * dtS));
        double c = Math.Cos(YawSetpointRad), s = Math.Sin(YawSetpointRad);
        double speed = parameters.ManualSpeedMps;
        double north = double.NaN, east = double.NaN, vn = 0, ve = 0;
        if (forward != 0 || right != 0)
        {
            HorizontalLocked = false;
            vn = ((forward * c) - (right * s)) * speed;
            ve = ((forward * s) + (right * c)) * speed;
        }
        else
        {
            if (!HorizontalLocked && VectorLimits.HorizontalLength(state.VelocityNedMps) < BrakeLockSpeedMps)
            {
                HorizontalLocked = true;
                LockNedM = new Vector3(state.PositionNedM.X, state.PositionNedM.Y, LockNedM.Z);
            }

            if (HorizontalLocked)
            {
                north = LockNedM.X;
                east = LockNedM.Y;
            }
        }

        double throttle = Deadzone((manual.Throttle * 2) - 1);
        double down = double.NaN, vd = 0;
        if (throttle != 0)
        {
            VerticalLocked = false;
            vd = throttle > 0 ? -throttle * parameters.MaxClimbSpeedMps : -throttle * parameters.MaxDescentSpeedMps;
        }
        else
        {
            if (!VerticalLocked)
            {
                VerticalLocked = true;
                LockNedM = new Vector3(LockNedM.X, LockNedM.Y, state.PositionNedM.Z);
            }

            down = LockNedM.Z;
        }

        return new MulticopterSetpoint(new Vector3(north, east, down), new Vector3(vn, ve, vd), default, YawSetpointRad, yawRate);
    }
}
