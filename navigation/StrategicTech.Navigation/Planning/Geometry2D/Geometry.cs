namespace StrategicTech.Navigation.Planning.Geometry2D;

/// <summary>Exact 2-D primitives (segments, rings) used by the planners. Rings are closed implicitly (last → first).</summary>
public static class Geometry
{
    /// <summary>Twice the signed area: positive when the ring is counter-clockwise in (X, Y).</summary>
    public static double SignedArea2(ReadOnlySpan<Vec2> ring)
    {
        double sum = 0;
        for (int i = 0, j = ring.Length - 1; i < ring.Length; j = i++)
        {
            sum += Vec2.Cross(ring[j], ring[i]);
        }

        return sum;
    }

    /// <summary>Even-odd point-in-ring test (points exactly on the boundary may go either way).</summary>
    public static bool Contains(ReadOnlySpan<Vec2> ring, Vec2 p)
    {
        bool inside = false;
        for (int i = 0, j = ring.Length - 1; i < ring.Length; j = i++)
        {
            Vec2 a = ring[i];
            Vec2 b = ring[j];
            if ((a.Y > p.Y) != (b.Y > p.Y))
            {
                double x = a.X + ((p.Y - a.Y) * (b.X - a.X) / (b.Y - a.Y));
                if (p.X < x)
                {
                    inside = !inside;
                }
            }
        }

        return inside;
    }

    public static double PointSegmentDistanceSquared(Vec2 p, Vec2 a, Vec2 b)
    {
        Vec2 ab = b - a;
        double len2 = ab.LengthSquared;
        double t = len2 > 0 ? Math.Clamp(Vec2.Dot(p - a, ab) / len2, 0, 1) : 0;
        return (a + (ab * t) - p).LengthSquared;
    }

    /// <summary>True when closed segments ab and cd share a point (collinear overlaps included).</summary>
    public static bool SegmentsIntersect(Vec2 a, Vec2 b, Vec2 c, Vec2 d)
    {
        double d1 = Vec2.Cross(b - a, c - a);
        double d2 = Vec2.Cross(b - a, d - a);
        double d3 = Vec2.Cross(d - c, a - c);
        double d4 = Vec2.Cross(d - c, b - c);
        if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0)))
        {
            return true;
        }

        return (d1 == 0 && OnSegment(a, b, c)) || (d2 == 0 && OnSegment(a, b, d))
            || (d3 == 0 && OnSegment(c, d, a)) || (d4 == 0 && OnSegment(c, d, b));
    }

    public static double SegmentSegmentDistanceSquared(Vec2 a, Vec2 b, Vec2 c, Vec2 d)
    {
        if (SegmentsIntersect(a, b, c, d))
        {
            return 0;
        }

        return Math.Min(
            Math.Min(PointSegmentDistanceSquared(a, c, d), PointSegmentDistanceSquared(b, c, d)),
            Math.Min(PointSegmentDistanceSquared(c, a, b), PointSegmentDistanceSquared(d, a, b)));
    }

    /// <summary>Distance from segment ab to the ring's boundary (0 when they cross).</summary>
    public static double SegmentRingBoundaryDistance(Vec2 a, Vec2 b, ReadOnlySpan<Vec2> ring)
    {
        double best = double.PositiveInfinity;
        for (int i = 0, j = ring.Length - 1; i < ring.Length; j = i++)
        {
            best = Math.Min(best, SegmentSegmentDistanceSquared(a, b, ring[j], ring[i]));
            if (best == 0)
            {
                return 0;
            }
        }

        return Math.Sqrt(best);
    }

    /// <summary>Distance from segment ab to the filled ring (0 when the segment touches or enters it).</summary>
    public static double SegmentRingDistance(Vec2 a, Vec2 b, ReadOnlySpan<Vec2> ring)
    {
        if (Contains(ring, a))
        {
            return 0;
        }

        return SegmentRingBoundaryDistance(a, b, ring);
    }

    /// <summary>Convex hull (Andrew's monotone chain), counter-clockwise, no collinear points.</summary>
    public static Vec2[] ConvexHull(ReadOnlySpan<Vec2> points)
    {
        Vec2[] sorted = points.ToArray();
        Array.Sort(sorted, static (p, q) => p.X != q.X ? p.X.CompareTo(q.X) : p.Y.CompareTo(q.Y));
        if (sorted.Length < 3)
        {
            return sorted;
        }

        var hull = new Vec2[2 * sorted.Length];
        int k = 0;
        for (int i = 0; i < sorted.Length; i++)
        {
            while (k >= 2 && Vec2.Cross(hull[k - 1] - hull[k - 2], sorted[i] - hull[k - 2]) <= 0)
            {
                k--;
            }

            hull[k++] = sorted[i];
        }

        for (int i = sorted.Length - 2, lower = k + 1; i >= 0; i--)
        {
            while (k >= lower && Vec2.Cross(hull[k - 1] - hull[k - 2], sorted[i] - hull[k - 2]) <= 0)
            {
                k--;
            }

            hull[k++] = sorted[i];
        }

        return hull.AsSpan(0, k - 1).ToArray();
    }

    private static bool OnSegment(Vec2 a, Vec2 b, Vec2 p) =>
        Math.Min(a.X, b.X) <= p.X && p.X <= Math.Max(a.X, b.X) && Math.Min(a.Y, b.Y) <= p.Y && p.Y <= Math.Max(a.Y, b.Y);
}
