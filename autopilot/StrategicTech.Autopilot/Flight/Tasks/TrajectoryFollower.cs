using StrategicTech.Autopilot.Control;
using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Autopilot.Flight.Tasks;

/// <summary>Drives the cascade to a trajectory setpoint: position where given, velocity (feed-forward only) on the axes whose position is NaN.</summary>
internal static class TrajectoryFollower
{
    public static void Follow(MulticopterCascade cascade, in MulticopterSetpoint sp, in MulticopterState state, double dtS)
    {
        if (sp.PositionNedM.IsFinite)
        {
            cascade.UpdatePosition(sp, state, dtS);
            return;
        }

        PositionControllerParameters gains = cascade.Position.Parameters;
        Vector3 p = sp.PositionNedM;
        Vector3 ff = sp.VelocityFeedForwardNedMps.IsFinite ? sp.VelocityFeedForwardNedMps : Vector3.Zero;
        bool xy = double.IsFinite(p.X) && double.IsFinite(p.Y);
        var velocity = new Vector3(
            xy ? ((p.X - state.PositionNedM.X) * gains.HorizontalGainPerS) + ff.X : ff.X,
            xy ? ((p.Y - state.PositionNedM.Y) * gains.HorizontalGainPerS) + ff.Y : ff.Y,
            double.IsFinite(p.Z) ? ((p.Z - state.PositionNedM.Z) * gains.VerticalGainPerS) + ff.Z : ff.Z);
        velocity = VectorLimits.LimitHorizontal(velocity, gains.MaxHorizontalSpeedMps);
        velocity = VectorLimits.LimitVertical(velocity, gains.MaxUpSpeedMps, gains.MaxDownSpeedMps);
        cascade.UpdateVelocity(velocity, sp.AccelerationFeedForwardNedMps2, sp.YawRad, sp.YawRateRadps, state, dtS);
    }
}
