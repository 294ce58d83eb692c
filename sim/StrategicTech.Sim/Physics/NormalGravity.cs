using StrategicTech.Navigation.Geodesy;

namespace StrategicTech.Sim.Physics;

/// <summary>
/// WGS84 normal gravity: Somigliana's closed formula on the ellipsoid plus the second-order free-air correction with
/// height (NIMA TR8350.2, §4.2, eq. 4-1 and 4-3). Magnitude only; in the local frame it points down (+D).
/// </summary>
public static class NormalGravity
{
    /// <summary>Normal gravity at the equator γe (m/s²).</summary>
    public const double EquatorMps2 = 9.7803253359;

    /// <summary>Somigliana's constant k = (b·γp)/(a·γe) − 1.</summary>
    public const double SomiglianaK = 0.00193185265241;

    /// <summary>m = ω²a²b/GM.</summary>
    private const double MRatio = 0.00344978650684;

    public static double AtEllipsoidMps2(double latitudeRad)
    {
        double s2 = Math.Sin(latitudeRad);
        s2 *= s2;
        return EquatorMps2 * (1 + (SomiglianaK * s2)) / Math.Sqrt(1 - (Wgs84.EccentricitySquared * s2));
    }

    public static double AtMps2(double latitudeRad, double heightM)
    {
        double s2 = Math.Sin(latitudeRad);
        s2 *= s2;
        const double a = Wgs84.SemiMajorAxisM, f = Wgs84.Flattening;
        double factor = 1 - ((2 / a) * (1 + f + MRatio - (2 * f * s2)) * heightM) + (3 * heightM * heightM / (a * a));
        return AtEllipsoidMps2(latitudeRad) * factor;
    }
}
