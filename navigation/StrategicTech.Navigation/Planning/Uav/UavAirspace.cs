using StrategicTech.Navigation.Geodesy;
using StrategicTech.Navigation.Missions;
using StrategicTech.Navigation.Numerics;
using StrategicTech.Navigation.Planning.Geometry2D;

namespace StrategicTech.Navigation.Planning.Uav;

/// <summary>
/// Where a UAV may fly: inside every inclusion polygon/circle (all altitudes), outside every no-fly volume, below
/// <see cref="MaxAltitudeM"/>, and never closer than <see cref="SafetyMarginM"/> to any of them (horizontally, and
/// vertically to a volume's floor or ceiling). Coordinates are on the local NED plane (X north, Y east, metres).
/// </summary>
public sealed class UavAirspace
{
    private readonly Vec2[][] _inclusionRings;
    private readonly (Vec2 Center, double RadiusM)[] _inclusionCircles;
    private readonly bool _allInclusionsConvex;

    public UavAirspace(IReadOnlyList<NoFlyVolume> volumes, IReadOnlyList<IReadOnlyList<Vec2>> inclusionPolygons,
        IReadOnlyList<(Vec2 Center, double RadiusM)> inclusionCircles, double safetyMarginM, double maxAltitudeM)
    {
        ArgumentNullException.ThrowIfNull(volumes);
        ArgumentNullException.ThrowIfNull(inclusionPolygons);
        ArgumentNullException.ThrowIfNull(inclusionCircles);
        if (!(safetyMarginM >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(safetyMarginM), safetyMarginM, "margin must not be negative");
        }

        Volumes = [.. volumes];
        var rings = new List<Vec2[]>();
        foreach (IReadOnlyList<Vec2> polygon in inclusionPolygons)
        {
            Vec2[] ring = [.. polygon];
            if (ring.Length < 3)
            {
                throw new ArgumentException("an inclusion polygon needs at least 3 vertices", nameof(inclusionPolygons));
            }

            if (Geometry.SignedArea2(ring) < 0)
            {
                Array.Reverse(ring);
            }

            rings.Add(ring);
        }

        _inclusionRings = [.. rings];
        _inclusionCircles = [.. inclusionCircles];
        _allInclusionsConvex = rings.TrueForAll(IsConvex);
        SafetyMarginM = safetyMarginM;
        MaxAltitudeM = maxAltitudeM;
    }

    public IReadOnlyList<NoFlyVolume> Volumes { get; }

    /// <summary>Counter-clockwise rings.</summary>
    public IReadOnlyList<Vec2[]> InclusionPolygons => _inclusionRings;

    public IReadOnlyList<(Vec2 Center, double RadiusM)> InclusionCircles => _inclusionCircles;

    public double SafetyMarginM { get; }

    /// <summary>True when every inclusion polygon is convex: a segment between two points inside (by the margin) then stays inside.</summary>
    public bool InclusionsConvex => _allInclusionsConvex;

    public double MaxAltitudeM { get; }

    /// <summary>
    /// From a .plan geofence: exclusion polygons and circles become no-fly volumes (with their altitude bands,
    /// unbounded for .plan files), inclusion ones bound the flyable area. Positions are projected exactly onto the
    /// local NED plane of <paramref name="frame"/>.
    /// </summary>
    public static UavAirspace FromGeofence(Geofence fence, LocalNedFrame frame, double safetyMarginM, double maxAltitudeM)
    {
        ArgumentNullException.ThrowIfNull(fence);
        var volumes = new List<NoFlyVolume>();
        var inclusionPolygons = new List<IReadOnlyList<Vec2>>();
        var inclusionCircles = new List<(Vec2 Center, double RadiusM)>();
        foreach (GeofencePolygon polygon in fence.Polygons)
        {
            var ring = new Vec2[polygon.Vertices.Count];
            for (int i = 0; i < ring.Length; i++)
            {
                ring[i] = ToPlane(frame, polygon.Vertices[i]);
            }

            if (polygon.IsInclusion)
            {
                inclusionPolygons.Add(ring);
            }
            else
            {
                volumes.Add(NoFlyVolume.Polygon(ring, polygon.Band));
            }
        }

        foreach (GeofenceCircle circle in fence.Circles)
        {
            Vec2 center = ToPlane(frame, circle.Center);
            if (circle.IsInclusion)
            {
                inclusionCircles.Add((center, circle.RadiusM));
            }
            else
            {
                volumes.Add(NoFlyVolume.Circle(center, circle.RadiusM, circle.Band));
            }
        }

        return new UavAirspace(volumes, inclusionPolygons, inclusionCircles, safetyMarginM, maxAltitudeM);
    }

    public static Vec2 ToPlane(LocalNedFrame frame, LatLonDeg point)
    {
        Vector3 ned = frame.ToNed(GeodeticPosition.FromDegrees(point.LatitudeDeg, point.LongitudeDeg, frame.Origin.HeightM));
        return new Vec2(ned.X, ned.Y);
    }

    /// <summary>True when the segment stays inside every inclusion area with the margin to spare.</summary>
    public bool InsideInclusion(Vec2 a, Vec2 b)
    {
        if (_allInclusionsConvex && a != b)
        {
            // Inside a convex area the distance to the boundary is concave along a segment: its minimum is at an end.
            return InsideInclusion(a, a) && InsideInclusion(b, b);
        }

        double margin = SafetyMarginM;
        // Loops over arrays: this runs inside allocation-free planner queries.
        foreach (Vec2[] ring in _inclusionRings)
        {
            if (!Geometry.Contains(ring, a) || Geometry.SegmentRingBoundaryDistance(a, b, ring) < margin)
            {
                return false;
            }
        }

        foreach ((Vec2 center, double radius) in _inclusionCircles)
        {
            // The disc is convex: the farthest point of a segment from the centre is an endpoint.
            if (Vec2.Distance(a, center) > radius - margin || Vec2.Distance(b, center) > radius - margin)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsConvex(Vec2[] ring)
    {
        for (int i = 0; i < ring.Length; i++)
        {
            Vec2 a = ring[i];
            Vec2 b = ring[(i + 1) % ring.Length];
            Vec2 c = ring[(i + 2) % ring.Length];
            if (Vec2.Cross(b - a, c - b) < 0)
            {
                return false; // counter-clockwise ring turning right: reflex vertex
            }
        }

        return true;
    }
}
