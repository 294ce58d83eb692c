using StrategicTech.Navigation.Missions;
using StrategicTech.Navigation.Planning.Geometry2D;

namespace StrategicTech.Navigation.Planning.Uav;

/// <summary>
/// A prism the vehicle must not enter: a polygon (ring on the local NED plane, X north, Y east, metres) or a circle,
/// between <see cref="Band"/> floor and ceiling (altitude in metres, up positive, the datum of the query altitudes).
/// </summary>
public sealed class NoFlyVolume
{
    private NoFlyVolume(Vec2[]? ring, Vec2 center, double radiusM, AltitudeBand band)
    {
        Ring = ring;
        Center = center;
        RadiusM = radiusM;
        Band = band;
    }

    /// <summary>The polygon, or null for a circle.</summary>
    public Vec2[]? Ring { get; }

    public Vec2 Center { get; }

    public double RadiusM { get; }

    public AltitudeBand Band { get; }

    public bool IsCircle => Ring is null;

    public static NoFlyVolume Polygon(IReadOnlyList<Vec2> ring, AltitudeBand band)
    {
        ArgumentNullException.ThrowIfNull(ring);
        if (ring.Count < 3)
        {
            throw new ArgumentException("a no-fly polygon needs at least 3 vertices", nameof(ring));
        }

        Vec2[] copy = [.. ring];
        if (Geometry.SignedArea2(copy) < 0)
        {
            Array.Reverse(copy);
        }

        return new NoFlyVolume(copy, default, 0, band);
    }

    public static NoFlyVolume Circle(Vec2 center, double radiusM, AltitudeBand band) =>
        radiusM > 0 ? new NoFlyVolume(null, center, radiusM, band) : throw new ArgumentOutOfRangeException(nameof(radiusM), radiusM, "radius must be positive");

    /// <summary>Exact distance from segment ab to the filled footprint (0 when it touches or enters).</summary>
    public double SegmentDistance(Vec2 a, Vec2 b) =>
        Ring is null
            ? Math.Max(0, Math.Sqrt(Geometry.PointSegmentDistanceSquared(Center, a, b)) - RadiusM)
            : Geometry.SegmentRingDistance(a, b, Ring);

    /// <summary>True when the band widened by <paramref name="marginM"/> overlaps the open altitude interval (lo, hi), or contains lo when lo = hi.</summary>
    public bool BandTouches(double loAltM, double hiAltM, double marginM)
    {
        double floor = Band.FloorM - marginM;
        double ceiling = Band.CeilingM + marginM;
        return loAltM == hiAltM ? floor < loAltM && loAltM < ceiling : floor < hiAltM && loAltM < ceiling;
    }
}
