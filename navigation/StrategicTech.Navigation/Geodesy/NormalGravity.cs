using System.Globalization;

namespace StrategicTech.Navigation.Geodesy;

/// <summary>
/// WGS84 normal gravity: Somigliana's closed formula on the ellipsoid and the second-order height correction,
/// both from NIMA TR8350.2 (3rd ed., 2000), eqs. 4-1 and 4-3. Valid near the Earth's surface (|h| ≲ 20 km is the
/// range TR8350.2 states for the Taylor expansion; beyond that the error grows slowly).
/// </summary>
public static class NormalGravity
{
    /// <summary>Normal gravity at the equator γe (m/s²).</summary>
    public const double EquatorMps2 = 9.7803253359;

    /// <summary>Normal gravity at the poles γp (m/s²).</summary>
    public const double PoleMps2 = 9.8321849378;

    /// <summary>Somigliana's constant k = (b γp)/(a γe) − 1.</summary>
    public const double SomiglianaK = 0.00193185265241;

    /// <summary>m = ω² a² b / GM.</summary>
    public const double M = 0.00344978650684;

    /// <summary>Magnitude of normal gravity on the ellipsoid surface at geodetic latitude φ (m/s²).</summary>
    public static double OnEllipsoidMps2(double latitudeRad)
    {
        if (!double.IsFinite(latitudeRad) || Math.Abs(latitudeRad) > Math.PI / 2)
        {
            ThrowLatitude(latitudeRad);
        }

        double s2 = Math.Sin(latitudeRad);
        s2 *= s2;
        return EquatorMps2 * (1 + (SomiglianaK * s2)) / Math.Sqrt(1 - (Wgs84.EccentricitySquared * s2));
    }

    /// <summary>Magnitude of normal gravity at geodetic latitude φ and ellipsoidal height h (m/s²), TR8350.2 eq. 4-3.</summary>
    public static double AtMps2(double latitudeRad, double heightM)
    {
        if (!double.IsFinite(heightM))
        {
            throw new ArgumentOutOfRangeException(nameof(heightM), heightM, "height must be finite");
        }

        double gamma = OnEllipsoidMps2(latitudeRad);
        double s2 = Math.Sin(latitudeRad);
        s2 *= s2;
        const double a = Wgs84.SemiMajorAxisM, f = Wgs84.Flattening;
        double correction = 1 - ((2 / a) * (1 + f + M - (2 * f * s2)) * heightM) + (3 * heightM * heightM / (a * a));
        return gamma * correction;
    }

    /// <summary>Normal gravity at a position (m/s²).</summary>
    public static double AtMps2(GeodeticPosition position) => AtMps2(position.LatitudeRad, position.HeightM);

    private static void ThrowLatitude(double latitudeRad) =>
        throw new ArgumentOutOfRangeException(nameof(latitudeRad), latitudeRad,
            string.Create(CultureInfo.InvariantCulture, $"latitude must be finite and within ±π/2 rad (±90°), got {latitudeRad} rad"));
}
