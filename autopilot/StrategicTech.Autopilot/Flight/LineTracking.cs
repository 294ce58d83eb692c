using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Autopilot.Flight;

/// <summary>
/// Geometry of an auto leg (the line from the previous to the current target): the vehicle's cross-track error and
/// the time stretch that slows the moving setpoint while the vehicle lags behind it (PX4's MPC_XY_ERR_MAX rule).
/// Pure functions, no allocation.
/// </summary>
public static class LineTracking
{
    /// <summary>
    /// How fast the setpoint profile may advance (0..1): 1 when the vehicle is at or ahead of the setpoint along the
    /// leg (horizontal), falling linearly with the horizontal distance to the setpoint and 0 at
    /// <paramref name="maxErrorM"/>. A leg with no horizontal extent (a climb) is never stretched.
    /// </summary>
    public static double TimeStretch(Vector3 setpointNedM, Vector3 positionNedM, Vector3 legNedM, double maxErrorM)
    {
        double errorN = setpointNedM.X - positionNedM.X, errorE = setpointNedM.Y - positionNedM.Y;
        double along = (errorN * legNedM.X) + (errorE * legNedM.Y);
        if (!(along > 0) || !(maxErrorM > 0))
        {
            return 1.0;
        }

        double errorM = Math.Sqrt((errorN * errorN) + (errorE * errorE));
        return 1.0 - Math.Clamp(errorM / maxErrorM, 0, 1);
    }

    /// <summary>
    /// The horizontal cross-track error of <paramref name="positionNedM"/> from the line through
    /// <paramref name="startNedM"/> along <paramref name="legNedM"/>: the vector from the position to its foot on the
    /// line (NED, Z = 0; zero for a leg with no horizontal extent).
    /// </summary>
    public static Vector3 CrossTrackToLine(Vector3 startNedM, Vector3 legNedM, Vector3 positionNedM)
    {
        double lengthSquared = (legNedM.X * legNedM.X) + (legNedM.Y * legNedM.Y);
        if (lengthSquared < 1e-6)
        {
            return Vector3.Zero;
        }

        double dN = positionNedM.X - startNedM.X, dE = positionNedM.Y - startNedM.Y;
        double t = ((dN * legNedM.X) + (dE * legNedM.Y)) / lengthSquared;
        return new Vector3(startNedM.X + (t * legNedM.X) - positionNedM.X, startNedM.Y + (t * legNedM.Y) - positionNedM.Y, 0);
    }
}
