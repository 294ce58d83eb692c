using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Navigation.Geodesy;

/// <summary>Exact conversions between WGS84 geodetic coordinates and Earth-centred Earth-fixed (ECEF) metres.</summary>
public static class Ecef
{
    /// <summary>Geodetic → ECEF (closed form).</summary>
    public static Vector3 FromGeodetic(GeodeticPosition position)
    {
        double sinLat = Math.Sin(position.LatitudeRad), cosLat = Math.Cos(position.LatitudeRad);
        double sinLon = Math.Sin(position.LongitudeRad), cosLon = Math.Cos(position.LongitudeRad);
        double n = PrimeVerticalRadiusM(sinLat);
        double h = position.HeightM;
        return new(
            (n + h) * cosLat * cosLon,
            (n + h) * cosLat * sinLon,
            ((n * (1 - Wgs84.EccentricitySquared)) + h) * sinLat);
    }

    /// <summary>
    /// ECEF → geodetic. Bowring's parametric-latitude iteration, run a fixed number of times (it converges to
    /// machine precision for any point outside the Earth's core in three steps), then the height from a formula that
    /// stays well-conditioned at the poles.
    /// </summary>
    public static GeodeticPosition ToGeodetic(Vector3 ecefM)
    {
        if (!ecefM.IsFinite)
        {
            throw new ArgumentOutOfRangeException(nameof(ecefM), ecefM, "ECEF position must be finite");
        }

        const double a = Wgs84.SemiMajorAxisM, b = Wgs84.SemiMinorAxisM;
        const double e2 = Wgs84.EccentricitySquared, ep2 = Wgs84.SecondEccentricitySquared;
        double p = Math.Sqrt((ecefM.X * ecefM.X) + (ecefM.Y * ecefM.Y));
        double z = ecefM.Z;
        double lon = Math.Atan2(ecefM.Y, ecefM.X);

        double beta = Math.Atan2(z * a, p * b);
        double lat = 0;
        for (int i = 0; i < 4; i++)
        {
            double sb = Math.Sin(beta), cb = Math.Cos(beta);
            lat = Math.Atan2(z + (ep2 * b * sb * sb * sb), p - (e2 * a * cb * cb * cb));
            beta = Math.Atan2((1 - Wgs84.Flattening) * Math.Sin(lat), Math.Cos(lat));
        }

        double sinLat = Math.Sin(lat);
        double h = (p * Math.Cos(lat)) + (z * sinLat) - (a * Math.Sqrt(1 - (e2 * sinLat * sinLat)));
        return new(lat, lon, h);
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
}
