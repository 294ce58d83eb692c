namespace StrategicTech.Navigation.Geodesy;

/// <summary>
/// Degree-based angle helpers for the geodesic solver. Reducing in degrees keeps exact values exact (180° stays
/// 180°, sin 30° is 1/2), which the antipodal and meridional branches rely on.
/// </summary>
internal static class AngleMath
{
    public const double DegPerRad = 180.0 / Math.PI;
    public const double RadPerDeg = Math.PI / 180.0;

    /// <summary>Rounds tiny values so that |x| &lt; 1/16 keeps only a multiple of 2⁻⁵⁷-ish resolution; avoids underflow noise.</summary>
    public static double Round(double x)
    {
        const double z = 1.0 / 16;
        double y = Math.Abs(x);
        y = y < z ? z - (z - y) : y;
        return Math.CopySign(y, x);
    }

    /// <summary>Reduces to [−180°, 180°].</summary>
    public static double Normalize(double xDeg)
    {
        double y = Math.IEEERemainder(xDeg, 360);
        return Math.Abs(y) == 180 ? Math.CopySign(180, xDeg) : y;
    }

    /// <summary>y − x reduced to [−180°, 180°], with the rounding error of the subtraction in <paramref name="errorDeg"/>.</summary>
    public static double Difference(double xDeg, double yDeg, out double errorDeg)
    {
        double d = TwoSum(Math.IEEERemainder(-xDeg, 360), Math.IEEERemainder(yDeg, 360), out double t);
        d = TwoSum(Math.IEEERemainder(d, 360), t, out errorDeg);
        if (d == 0 || Math.Abs(d) == 180)
        {
            d = Math.CopySign(d, errorDeg == 0 ? yDeg - xDeg : -errorDeg);
        }

        return d;
    }

    /// <summary>sin and cos of an angle in degrees, reduced to an octant first so that multiples of 90° are exact.</summary>
    public static void SinCosDeg(double xDeg, out double sin, out double cos)
    {
        double r = Math.IEEERemainder(xDeg, 360);
        double q = Math.Round(r / 90);
        int quadrant = (int)q & 3;
        r = (r - (90 * q)) * RadPerDeg;
        double s = Math.Sin(r), c = Math.Cos(r);
        (sin, cos) = quadrant switch
        {
            0 => (s, c),
            1 => (c, -s),
            2 => (-s, -c),
            _ => (-c, s),
        };
        cos += 0.0;
        if (sin == 0)
        {
            sin = Math.CopySign(sin, xDeg);
        }
    }

    /// <summary>atan2 in degrees, exact for the axis directions.</summary>
    public static double Atan2Deg(double y, double x)
    {
        int q = 0;
        if (Math.Abs(y) > Math.Abs(x))
        {
            (x, y) = (y, x);
            q = 2;
        }

        if (double.IsNegative(x))
        {
            x = -x;
            q++;
        }

        double angle = Math.Atan2(y, x) * DegPerRad;
        return q switch
        {
            1 => Math.CopySign(180, y) - angle,
            2 => 90 - angle,
            3 => -90 + angle,
            _ => angle,
        };
    }

    /// <summary>Scales (s, c) to unit length.</summary>
    public static void Normalize(ref double s, ref double c)
    {
        double h = Math.Sqrt((s * s) + (c * c));
        s /= h;
        c /= h;
    }

    /// <summary>Error-free sum: returns u + v rounded and the rounding error in <paramref name="error"/>.</summary>
    public static double TwoSum(double u, double v, out double error)
    {
        double s = u + v;
        double up = s - v, vpp = s - up;
        up -= u;
        vpp -= v;
        error = s != 0 ? 0.0 - (up + vpp) : s;
        return s;
    }
}
