using System.Globalization;
using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Navigation.Geodesy;

/// <summary>
/// Exact conversions between WGS84 geodetic coordinates and Earth-centred Earth-fixed (ECEF) metres. Both directions
/// are computed in double-double arithmetic (<see cref="DoubleDouble"/>, sines and cosines to about 1e-20 from
/// <see cref="DoubleDoubleTrig"/>) and rounded to double once, so each result is within a hair of half an ulp of the
/// true value: ECEF coordinates within 4.7e-10 m, latitude and longitude within about half an ulp of the angle.
/// A round trip geodetic → ECEF → geodetic therefore moves the height by at most the rounding of the three ECEF
/// coordinates (≤ √3 · 4.7e-10 m).
/// </summary>
public static class Ecef
{
    private const double A = Wgs84.SemiMajorAxisM;
    private const double E2 = Wgs84.EccentricitySquared;

    // 1 − e², exact as a double-double (e² is the double the ellipsoid is defined by here).
    private static readonly DoubleDouble OneMinusE2 = DoubleDouble.TwoSum(1, -E2);

    /// <summary>Geodetic → ECEF (closed form), each coordinate correctly rounded to within a hair.</summary>
    public static Vector3 FromGeodetic(GeodeticPosition position)
    {
        FromGeodetic(position, out DoubleDouble x, out DoubleDouble y, out DoubleDouble z);
        return new(x.Hi, y.Hi, z.Hi);
    }

    /// <summary>Geodetic → ECEF in double-double (error below 1e-13 m), for callers that keep the extra digits.</summary>
    public static void FromGeodetic(GeodeticPosition position, out DoubleDouble xM, out DoubleDouble yM, out DoubleDouble zM)
    {
        DoubleDoubleTrig.SinCos(position.LatitudeRad, out DoubleDouble sinLat, out DoubleDouble cosLat);
        DoubleDoubleTrig.SinCos(position.LongitudeRad, out DoubleDouble sinLon, out DoubleDouble cosLon);
        DoubleDouble n = PrimeVerticalRadius(sinLat);
        double h = position.HeightM;
        DoubleDouble horizontal = (n + h) * cosLat;
        xM = horizontal * cosLon;
        yM = horizontal * sinLon;
        zM = ((n * OneMinusE2) + h) * sinLat;
    }

    /// <summary>
    /// ECEF → geodetic. Bowring's closed form in double (about 1e-10 rad or better near the ellipsoid), then in
    /// double-double one Newton step on latitude (quadratic: to about 1e-20 rad) and on longitude, and the height h = p·cos φ + z·sin φ − a·√(1 − e² sin²φ), which is insensitive to a latitude
    /// error to first order.
    /// </summary>
    public static GeodeticPosition ToGeodetic(Vector3 ecefM)
    {
        if (!ecefM.IsFinite)
        {
            throw new ArgumentOutOfRangeException(nameof(ecefM), ecefM, "ECEF position must be finite");
        }

        return ToGeodetic(ecefM.X, ecefM.Y, ecefM.Z);
    }

    /// <summary>ECEF → geodetic from double-double coordinates (m), as <see cref="LocalNedFrame"/> produces them.</summary>
    public static GeodeticPosition ToGeodetic(DoubleDouble xM, DoubleDouble yM, DoubleDouble zM)
    {
        if (!double.IsFinite(xM.Hi + yM.Hi + zM.Hi))
        {
            throw new ArgumentOutOfRangeException(nameof(xM), string.Create(CultureInfo.InvariantCulture,
                $"ECEF position must be finite, got ({xM.Hi}, {yM.Hi}, {zM.Hi}) m"));
        }

        DoubleDouble p = DoubleDouble.Hypot(xM, yM);
        double lon = Longitude(xM, yM, p);
        double lat0 = BowringLatitude(p.Hi, zM.Hi);

        // Newton step on g(φ) = z cos φ − p sin φ + N e² sin φ cos φ, zero where the ellipsoid normal meets the point.
        DoubleDoubleTrig.SinCos(lat0, out DoubleDouble s, out DoubleDouble c);
        DoubleDouble n = PrimeVerticalRadius(s);
        DoubleDouble g = (zM * c) - (p * s) + (n * E2 * s * c);
        double sh = s.Hi, ch = c.Hi, nh = n.Hi;
        double w = 1 - (E2 * sh * sh);
        double slope = -(zM.Hi * sh) - (p.Hi * ch) + (E2 * nh * ((ch * ch) - (sh * sh))) + (E2 * E2 * nh * sh * sh * ch * ch / w);
        // A refinement, never a jump: deep inside the Earth (where the geodetic solution degenerates) keep Bowring's.
        double dLat = -g.Hi / slope;
        dLat = Math.Abs(dLat) < 1e-6 ? dLat : 0;

        // sin and cos of φ0 + δ to second order (|δ| ≤ 1e-10, so the δ³ terms are below 1e-30).
        double halfD2 = 0.5 * dLat * dLat;
        DoubleDouble sinLat = s + ((c.Hi * dLat) - (s.Hi * halfD2));
        DoubleDouble cosLat = c - ((s.Hi * dLat) + (c.Hi * halfD2));
        DoubleDouble root = DoubleDouble.Sqrt(1 - (sinLat * sinLat * E2));
        DoubleDouble h = (p * cosLat) + (zM * sinLat) - (root * A);
        double lat = lat0 + dLat;
        return new(Math.Clamp(lat, -Math.PI / 2, Math.PI / 2), lon, h.Hi);
    }

    /// <summary>Prime-vertical radius of curvature N(φ) = a / √(1 − e² sin²φ) (m).</summary>
    public static double PrimeVerticalRadiusM(double sinLatitude) =>
        Wgs84.SemiMajorAxisM / Math.Sqrt(1 - (Wgs84.EccentricitySquared * sinLatitude * sinLatitude));

    /// <summary>Rotation that takes ECEF vectors into the local North-East-Down frame at a latitude/longitude.</summary>
    public static Matrix3 EcefToNedRotation(double latitudeRad, double longitudeRad)
    {
        double sLat = Math.Sin(latitudeRad), cLat = Math.Cos(latitudeRad);
        double sLon = Math.Sin(longitudeRad), cLon = Math.Cos(longitudeRad);
        return new(
            -sLat * cLon, -sLat * sLon, cLat,
            -sLon, cLon, 0,
            -cLat * cLon, -cLat * sLon, -sLat);
    }

    /// <summary>N = a·w^(−1/2), w = 1 − e² sin²φ: the double reciprocal root plus one Newton step in double-double.</summary>
    private static DoubleDouble PrimeVerticalRadius(DoubleDouble sinLat)
    {
        DoubleDouble w = 1 - (sinLat * sinLat * E2);
        double r0 = 1 / Math.Sqrt(w.Hi);
        DoubleDouble residual = 1 - (w * DoubleDouble.TwoProduct(r0, r0));
        return (DoubleDouble.TwoProduct(r0, 1) + (0.5 * r0 * residual.Hi)) * A;
    }

    /// <summary>atan2 in double, then one Newton step δ = (y cos λ − x sin λ) / p in double-double.</summary>
    private static double Longitude(DoubleDouble x, DoubleDouble y, DoubleDouble p)
    {
        double lon0 = Math.Atan2(y.Hi, x.Hi);
        if (!(p.Hi > 0))
        {
            return lon0;
        }

        DoubleDoubleTrig.SinCos(lon0, out DoubleDouble s, out DoubleDouble c);
        double dLon = ((y * c) - (x * s)).Hi / p.Hi;
        return Math.Abs(dLon) < 1e-9 ? lon0 + dLon : lon0;
    }

    /// <summary>Bowring's closed form (one step of his iteration from the parametric latitude), good to about 1e-10 rad.</summary>
    private static double BowringLatitude(double p, double z)
    {
        const double a = Wgs84.SemiMajorAxisM, b = Wgs84.SemiMinorAxisM;
        const double ep2 = Wgs84.SecondEccentricitySquared;
        double za = z * a, pb = p * b;
        double hypot = Math.Sqrt((za * za) + (pb * pb));
        if (!(hypot > 0))
        {
            return 0;
        }

        double sb = za / hypot, cb = pb / hypot;
        return Math.Atan2(z + (ep2 * b * sb * sb * sb), p - (E2 * a * cb * cb * cb));
    }
}
