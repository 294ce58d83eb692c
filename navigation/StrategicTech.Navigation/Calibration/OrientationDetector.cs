using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Navigation.Calibration;

/// <summary>
/// Which of the six calibration sides the vehicle rests on, from the mean specific force: the axis that carries
/// gravity within <paramref name="toleranceMps2"/> of g while the other two read within the same tolerance of zero.
/// The stillness check is the caller's (the standard deviation of the window), because a moving vehicle can average
/// to a clean vector.
/// </summary>
public static class OrientationDetector
{
    public const double StandardGravityMps2 = 9.80665;

    /// <summary>Default tolerance: PX4 accepts about 30 % of g; uncalibrated offsets are well inside that.</summary>
    public const double DefaultToleranceMps2 = 0.3 * StandardGravityMps2;

    public const int SideCount = 6;

    public static AccelOrientation Detect(Vector3 meanSpecificForceMps2, double toleranceMps2 = DefaultToleranceMps2)
    {
        const double g = StandardGravityMps2;
        double x = meanSpecificForceMps2.X, y = meanSpecificForceMps2.Y, z = meanSpecificForceMps2.Z;
        bool xZero = Math.Abs(x) < toleranceMps2, yZero = Math.Abs(y) < toleranceMps2, zZero = Math.Abs(z) < toleranceMps2;
        if (yZero && zZero)
        {
            if (Math.Abs(x - g) < toleranceMps2)
            {
                return AccelOrientation.TailDown;
            }

            if (Math.Abs(x + g) < toleranceMps2)
            {
                return AccelOrientation.NoseDown;
            }
        }

        if (xZero && zZero)
        {
            if (Math.Abs(y - g) < toleranceMps2)
            {
                return AccelOrientation.Left;
            }

            if (Math.Abs(y + g) < toleranceMps2)
            {
                return AccelOrientation.Right;
            }
        }

        if (xZero && yZero)
        {
            if (Math.Abs(z - g) < toleranceMps2)
            {
                return AccelOrientation.UpsideDown;
            }

            if (Math.Abs(z + g) < toleranceMps2)
            {
                return AccelOrientation.RightSideUp;
            }
        }

        return AccelOrientation.None;
    }

    /// <summary>The side's name in PX4's calibration messages (what QGroundControl parses).</summary>
    public static string Name(AccelOrientation side) => side switch
    {
        AccelOrientation.TailDown => "back",
        AccelOrientation.NoseDown => "front",
        AccelOrientation.Left => "left",
        AccelOrientation.Right => "right",
        AccelOrientation.UpsideDown => "up",
        AccelOrientation.RightSideUp => "down",
        _ => "none",
    };

    /// <summary>The ideal specific force (m/s², body FRD) on a side: what a perfect accelerometer reads.</summary>
    public static Vector3 IdealSpecificForce(AccelOrientation side) => side switch
    {
        AccelOrientation.TailDown => new(StandardGravityMps2, 0, 0),
        AccelOrientation.NoseDown => new(-StandardGravityMps2, 0, 0),
        AccelOrientation.Left => new(0, StandardGravityMps2, 0),
        AccelOrientation.Right => new(0, -StandardGravityMps2, 0),
        AccelOrientation.UpsideDown => new(0, 0, StandardGravityMps2),
        AccelOrientation.RightSideUp => new(0, 0, -StandardGravityMps2),
        _ => throw new ArgumentOutOfRangeException(nameof(side), side, "not a calibration side"),
    };
}
