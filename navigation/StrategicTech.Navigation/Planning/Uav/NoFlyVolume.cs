using StrategicTech.Navigation.Missions;
using StrategicTech.Navigation.Planning.Geometry2D;

namespace StrategicTech.Navigation.Planning.Uav;

/// <summary>
/// A prism the vehicle must not enter: a polygon (ring on the local NED plane, X north, Y east, metres) or a circle,
/// between <see cref="Band"/> floor and ceiling (altitude in metres, up positive, the datum of the query altitudes).
/// </summary>
public sealed class NoFlyVolume
{
    private readonly Vec2 _boundsMin;
    private readonly Vec2 _boundsMax;

    private NoFlyVolume(Vec2[]? ring, Vec2 center, double radiusM, AltitudeBand band)
    {
        Ring = ring;
        Center = center;
        RadiusM = radiusM;
        Band = band;
        if (ring is null)
        {
            _boundsMin = new Vec2(center.X - radiusM, center.Y - radiusM);
            _boundsMax = new Vec2(center.X + radiusM, center.Y + radiusM);
        }
        else
        {
            _boundsMin = new Vec2(double.PositiveInfinity, double.PositiveInfinity);
            _boundsMax = new Vec2(double.NegativeInfinity, double.NegativeInfinity);
            foreach (Vec2 p in ring)
            {
                _boundsMin = new Vec2(Math.Min(_boundsMin.X, p.X), Math.Min(_boundsMin.Y, p.Y));
                _boundsMax = new Vec2(Math.Max(_boundsMax.X, p.X), Math.Max(_boundsMax.Y, p.Y));
            }
        }
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

    /// <summary>
    /// True when segment ab comes closer than <paramref name="clearanceM"/> to the footprint. A bounding-box test
    /// rejects far segments before the exact distance is computed.
    /// </summary>
    public bool SegmentWithin(Vec2 a, Vec2 b, double clearanceM)
    {
        if (Math.Max(a.X, b.X) < _boundsMin.X - clearanceM || Math.Min(a.X, b.X) > _boundsMax.X + clearanceM
            || Math.Max(a.Y, b.Y) < _boundsMin.Y - clearanceM || Math.Min(a.Y, b.Y) > _boundsMax.Y + clearanceM)
        {
            return false;
        }

        return SegmentDistance(a, b) < clearanceM;
    }

    /// <summary>True when the band widened by <paramref name="marginM"/> overlaps the open altitude interval (lo, hi), or contains lo when lo = hi.</summary>
    public bool BandTouches(double loAltM, double hiAltM, double marginM)
    {
        double floor = Band.FloorM - marginM;
        double ceiling = Band.CeilingM + marginM;
        return loAltM == hiAltM ? floor < loAltM && loAltM < ceiling : floor < hiAltM && loAltM < ceiling;
    }
}
