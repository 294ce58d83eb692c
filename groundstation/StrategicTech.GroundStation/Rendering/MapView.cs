namespace StrategicTech.GroundStation.Rendering;

/// <summary>
/// The map's camera: a centre (latitude, longitude) and a scale in metres per pixel, with a local equirectangular
/// projection around the centre (exact enough for the few kilometres a view spans). Screen y grows southwards.
/// </summary>
public sealed class MapView
{
    private const double EarthRadiusM = 6_371_008.8;
    private const double DegToRad = Math.PI / 180;

    public const double MinMetresPerPixel = 0.02;
    public const double MaxMetresPerPixel = 5_000;

    public double CenterLatDeg { get; private set; }

    public double CenterLonDeg { get; private set; }

    public double MetresPerPixel { get; private set; } = 1.0;

    /// <summary>Keep the selected vehicle centred (until the pilot pans).</summary>
    public bool Follow { get; set; } = true;

    public bool HasCenter { get; private set; }

    public void CenterOn(double latDeg, double lonDeg)
    {
        CenterLatDeg = latDeg;
        CenterLonDeg = lonDeg;
        HasCenter = true;
    }

    /// <summary>Multiplies the scale by <paramref name="factor"/> (&gt;1 zooms out), keeping the point under (<paramref name="x"/>, <paramref name="y"/>) fixed.</summary>
    public void Zoom(double factor, float x, float y, float width, float height)
    {
        (double lat, double lon) = ToGeo(x, y, width, height);
        MetresPerPixel = Math.Clamp(MetresPerPixel * factor, MinMetresPerPixel, MaxMetresPerPixel);
        (double lat2, double lon2) = ToGeo(x, y, width, height);
        CenterOn(CenterLatDeg + lat - lat2, CenterLonDeg + lon - lon2);
    }

    /// <summary>Moves the map by a drag of (<paramref name="dxPx"/>, <paramref name="dyPx"/>) pixels; stops following.</summary>
    public void Pan(float dxPx, float dyPx)
    {
        Follow = false;
        double northM = dyPx * MetresPerPixel;
        double eastM = -dxPx * MetresPerPixel;
        CenterOn(CenterLatDeg + (northM / EarthRadiusM / DegToRad), CenterLonDeg + (eastM / (EarthRadiusM * Math.Cos(CenterLatDeg * DegToRad)) / DegToRad));
    }

    public void SetScale(double metresPerPixel) => MetresPerPixel = Math.Clamp(metresPerPixel, MinMetresPerPixel, MaxMetresPerPixel);

    /// <summary>North and east offset of a point from the centre, metres.</summary>
    public (double NorthM, double EastM) ToLocal(double latDeg, double lonDeg) =>
        ((latDeg - CenterLatDeg) * DegToRad * EarthRadiusM,
         (lonDeg - CenterLonDeg) * DegToRad * EarthRadiusM * Math.Cos(CenterLatDeg * DegToRad));

    /// <summary>Screen position of a point in a view of the given size.</summary>
    public (float X, float Y) ToScreen(double latDeg, double lonDeg, float width, float height)
    {
        (double n, double e) = ToLocal(latDeg, lonDeg);
        return ((float)((width / 2) + (e / MetresPerPixel)), (float)((height / 2) - (n / MetresPerPixel)));
    }

    /// <summary>Geographic position under a screen point.</summary>
    public (double LatDeg, double LonDeg) ToGeo(float x, float y, float width, float height)
    {
        double eastM = (x - (width / 2)) * MetresPerPixel;
        double northM = ((height / 2) - y) * MetresPerPixel;
        return (CenterLatDeg + (northM / EarthRadiusM / DegToRad),
                CenterLonDeg + (eastM / (EarthRadiusM * Math.Cos(CenterLatDeg * DegToRad)) / DegToRad));
    }

    /// <summary>A 1-2-5 step in metres that spans about <paramref name="targetPx"/> pixels (grid lines and scale bar).</summary>
    public double NiceStepM(double targetPx)
    {
        double raw = targetPx * MetresPerPixel;
        double decade = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double m = raw / decade;
        return decade * (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10);
    }
}
