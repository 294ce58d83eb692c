using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Autopilot.Flight.Geofence;

/// <summary>
/// Where a vehicle moving at a velocity comes to rest when it brakes at a constant deceleration (PX4's GF_PREDICT
/// idea): horizontally v²/(2a) along the horizontal velocity, vertically w²/(2a) along the vertical velocity, each
/// lengthened by <c>marginM</c> in its direction of motion so a hold entered at the projected point stays short of
/// the boundary. Pure arithmetic, no allocation.
/// </summary>
public static class BrakingProjection
{
    /// <summary>Below this speed (m/s) an axis is treated as at rest: no direction, no margin.</summary>
    public const double RestSpeedMps = 0.1;

    public static double StoppingDistanceM(double speedMps, double decelerationMps2) =>
        speedMps * speedMps / (2 * decelerationMps2);

    /// <summary>The stop point of <paramref name="positionNedM"/> moving at <paramref name="velocityNedMps"/>, plus the margin along each moving axis.</summary>
    public static Vector3 StopPointNedM(Vector3 positionNedM, Vector3 velocityNedMps, double decelerationMps2, double marginM)
    {
        double horizontalMps = Math.Sqrt((velocityNedMps.X * velocityNedMps.X) + (velocityNedMps.Y * velocityNedMps.Y));
        double north = positionNedM.X, east = positionNedM.Y, down = positionNedM.Z;
        if (horizontalMps > RestSpeedMps)
        {
            double reachM = StoppingDistanceM(horizontalMps, decelerationMps2) + marginM;
            north += velocityNedMps.X / horizontalMps * reachM;
            east += velocityNedMps.Y / horizontalMps * reachM;
        }

        double verticalMps = Math.Abs(velocityNedMps.Z);
        if (verticalMps > RestSpeedMps)
        {
            down += Math.Sign(velocityNedMps.Z) * (StoppingDistanceM(verticalMps, decelerationMps2) + marginM);
        }

        return new Vector3(north, east, down);
    }
}
