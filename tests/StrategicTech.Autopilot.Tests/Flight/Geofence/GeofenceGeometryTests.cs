using FsCheck.Xunit;
using StrategicTech.Autopilot.Flight.Geofence;
using StrategicTech.Navigation.Geodesy;
using StrategicTech.Navigation.Missions;
using StrategicTech.Navigation.Numerics;
using StrategicTech.Navigation.Planning.Geometry2D;

namespace StrategicTech.Autopilot.Tests.Flight.Geofence;

public sealed class GeofenceGeometryTests
{
    private static readonly LocalNedFrame Frame = new(KinematicVehicle.Origin);

    // Points closer than this to a boundary are not judged: the geodetic round trip moves shapes by far less (mm at 1 km).
    private const double BoundaryBandM = 0.05;

    [Property(MaxTest = 300)]
    public void A_point_is_inside_a_convex_inclusion_polygon_exactly_when_it_is_left_of_every_edge(int seed, int px, int py)
    {
        // A random convex polygon: 3..9 vertices on a circle of 20..500 m at sorted random angles.
        var random = new Random(seed);
        int n = 3 + random.Next(7);
        double radiusM = 20 + (random.NextDouble() * 480);
        double[] angles = [.. Enumerable.Range(0, n).Select(_ => random.NextDouble() * 2 * Math.PI).Order()];
        (double N, double E)[] ring = [.. angles.Select(a => (radiusM * Math.Cos(a), radiusM * Math.Sin(a)))];
        if (Math.Abs(Geometry.SignedArea2([.. ring.Select(v => new Vec2(v.N, v.E))])) < 1)
        {
            return; // degenerate (collinear) ring
        }

        var area = new GeofenceArea(FenceLayout.Of([FenceLayout.Polygon(true, ring)], []), Frame);
        var p = new Vec2(px % 600, py % 600);

        // Half-plane test on the counter-clockwise ring (angles ascend: counter-clockwise in north/east = clockwise on the map; use the sign of the area).
        double sign = Math.Sign(Geometry.SignedArea2([.. ring.Select(v => new Vec2(v.N, v.E))]));
        double minSide = double.PositiveInfinity;
        for (int i = 0; i < n; i++)
        {
            var a = new Vec2(ring[i].N, ring[i].E);
            var b = new Vec2(ring[(i + 1) % n].N, ring[(i + 1) % n].E);
            minSide = Math.Min(minSide, sign * Vec2.Cross(b - a, p - a) / (b - a).Length);
        }

        if (Math.Abs(minSide) < BoundaryBandM)
        {
            return;
        }

        bool inside = minSide > 0;
        Assert.Equal(inside, area.InsideSomeInclusion(p));
        Assert.Equal(inside ? FenceViolation.None : FenceViolation.OutsideInclusion, area.CheckShapes(p));
    }

    [Property(MaxTest = 300)]
    public void A_point_is_inside_an_exclusion_circle_exactly_when_nearer_than_its_radius(int cn, int ce, int radiusDm, int px, int py)
    {
        double radiusM = 1 + (Math.Abs(radiusDm % 5000) / 10.0);
        var center = new Vec2(cn % 500, ce % 500);
        var area = new GeofenceArea(FenceLayout.Of([], [FenceLayout.Circle(false, center.X, center.Y, radiusM)]), Frame);
        var p = new Vec2(px % 1000, py % 1000);
        double d = Vec2.Distance(p, center);
        if (Math.Abs(d - radiusM) < BoundaryBandM)
        {
            return;
        }

        Assert.Equal(d < radiusM, area.InsideSomeExclusion(p));
        Assert.Equal(d < radiusM ? FenceViolation.InsideExclusion : FenceViolation.None, area.CheckShapes(p));
        Assert.False(area.HasInclusion);
    }

    [Property(MaxTest = 300)]
    public void A_segment_touches_an_exclusion_polygon_whenever_one_of_its_points_is_inside(int seed)
    {
        var random = new Random(seed);
        double x0 = random.Next(-100, 100), y0 = random.Next(-100, 100), w = 5 + random.Next(60), h = 5 + random.Next(60);
        var area = new GeofenceArea(FenceLayout.Of([FenceLayout.Polygon(false, (x0, y0), (x0 + w, y0), (x0 + w, y0 + h), (x0, y0 + h))], []), Frame);
        var a = new Vec2(random.Next(-200, 200), random.Next(-200, 200));
        var b = new Vec2(random.Next(-200, 200), random.Next(-200, 200));
        bool anyInside = false;
        for (int k = 0; k <= 400; k++)
        {
            Vec2 q = a + ((b - a) * (k / 400.0));
            anyInside |= q.X > x0 + BoundaryBandM && q.X < x0 + w - BoundaryBandM && q.Y > y0 + BoundaryBandM && q.Y < y0 + h - BoundaryBandM;
        }

        if (anyInside)
        {
            Assert.True(area.SegmentTouchesExclusion(a, b));
        }

        // A segment that stays inside one inclusion-free fence never "leaves the inclusion".
        Assert.True(area.SegmentInsideOneInclusion(a, b));
    }

    [Property(MaxTest = 500)]
    public void The_braking_projection_is_where_constant_deceleration_stops_plus_the_margin(int vnCm, int veCm, int vdCm, int accelDm2)
    {
        var v = new Vector3((vnCm % 2000) / 100.0, (veCm % 2000) / 100.0, (vdCm % 800) / 100.0);
        double a = 0.5 + (Math.Abs(accelDm2 % 100) / 10.0);
        const double marginM = 1.5;
        var p = new Vector3(10, -20, -30);
        Vector3 stop = BrakingProjection.StopPointNedM(p, v, a, marginM);

        // Integrate the braking at deceleration a (1 ms steps): where the vehicle really stops, per plane.
        double horizontal = Math.Sqrt((v.X * v.X) + (v.Y * v.Y));
        double travelledM = 0;
        for (double s = horizontal; s > 0; s -= a * 1e-3)
        {
            travelledM += Math.Max(s - (a * 1e-3 / 2), 0) * 1e-3;
        }

        double projectedM = Math.Sqrt(((stop.X - p.X) * (stop.X - p.X)) + ((stop.Y - p.Y) * (stop.Y - p.Y)));
        if (horizontal > BrakingProjection.RestSpeedMps)
        {
            // The projection is the analytic stop (the integration agrees to within one step's travel) plus the margin, along the velocity.
            Assert.Equal(travelledM + marginM, projectedM, 0.01 + (horizontal * 1e-3));
            Assert.Equal(horizontal * projectedM, (v.X * (stop.X - p.X)) + (v.Y * (stop.Y - p.Y)), 1e-6 * (1 + projectedM * horizontal));
        }
        else
        {
            Assert.Equal(0, projectedM, 12);
        }

        double vertical = Math.Abs(v.Z);
        double expectedDownM = vertical > BrakingProjection.RestSpeedMps ? Math.Sign(v.Z) * ((vertical * vertical / (2 * a)) + marginM) : 0;
        Assert.Equal(expectedDownM, stop.Z - p.Z, 1e-9);
    }

    [Fact]
    public void Altitude_and_distance_limits_are_judged_from_home_and_off_when_zero()
    {
        var home = new Vector3(5, 5, -2);
        Assert.Equal(FenceViolation.AboveMaxAltitude, GeofenceArea.CheckLimits(new Vector3(5, 5, -33), home, 30, 0));
        Assert.Equal(FenceViolation.None, GeofenceArea.CheckLimits(new Vector3(5, 5, -31.9), home, 30, 0));
        Assert.Equal(FenceViolation.BeyondMaxDistance, GeofenceArea.CheckLimits(new Vector3(5 + 60, 5 + 80.1, -2), home, 0, 100));
        Assert.Equal(FenceViolation.None, GeofenceArea.CheckLimits(new Vector3(5 + 60, 5 + 79.9, -2), home, 0, 100));
        Assert.Equal(FenceViolation.None, GeofenceArea.CheckLimits(new Vector3(1e6, 1e6, -1e4), home, 0, 0));
    }

    [Fact]
    public void Two_inclusions_allow_the_union_and_an_exclusion_inside_one_forbids_its_hole()
    {
        Navigation.Missions.Geofence fence = FenceLayout.Of(
            [FenceLayout.Polygon(true, (0, 0), (0, 100), (100, 100), (100, 0)), FenceLayout.Polygon(false, (40, 40), (40, 60), (60, 60), (60, 40))],
            [FenceLayout.Circle(true, 0, 300, 50)]);
        var area = new GeofenceArea(fence, Frame);
        Assert.True(area.Allows(new Vec2(10, 10)));
        Assert.True(area.Allows(new Vec2(0, 320)));
        Assert.False(area.Allows(new Vec2(50, 50)));
        Assert.False(area.Allows(new Vec2(0, 200)));

        // A leg from one inclusion to the other crosses open ground outside both: judged as leaving the inclusion.
        Assert.False(area.SegmentInsideOneInclusion(new Vec2(10, 90), new Vec2(0, 320)));
        Assert.True(area.SegmentInsideOneInclusion(new Vec2(10, 10), new Vec2(90, 30)));
        Assert.True(area.SegmentTouchesExclusion(new Vec2(10, 50), new Vec2(90, 50)));
        Assert.False(area.SegmentTouchesExclusion(new Vec2(10, 10), new Vec2(90, 30)));
    }
}
