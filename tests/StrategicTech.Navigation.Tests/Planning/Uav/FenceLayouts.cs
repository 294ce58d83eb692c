using StrategicTech.Navigation.Missions;
using StrategicTech.Navigation.Numerics;
using StrategicTech.Navigation.Planning.Geometry2D;
using StrategicTech.Navigation.Planning.Uav;

namespace StrategicTech.Navigation.Tests.Planning.Uav;

/// <summary>Random fence layouts and an independent exact clearance check for the planner tests.</summary>
internal static class FenceLayouts
{
    public static UavAirspace Random(Random random, bool withBands, bool separated)
    {
        while (true)
        {
            double margin = 1 + (random.NextDouble() * 12);
            int count = 1 + random.Next(5);
            var volumes = new List<NoFlyVolume>();
            for (int i = 0; i < count; i++)
            {
                AltitudeBand band = withBands && random.Next(2) == 0
                    ? new AltitudeBand(random.Next(3) == 0 ? 40 + (random.NextDouble() * 60) : 0, 20 + (random.NextDouble() * 140))
                    : AltitudeBand.Unbounded;
                if (band.CeilingM <= band.FloorM)
                {
                    band = new AltitudeBand(0, band.FloorM + 20);
                }

                var center = new Vec2(50 + (random.NextDouble() * 300), 50 + (random.NextDouble() * 300));
                if (random.Next(3) == 0)
                {
                    volumes.Add(NoFlyVolume.Circle(center, 8 + (random.NextDouble() * 50), band));
                }
                else
                {
                    // Star-shaped polygon (often non-convex) around the centre.
                    int n = 3 + random.Next(6);
                    var ring = new Vec2[n];
                    double phase = random.NextDouble();
                    for (int k = 0; k < n; k++)
                    {
                        double angle = 2 * Math.PI * (k + phase) / n;
                        ring[k] = center + (Vec2.FromHeading(angle) * (15 + (random.NextDouble() * 60)));
                    }

                    volumes.Add(NoFlyVolume.Polygon(ring, band));
                }
            }

            if (separated && !Separated(volumes, (2.5 * margin) + 10))
            {
                continue;
            }

            List<IReadOnlyList<Vec2>> inclusion = random.Next(2) == 0
                ? [[new Vec2(-60, -60), new Vec2(460, -60), new Vec2(460, 460), new Vec2(-60, 460)]]
                : [[new Vec2(-60, -60), new Vec2(460, -60), new Vec2(460, 200), new Vec2(200, 200), new Vec2(200, 460), new Vec2(-60, 460)]];
            return new UavAirspace(volumes, inclusion, [], margin, 120);
        }
    }

    public static Vector3 RandomFreePoint(Random random, UavAirspace airspace, bool withAltitude)
    {
        while (true)
        {
            var p = new Vector3(-50 + (random.NextDouble() * 500), -50 + (random.NextDouble() * 500), withAltitude ? -(5 + (random.NextDouble() * 60)) : -20);
            if (SegmentClear(airspace, p, p, 0))
            {
                return p;
            }
        }
    }

    /// <summary>
    /// Independent exact check of one 3-D segment: for every volume whose band (± margin) overlaps the segment's
    /// altitude range, the horizontal distance from the segment to the footprint must be at least the margin; the
    /// segment must stay inside the inclusion polygons by the margin.
    /// </summary>
    public static bool SegmentClear(UavAirspace airspace, Vector3 a3, Vector3 b3, double toleranceM)
    {
        var a = new Vec2(a3.X, a3.Y);
        var b = new Vec2(b3.X, b3.Y);
        double lo = Math.Min(-a3.Z, -b3.Z);
        double hi = Math.Max(-a3.Z, -b3.Z);
        double margin = airspace.SafetyMarginM;
        if (hi > airspace.MaxAltitudeM + toleranceM)
        {
            return false;
        }

        foreach (NoFlyVolume volume in airspace.Volumes)
        {
            double floor = volume.Band.FloorM - margin;
            double ceiling = volume.Band.CeilingM + margin;
            bool overlaps = lo == hi ? floor < lo && lo < ceiling : floor < hi && lo < ceiling;
            if (!overlaps)
            {
                continue;
            }

            double distance;
            if (volume.Ring is null)
            {
                distance = Math.Sqrt(PointSegment2(volume.Center, a, b)) - volume.RadiusM;
            }
            else
            {
                distance = Inside(volume.Ring, a) ? 0 : RingDistance(volume.Ring, a, b);
            }

            if (distance < margin - toleranceM)
            {
                return false;
            }
        }

        foreach (Vec2[] ring in airspace.InclusionPolygons)
        {
            if (!Inside(ring, a) || RingDistance(ring, a, b) < margin - toleranceM)
            {
                return false;
            }
        }

        return true;
    }

    private static bool Separated(List<NoFlyVolume> volumes, double gap)
    {
        for (int i = 0; i < volumes.Count; i++)
        {
            for (int j = i + 1; j < volumes.Count; j++)
            {
                if (Outline(volumes[i]).Zip(Outline(volumes[i]).Skip(1).Append(Outline(volumes[i])[0]))
                    .Any(e => volumes[j].SegmentDistance(e.First, e.Second) < gap))
                {
                    return false;
                }

                if (volumes[i].SegmentDistance(Outline(volumes[j])[0], Outline(volumes[j])[0]) < gap)
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static Vec2[] Outline(NoFlyVolume volume) =>
        volume.Ring ?? Enumerable.Range(0, 64).Select(k => volume.Center + (Vec2.FromHeading(2 * Math.PI * k / 64) * volume.RadiusM)).ToArray();

    private static double RingDistance(Vec2[] ring, Vec2 a, Vec2 b)
    {
        double best = double.PositiveInfinity;
        for (int i = 0; i < ring.Length; i++)
        {
            Vec2 c = ring[i];
            Vec2 d = ring[(i + 1) % ring.Length];
            if (Crosses(a, b, c, d))
            {
                return 0;
            }

            best = Math.Min(best, Math.Min(Math.Min(PointSegment2(a, c, d), PointSegment2(b, c, d)), Math.Min(PointSegment2(c, a, b), PointSegment2(d, a, b))));
        }

        return Math.Sqrt(best);
    }

    private static bool Crosses(Vec2 a, Vec2 b, Vec2 c, Vec2 d)
    {
        static double Orient(Vec2 p, Vec2 q, Vec2 r) => ((q.X - p.X) * (r.Y - p.Y)) - ((q.Y - p.Y) * (r.X - p.X));
        double o1 = Orient(a, b, c);
        double o2 = Orient(a, b, d);
        double o3 = Orient(c, d, a);
        double o4 = Orient(c, d, b);
        return Math.Sign(o1) * Math.Sign(o2) < 0 && Math.Sign(o3) * Math.Sign(o4) < 0;
    }

    private static double PointSegment2(Vec2 p, Vec2 a, Vec2 b)
    {
        double dx = b.X - a.X;
        double dy = b.Y - a.Y;
        double len2 = (dx * dx) + (dy * dy);
        double t = len2 == 0 ? 0 : Math.Clamp((((p.X - a.X) * dx) + ((p.Y - a.Y) * dy)) / len2, 0, 1);
        double ex = a.X + (t * dx) - p.X;
        double ey = a.Y + (t * dy) - p.Y;
        return (ex * ex) + (ey * ey);
    }

    private static bool Inside(Vec2[] ring, Vec2 p)
    {
        int winding = 0;
        for (int i = 0; i < ring.Length; i++)
        {
            Vec2 a = ring[i];
            Vec2 b = ring[(i + 1) % ring.Length];
            double cross = ((b.X - a.X) * (p.Y - a.Y)) - ((p.X - a.X) * (b.Y - a.Y));
            if (a.Y <= p.Y && b.Y > p.Y && cross > 0)
            {
                winding++;
            }
            else if (a.Y > p.Y && b.Y <= p.Y && cross < 0)
            {
                winding--;
            }
        }

        return winding != 0;
    }
}
