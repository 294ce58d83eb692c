using StrategicTech.Autopilot.Control;
using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Autopilot.Flight.Tasks;

/// <summary>Offboard: maps the streamed SET_POSITION_TARGET (position and/or velocity, yaw or yaw rate) to the trajectory setpoint.</summary>
internal sealed class OffboardTask(FlightTaskContext context) : ExternalFlightTask(context)
{
    public override void Update(double dtS) => Context.Navigator.SetExternalSetpoint(Trajectory(dtS));

    private MulticopterSetpoint Trajectory(double dtS)
    {
        OffboardSetpoint o = Context.Offboard;
        if (o.UsesYaw && double.IsFinite(o.YawRad))
        {
            YawSetpointRad = o.YawRad;
        }

        double yawRate = o.UsesYawRate && double.IsFinite(o.YawRateRadps) ? o.YawRateRadps : 0;
        YawSetpointRad = Wrap(YawSetpointRad + (yawRate * dtS));
        Vector3 nan = new(double.NaN, double.NaN, double.NaN);
        return new MulticopterSetpoint(
            o.UsesPosition ? o.PositionNedM : nan,
            o.UsesVelocity ? o.VelocityNedMps : Vector3.Zero,
            default,
            YawSetpointRad,
            yawRate);
    }
}
