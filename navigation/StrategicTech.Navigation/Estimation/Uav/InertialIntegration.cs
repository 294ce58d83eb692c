using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Navigation.Estimation.Uav;

/// <summary>Strapdown integration of one IMU interval, shared by the delayed filter and the output predictor.</summary>
public static class InertialIntegration
{
    /// <summary>Standard gravity, m/s^2 (the value PX4 uses).</summary>
    public const double GravityMps2 = 9.80665;

    /// <summary>
    /// Advances attitude, velocity and position by bias-corrected increments. Velocity uses the attitude at the
    /// middle of the interval (R_new * (dv - dTheta x dv / 2)); position integrates velocity by the trapezoid rule.
    /// Returns the earth-frame velocity increment without gravity, which the covariance prediction needs.
    /// </summary>
    public static Vector3 Step(ref Quaternion attitude, ref Vector3 velocityNedMps, ref Vector3 positionNedM,
        Vector3 deltaAngleRad, Vector3 deltaVelocityMps, double dtS, out Matrix3 rotationBodyToNed)
    {
        Quaternion next = attitude * Quaternion.FromRotationVector(deltaAngleRad);
        double n = next.Norm;
        next = new Quaternion(next.W / n, next.X / n, next.Y / n, next.Z / n);
        rotationBodyToNed = next.ToRotationMatrix();
        Vector3 dvMid = deltaVelocityMps - (0.5 * Vector3.Cross(deltaAngleRad, deltaVelocityMps));
        Vector3 dvEarth = rotationBodyToNed * dvMid;
        var vNext = new Vector3(velocityNedMps.X + dvEarth.X, velocityNedMps.Y + dvEarth.Y, velocityNedMps.Z + dvEarth.Z + (GravityMps2 * dtS));
        positionNedM += (velocityNedMps + vNext) * (0.5 * dtS);
        velocityNedMps = vNext;
        attitude = next;
        return dvEarth;
    }
}
