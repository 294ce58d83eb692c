using StrategicTech.Navigation.Planning.Geometry2D;

namespace StrategicTech.Navigation.Planning.Coverage;

/// <summary>
/// Boustrophedon ("lawnmower") survey over a polygon with holes.
/// <para>
/// In a frame rotated to the pass heading (u along track, v across), the region's v-extent is split into bands of
/// the footprint width whose centres are one line spacing apart and centred on the region, so the bands cover it.
/// Each band's pass spans the projection of the outer ring over the whole band (not just the centre line), so a
/// slanted edge between two passes is still photographed. Where the centre line runs through a hole the pass is
/// cut at the hole's boundary, and two short passes at the band's edges (v ± width/2) photograph what lies beside
/// the hole; for convex holes that are farther apart than a footprint this covers every point of the region.
/// The camera shoots at each pass start, every trigger distance, and at the pass end (DO_SET_CAM_TRIGG_DIST with
/// "trigger once" on switch-off), so shots along a pass are never more than one footprint height apart.
/// </para>
/// <para>
/// The heading is either fixed or chosen among the convex hull's edge directions (the minimum-width direction is
/// one of them) for the fewest passes, then the shortest route. Among the four ways to fly the bands (either end
/// first, either direction first) the one whose entry and exit are nearest home wins. Planning-time code: allocates.
/// </para>
/// </summary>
public static class LawnmowerPlanner
{
    public static SurveyPattern Plan(SurveyRegion region, SurveyOptions options)
    {
        ArgumentNullException.ThrowIfNull(region);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (options.SweepHeadingDeg is double fixedHeading)
        {
            return PlanAtHeading(region, options, fixedHeading);
        }

        SurveyPattern? best = null;
        Vec2[] hull = Geometry.ConvexHull(region.Outer);
        var tried = new List<double>();
        for (int i = 0; i < hull.Length; i++)
        {
            Vec2 edge = hull[(i + 1) % hull.Length] - hull[i];
            double heading = Math.Atan2(edge.Y, edge.X) * (180.0 / Math.PI);
            heading = ((heading % 180) + 180) % 180;
            if (tried.Exists(h => Math.Abs(h - heading) < 1e-9))
            {
                continue;
            }

            tried.Add(heading);
            SurveyPattern candidate = PlanAtHeading(region, options, heading);
            if (best is null || candidate.Passes.Count < best.Passes.Count
                || (candidate.Passes.Count == best.Passes.Count && candidate.RouteLengthM < best.RouteLengthM - 1e-6))
            {
                best = candidate;
            }
        }

        return best!;
    }

    public static SurveyPattern PlanAtHeading(SurveyRegion region, SurveyOptions options, double headingDeg)
    {
        ArgumentNullException.ThrowIfNull(region);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        double headingRad = headingDeg * (Math.PI / 180.0);
        Vec2 along = Vec2.FromHeading(headingRad);
        Vec2 across = along.Perpendicular();
        Vec2[] outer = ToBandFrame(region.Outer, along, across);
        var holes = new List<Vec2[]>(region.Holes.Count);
        foreach (Vec2[] hole in region.Holes)
        {
            holes.Add(ToBandFrame(hole, along, across));
        }

        double vMin = double.PositiveInfinity;
        double vMax = double.NegativeInfinity;
        foreach (Vec2 p in outer)
        {
            vMin = Math.Min(vMin, p.Y);
            vMax = Math.Max(vMax, p.Y);
        }

        double width = options.FootprintWidthM;
        double spacing = options.LineSpacingM;
        double height = vMax - vMin;
        int bandCount = height <= width ? 1 : (int)Math.Ceiling(((height - width) / spacing) - 1e-9) + 1;
        double v0 = vMin + ((height - ((bandCount - 1) * spacing)) / 2);
        double half = width / 2;

        var bands = new List<List<(double U0, double U1, double V)>>(bandCount);
        for (int k = 0; k < bandCount; k++)
        {
            double v = v0 + (k * spacing);
            var passes = new List<(double U0, double U1, double V)>();
            List<(double Lo, double Hi)> projection = Projection(outer, v - half, v + half);
            List<(double Lo, double Hi)> holesHere = HoleIntervals(holes, v);
            foreach ((double lo, double hi) in IntervalSet.Subtract(projection, holesHere))
            {
                passes.Add((lo, hi, v));
            }

            foreach ((double lo, double hi) blocked in IntervalSet.Intersect(projection, holesHere))
            {
                List<(double Lo, double Hi)> span = [blocked];
                AddSidePasses(passes, span, outer, holes, v, v + half, v + half);
                AddSidePasses(passes, span, outer, holes, v - half, v, v - half);
            }

            passes.Sort(static (a, b) => a.U0 != b.U0 ? a.U0.CompareTo(b.U0) : a.V.CompareTo(b.V));
            if (passes.Count > 0)
            {
                bands.Add(passes);
            }
        }

        if (bands.Count == 0)
        {
            return new SurveyPattern(headingDeg, options.LineSpacingM, options.TriggerDistanceM, bandCount, [], []); // all hole
        }

        SurveyPattern? best = null;
        double bestCost = double.PositiveInfinity;
        double bestEntry = double.PositiveInfinity;
        for (int variant = 0; variant < 4; variant++)
        {
            SurveyPattern pattern = BuildRoute(bands, variant >= 2, (variant & 1) == 0, along, across, options, headingDeg, bandCount);
            double entry = Vec2.Distance(options.HomeNedM, pattern.Route[0].PositionNedM);
            double cost = entry + Vec2.Distance(pattern.Route[^1].PositionNedM, options.HomeNedM);
            if (cost < bestCost - 1e-6 || (cost < bestCost + 1e-6 && entry < bestEntry - 1e-6))
            {
                bestCost = cost;
                bestEntry = entry;
                best = pattern;
            }
        }

        return best!;
    }

    private static void AddSidePasses(List<(double U0, double U1, double V)> passes, List<(double Lo, double Hi)> span,
        Vec2[] outer, List<Vec2[]> holes, double vLo, double vHi, double vPass)
    {
        List<(double Lo, double Hi)> inBand = IntervalSet.Intersect(span, Projection(outer, vLo, vHi));
        foreach ((double lo, double hi) in IntervalSet.Subtract(IntervalSet.Merge(inBand), HoleIntervals(holes, vPass)))
        {
            passes.Add((lo, hi, vPass));
        }
    }

    private static SurveyPattern BuildRoute(List<List<(double U0, double U1, double V)>> bands, bool reverseBands, bool firstForward,
        Vec2 along, Vec2 across, SurveyOptions options, double headingDeg, int bandCount)
    {
        var passes = new List<SurveyPass>();
        var route = new List<SurveyWaypoint>();
        bool forward = firstForward;
        for (int b = 0; b < bands.Count; b++)
        {
            List<(double U0, double U1, double V)> band = bands[reverseBands ? bands.Count - 1 - b : b];
            double direction = forward ? 1 : -1;
            for (int i = 0; i < band.Count; i++)
            {
                (double u0, double u1, double v) = band[forward ? i : band.Count - 1 - i];
                double uStart = forward ? u0 : u1;
                double uEnd = forward ? u1 : u0;
                if (i == 0 && options.TurnaroundM > 0)
                {
                    route.Add(new SurveyWaypoint(FromBandFrame(uStart - (direction * options.TurnaroundM), v, along, across), SurveyWaypointKind.TurnaroundIn));
                }

                Vec2 start = FromBandFrame(uStart, v, along, across);
                Vec2 end = FromBandFrame(uEnd, v, along, across);
                passes.Add(new SurveyPass(start, end));
                route.Add(new SurveyWaypoint(start, SurveyWaypointKind.PassStart));
                route.Add(new SurveyWaypoint(end, SurveyWaypointKind.PassEnd));
                if (i == band.Count - 1 && options.TurnaroundM > 0)
                {
                    route.Add(new SurveyWaypoint(FromBandFrame(uEnd + (direction * options.TurnaroundM), v, along, across), SurveyWaypointKind.TurnaroundOut));
                }
            }

            forward = !forward;
        }

        return new SurveyPattern(headingDeg, options.LineSpacingM, options.TriggerDistanceM, bandCount, passes, route);
    }

    /// <summary>u-intervals where the filled ring meets the band vLo ≤ v ≤ vHi.</summary>
    internal static List<(double Lo, double Hi)> Projection(Vec2[] ring, double vLo, double vHi)
    {
        var intervals = new List<(double Lo, double Hi)>();
        for (int i = 0, j = ring.Length - 1; i < ring.Length; j = i++)
        {
            Vec2 a = ring[j];
            Vec2 b = ring[i];
            if ((a.Y < vLo && b.Y < vLo) || (a.Y > vHi && b.Y > vHi))
            {
                continue;
            }

            double t0 = 0;
            double t1 = 1;
            if (a.Y != b.Y)
            {
                double tLo = (vLo - a.Y) / (b.Y - a.Y);
                double tHi = (vHi - a.Y) / (b.Y - a.Y);
                t0 = Math.Max(0, Math.Min(tLo, tHi));
                t1 = Math.Min(1, Math.Max(tLo, tHi));
                if (t0 > t1)
                {
                    continue;
                }
            }

            double ua = a.X + (t0 * (b.X - a.X));
            double ub = a.X + (t1 * (b.X - a.X));
            intervals.Add((Math.Min(ua, ub), Math.Max(ua, ub)));
        }

        // Columns that cross the whole band without meeting the boundary are inside at every v of the band.
        intervals.AddRange(ScanIntervals(ring, (vLo + vHi) / 2));
        return IntervalSet.Merge(intervals);
    }

    /// <summary>u-intervals where the line v = const is inside the ring (even-odd, half-open vertex rule).</summary>
    internal static List<(double Lo, double Hi)> ScanIntervals(Vec2[] ring, double v)
    {
        var crossings = new List<double>();
        for (int i = 0, j = ring.Length - 1; i < ring.Length; j = i++)
        {
            Vec2 a = ring[j];
            Vec2 b = ring[i];
            if ((a.Y > v) != (b.Y > v))
            {
                crossings.Add(a.X + ((v - a.Y) * (b.X - a.X) / (b.Y - a.Y)));
            }
        }

        crossings.Sort();
        var result = new List<(double Lo, double Hi)>(crossings.Count / 2);
        for (int i = 0; i + 1 < crossings.Count; i += 2)
        {
            result.Add((crossings[i], crossings[i + 1]));
        }

        return result;
    }

    private static List<(double Lo, double Hi)> HoleIntervals(List<Vec2[]> holes, double v)
    {
        var all = new List<(double Lo, double Hi)>();
        foreach (Vec2[] hole in holes)
        {
            all.AddRange(ScanIntervals(hole, v));
        }

        return IntervalSet.Merge(all);
    }

    private static Vec2[] ToBandFrame(Vec2[] ring, Vec2 along, Vec2 across)
    {
        var result = new Vec2[ring.Length];
        for (int i = 0; i < ring.Length; i++)
        {
            result[i] = new Vec2(Vec2.Dot(ring[i], along), Vec2.Dot(ring[i], across));
        }

        return result;
    }

    private static Vec2 FromBandFrame(double u, double v, Vec2 along, Vec2 across) => (along * u) + (across * v);
}
