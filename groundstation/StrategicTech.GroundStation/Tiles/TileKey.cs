namespace StrategicTech.GroundStation.Tiles;

/// <summary>
/// A Web-Mercator tile in the XYZ ("slippy map") scheme: zoom, column from the antimeridian eastwards, row from the
/// north (MBTiles stores rows TMS-style from the south: <see cref="TmsRow"/>).
/// </summary>
public readonly record struct TileKey(int Zoom, int X, int Y)
{
    public const int MaxZoom = 22;

    /// <summary>The MBTiles (TMS) row of this tile.</summary>
    public int TmsRow => (1 << Zoom) - 1 - Y;

    /// <summary>Longitude of the tile's west edge, degrees.</summary>
    public static double LonOf(int x, int zoom) => (x / (double)(1 << zoom) * 360.0) - 180.0;

    /// <summary>Latitude of the tile row's north edge, degrees (inverse Mercator).</summary>
    public static double LatOf(int y, int zoom) => Math.Atan(Math.Sinh(Math.PI * (1 - (2.0 * y / (1 << zoom))))) * 180.0 / Math.PI;

    /// <summary>The tile column holding a longitude (unclamped).</summary>
    public static double XOf(double lonDeg, int zoom) => (lonDeg + 180.0) / 360.0 * (1 << zoom);

    /// <summary>The tile row holding a latitude (unclamped; Mercator).</summary>
    public static double YOf(double latDeg, int zoom)
    {
        double lat = Math.Clamp(latDeg, -85.05112878, 85.05112878) * Math.PI / 180.0;
        return (1 - (Math.Log(Math.Tan(lat) + (1 / Math.Cos(lat))) / Math.PI)) / 2 * (1 << zoom);
    }

    /// <summary>
    /// The zoom whose 256-pixel tiles best match <paramref name="metresPerPixel"/> at <paramref name="latDeg"/>
    /// (equator circumference 40 075 016.686 m over 256·2^z pixels, shrinking with cos latitude).
    /// </summary>
    public static int ZoomFor(double metresPerPixel, double latDeg)
    {
        double atZoom0 = 40_075_016.686 / 256 * Math.Cos(latDeg * Math.PI / 180.0);
        return Math.Clamp((int)Math.Round(Math.Log2(atZoom0 / metresPerPixel)), 0, MaxZoom);
    }
}
