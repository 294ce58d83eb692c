using System.Globalization;

namespace StrategicTech.Navigation.Geodesy;

/// <summary>
/// A WGS84 geodetic position: latitude and longitude in radians, height in metres above the ellipsoid (not MSL).
/// Latitude must be within ±π/2 and every value finite; longitude may be any finite angle.
/// </summary>
public readonly record struct GeodeticPosition
{
    public GeodeticPosition(double latitudeRad, double longitudeRad, double heightM)
    {
        if (!double.IsFinite(latitudeRad) || Math.Abs(latitudeRad) > Math.PI / 2)
        {
            throw new ArgumentOutOfRangeException(nameof(latitudeRad), latitudeRad,
                string.Create(CultureInfo.InvariantCulture, $"latitude must be finite and within ±π/2 rad (±90°), got {latitudeRad} rad"));
        }

        if (!double.IsFinite(longitudeRad))
        {
            throw new ArgumentOutOfRangeException(nameof(longitudeRad), longitudeRad, "longitude must be finite");
        }

        if (!double.IsFinite(heightM))
        {
            throw new ArgumentOutOfRangeException(nameof(heightM), heightM, "height must be finite");
        }

        LatitudeRad = latitudeRad;
        LongitudeRad = longitudeRad;
        HeightM = heightM;
    }

    public double LatitudeRad { get; }

    public double LongitudeRad { get; }

    /// <summary>Height above the WGS84 ellipsoid (m).</summary>
    public double HeightM { get; }

    public double LatitudeDeg => LatitudeRad * (180.0 / Math.PI);

    public double LongitudeDeg => LongitudeRad * (180.0 / Math.PI);

    /// <summary>From degrees, as pilots, MAVLink (×1e7) and mission files state positions.</summary>
    public static GeodeticPosition FromDegrees(double latitudeDeg, double longitudeDeg, double heightM)
    {
        if (!double.IsFinite(latitudeDeg) || Math.Abs(latitudeDeg) > 90)
        {
            throw new ArgumentOutOfRangeException(nameof(latitudeDeg), latitudeDeg,
                string.Create(CultureInfo.InvariantCulture, $"latitude must be finite and within ±90°, got {latitudeDeg}°"));
        }

        return new(latitudeDeg * (Math.PI / 180.0), longitudeDeg * (Math.PI / 180.0), heightM);
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"({LatitudeDeg:F8}°, {LongitudeDeg:F8}°, {HeightM:F3} m)");
}
