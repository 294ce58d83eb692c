using StrategicTech.Navigation.Geodesy;
using StrategicTech.Navigation.Missions;
using StrategicTech.Navigation.Numerics;
using StrategicTech.Navigation.Planning.Geometry2D;
using StrategicTech.Navigation.Planning.Uav;
using FenceShapes = StrategicTech.Navigation.Missions.Geofence;

namespace StrategicTech.Autopilot.Flight.Geofence;

/// <summary>
/// A geofence (from the mission protocol's FENCE items) projected onto the local NED plane of the estimator's
/// origin, with the checks the vehicle makes against it. PX4 semantics: a position is allowed when it is inside at
/// least one inclusion area (if there is any) and outside every exclusion area; altitude bands are not part of the
/// protocol, so shapes span all altitudes. Built once per upload (allocates); the checks allocate nothing.
/// </summary>
public sealed class GeofenceArea
{
    private readonly Vec2[][] _inclusionRings;
    private readonly Vec2[][] _exclusionRings;
    private readonly (Vec2 Center, double RadiusM)[] _inclusionCircles;
    private readonly (Vec2 Center, double RadiusM)[] _exclusionCircles;

    public GeofenceArea(FenceShapes fence, LocalNedFrame frame)
    {
        ArgumentNullException.ThrowIfNull(fence);
        Fence = fence;
        Frame = frame;
        var inclusionRings = new List<Vec2[]>();
        var exclusionRings = new List<Vec2[]>();
        foreach (GeofencePolygon polygon in fence.Polygons)
        {
            var ring = new Vec2[polygon.Vertices.Count];
            for (int i = 0; i < ring.Length; i++)
            {
                ring[i] = UavAirspace.ToPlane(frame, polygon.Vertices[i]);
            }

            (polygon.IsInclusion ? inclusionRings : exclusionRings).Add(ring);
        }

        var inclusionCircles = new List<(Vec2, double)>();
        var exclusionCircles = new List<(Vec2, double)>();
        foreach (GeofenceCircle circle in fence.Circles)
        {
            (circle.IsInclusion ? inclusionCircles : exclusionCircles).Add((UavAirspace.ToPlane(frame, circle.Center), circle.RadiusM));
        }

        _inclusionRings = [.. inclusionRings];
        _exclusionRings = [.. exclusionRings];
        _inclusionCircles = [.. inclusionCircles];
        _exclusionCircles = [.. exclusionCircles];
    }

    /// <summary>The geodetic fence this area was built from.</summary>
    public FenceShapes Fence { get; }

    /// <summary>The local frame the shapes are projected into.</summary>
    public LocalNedFrame Frame { get; }

    public bool HasInclusion => _inclusionRings.Length > 0 || _inclusionCircles.Length > 0;

    /// <summary>True when the point breaks no inclusion or exclusion shape.</summary>
    public bool Allows(Vec2 pointNe) => InsideSomeInclusion(pointNe) && !InsideSomeExclusion(pointNe);

    public bool InsideSomeInclusion(Vec2 pointNe)
    {
        if (!HasInclusion)
        {
            return true;
        }

        foreach (Vec2[] ring in _inclusionRings)
        {
            if (Geometry.Contains(ring, pointNe))
            {
                return true;
            }
        }

        foreach ((Vec2 center, double radius) in _inclusionCircles)
        {
            if (Vec2.Distance(pointNe, center) <= radius)
            {
                return true;
            }
        }

        return false;
    }

    public bool InsideSomeExclusion(Vec2 pointNe)
    {
        foreach (Vec2[] ring in _exclusionRings)
        {
            if (Geometry.Contains(ring, pointNe))
            {
                return true;
            }
        }

        foreach ((Vec2 center, double radius) in _exclusionCircles)
        {
            if (Vec2.Distance(pointNe, center) < radius)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when the straight segment touches or enters an exclusion shape.</summary>
    public bool SegmentTouchesExclusion(Vec2 a, Vec2 b)
    {
        foreach (Vec2[] ring in _exclusionRings)
        {
            if (Geometry.SegmentRingDistance(a, b, ring) <= 0)
            {
                return true;
            }
        }

        foreach ((Vec2 center, double radius) in _exclusionCircles)
        {
            if (Geometry.PointSegmentDistanceSquared(center, a, b) < radius * radius)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when the whole segment lies inside one inclusion shape (always true without inclusions). A segment that
    /// passes from one overlapping inclusion into another is judged outside: conservative.
    /// </summary>
    public bool SegmentInsideOneInclusion(Vec2 a, Vec2 b)
    {
        if (!HasInclusion)
        {
            return true;
        }

        foreach (Vec2[] ring in _inclusionRings)
        {
            if (Geometry.Contains(ring, a) && Geometry.Contains(ring, b) && !CrossesBoundary(ring, a, b))
            {
                return true;
            }
        }

        foreach ((Vec2 center, double radius) in _inclusionCircles)
        {
            // A disc is convex: both ends inside means the segment is inside.
            if (Vec2.Distance(a, center) <= radius && Vec2.Distance(b, center) <= radius)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The fence rules <paramref name="positionNedM"/> breaks, with the altitude (above home) and horizontal distance
    /// from home limits (each off when not positive).
    /// </summary>
    public FenceViolation Check(Vector3 positionNedM, Vector3 homeNedM, double maxHeightAboveHomeM, double maxDistanceFromHomeM) =>
        CheckShapes(new Vec2(positionNedM.X, positionNedM.Y)) | CheckLimits(positionNedM, homeNedM, maxHeightAboveHomeM, maxDistanceFromHomeM);

    public FenceViolation CheckShapes(Vec2 pointNe)
    {
        FenceViolation v = FenceViolation.None;
        if (!InsideSomeInclusion(pointNe))
        {
            v |= FenceViolation.OutsideInclusion;
        }

        if (InsideSomeExclusion(pointNe))
        {
            v |= FenceViolation.InsideExclusion;
        }

        return v;
    }

    /// <summary>The altitude and distance rules alone (they need no shapes).</summary>
    public static FenceViolation CheckLimits(Vector3 positionNedM, Vector3 homeNedM, double maxHeightAboveHomeM, double maxDistanceFromHomeM)
    {
        FenceViolation v = FenceViolation.None;
        if (maxHeightAboveHomeM > 0 && homeNedM.Z - positionNedM.Z > maxHeightAboveHomeM)
        {
            v |= FenceViolation.AboveMaxAltitude;
        }

        double dn = positionNedM.X - homeNedM.X, de = positionNedM.Y - homeNedM.Y;
        if (maxDistanceFromHomeM > 0 && (dn * dn) + (de * de) > maxDistanceFromHomeM * maxDistanceFromHomeM)
        {
            v |= FenceViolation.BeyondMaxDistance;
        }

        return v;
    }

    private static bool CrossesBoundary(Vec2[] ring, Vec2 a, Vec2 b)
    {
        for (int i = 0, j = ring.Length - 1; i < ring.Length; j = i++)
        {
            if (Geometry.SegmentsIntersect(a, b, ring[j], ring[i]))
            {
                return true;
            }
        }

        return false;
    }
}
