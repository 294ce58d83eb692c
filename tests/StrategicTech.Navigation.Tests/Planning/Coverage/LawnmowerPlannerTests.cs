using FsCheck.Xunit;
using StrategicTech.Navigation.Planning.Coverage;
using StrategicTech.Navigation.Planning.Geometry2D;

namespace StrategicTech.Navigation.Tests.Planning.Coverage;

// Tolerances in this class are rounding epsilons on exact identities (camera footprint formulas, pass spacing,
// headings).
public sealed class LawnmowerPlannerTests
{
    [Fact]
    public void Footprint_and_spacing_follow_the_pinhole_formula()
    {
        // 1" sensor 13.2 × 8.8 mm, 8.8 mm lens, 100 m above ground.
        var camera = new CameraSpec(13.2, 8.8, 8.8, 5472, 3648);
        CameraFootprint footprint = CameraFootprint.FromCamera(camera, 100);
        Assert.Equal(150.0, footprint.WidthM, 9);
        Assert.Equal(100.0, footprint.HeightM, 9);
        Assert.Equal(150.0 * 0.3, footprint.LineSpacingM(0.7), 9);
        Assert.Equal(100.0 * 0.2, footprint.TriggerDistanceM(0.8), 9);
        Assert.Equal(100 * 13.2 / (8.8 * 5472), CameraFootprint.GroundSampleDistanceM(camera, 100), 12);
        CameraFootprint portrait = CameraFootprint.FromCamera(camera, 100, landscape: false);
        Assert.Equal(100.0, portrait.WidthM, 9);
    }

    [Fact]
    public void Adjacent_passes_are_exactly_one_line_spacing_apart()
    {
        var region = new SurveyRegion([new Vec2(0, 0), new Vec2(300, 0), new Vec2(300, 200), new Vec2(0, 200)]);
        CameraFootprint footprint = CameraFootprint.FromCamera(new CameraSpec(13.2, 8.8, 8.8, 5472, 3648), 40);
        SurveyOptions options = SurveyOptions.FromFootprint(footprint, 0.7, 0.75, 15, new Vec2(-20, -20), sweepHeadingDeg: 0);
        SurveyPattern pattern = LawnmowerPlanner.Plan(region, options);
        Assert.Equal(60.0 * 0.3, pattern.LineSpacingM, 9);
        Assert.Equal(40.0 * 0.25, pattern.TriggerDistanceM, 9);
        double[] eastOfPasses = pattern.Passes.Select(p => p.Start.Y).Order().ToArray();
        Assert.Equal(pattern.BandCount, eastOfPasses.Length);
        for (int i = 1; i < eastOfPasses.Length; i++)
        {
            Assert.Equal(options.LineSpacingM, eastOfPasses[i] - eastOfPasses[i - 1], 9);
        }

        // Bands are centred on the region and together cover its whole width.
        Assert.Equal(200.0 - eastOfPasses[^1], eastOfPasses[0] - 0.0, 9);
        Assert.True(eastOfPasses[0] - (footprint.WidthM / 2) <= 0);
        Assert.Equal((int)Math.Ceiling((200.0 - 60.0) / 18.0) + 1, pattern.BandCount);

        // Heading 0 (north): passes run along X; the turnaround extends 15 m beyond each band end.
        foreach (SurveyPass pass in pattern.Passes)
        {
            Assert.Equal(pass.Start.Y, pass.End.Y, 12);
            Assert.Equal(300.0, pass.LengthM, 9);
        }

        Assert.Equal(SurveyWaypointKind.TurnaroundIn, pattern.Route[0].Kind);
        Assert.Equal(15.0, Vec2.Distance(pattern.Route[0].PositionNedM, pattern.Route[1].PositionNedM), 9);
    }

    [Theory]
    [InlineData(30.0)]
    [InlineData(0.0)]
    [InlineData(117.0)]
    public void Sweep_over_a_long_thin_rectangle_runs_along_its_long_side(double longSideHeadingDeg)
    {
        Vec2 along = Vec2.FromHeading(longSideHeadingDeg * Math.PI / 180);
        Vec2 across = along.Perpendicular();
        Vec2 o = new(100, -50);
        var region = new SurveyRegion([o, o + (along * 800), o + (along * 800) + (across * 60), o + (across * 60)]);
        var options = new SurveyOptions(40, 30, 25, 20, 10, new Vec2(0, 0));
        SurveyPattern pattern = LawnmowerPlanner.Plan(region, options);
        double diff = Math.Abs(((pattern.SweepHeadingDeg - longSideHeadingDeg) % 180 + 180) % 180);
        Assert.True(diff < 1e-6 || Math.Abs(diff - 180) < 1e-6, $"heading {pattern.SweepHeadingDeg} vs long side {longSideHeadingDeg}");
        Assert.Equal(2, pattern.Passes.Count); // ceil((60 − 40) / 25) + 1; across the long side it would take 32
    }

    [Fact]
    public void Entry_is_chosen_near_home()
    {
        var region = new SurveyRegion([new Vec2(0, 0), new Vec2(200, 0), new Vec2(200, 200), new Vec2(0, 200)]);
        // 7 bands centred 10 m inside the square: band ends are (0|200, 10|190); with an odd band count entry and
        // exit are opposite corners, so entry + exit ties and the entry nearest home must win.
        (Vec2 Home, Vec2 Entry)[] cases =
        [
            (new Vec2(-50, -50), new Vec2(0, 10)),
            (new Vec2(250, 250), new Vec2(200, 190)),
            (new Vec2(-50, 250), new Vec2(0, 190)),
            (new Vec2(250, -50), new Vec2(200, 10)),
        ];
        foreach ((Vec2 home, Vec2 entry) in cases)
        {
            SurveyPattern pattern = LawnmowerPlanner.Plan(region, new SurveyOptions(30, 30, 30, 30, 0, home, 0));
            Assert.Equal(7, pattern.BandCount);
            Assert.Equal(entry, pattern.Route[0].PositionNedM);
        }
    }

    [Fact]
    public void A_hole_splits_the_passes_that_cross_it_and_side_passes_fly_beside_it()
    {
        var region = new SurveyRegion(
            [new Vec2(0, 0), new Vec2(200, 0), new Vec2(200, 100), new Vec2(0, 100)],
            [[new Vec2(80, 30), new Vec2(120, 30), new Vec2(120, 70), new Vec2(80, 70)]]);
        var options = new SurveyOptions(20, 20, 20, 20, 0, new Vec2(0, 0), 0);
        SurveyPattern pattern = LawnmowerPlanner.Plan(region, options);
        Assert.Equal(5, pattern.BandCount);
        foreach (SurveyPass pass in pattern.Passes)
        {
            AssertNotInsideHoles(region, pass);
        }

        // Band at east 50 crosses the hole: cut at north 80 and 120.
        Assert.Contains(pattern.Passes, p => p.Start.Y == 50 && Math.Max(p.Start.X, p.End.X) == 80);
        Assert.Contains(pattern.Passes, p => p.Start.Y == 50 && Math.Min(p.Start.X, p.End.X) == 120);
        AssertCovered(region, options, pattern, 200);
    }

    [Fact]
    public void Degenerate_regions_and_options_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => new SurveyRegion([new Vec2(0, 0), new Vec2(10, 0), new Vec2(20, 0)]));
        Assert.Throws<ArgumentException>(() => new SurveyRegion([new Vec2(0, 0), new Vec2(10, 0)]));
        var region = new SurveyRegion([new Vec2(0, 0), new Vec2(10, 0), new Vec2(10, 10)]);
        Assert.Throws<ArgumentOutOfRangeException>(() => LawnmowerPlanner.Plan(region, new SurveyOptions(10, 10, 12, 5, 0, Vec2.Zero)));
        Assert.Throws<ArgumentOutOfRangeException>(() => LawnmowerPlanner.Plan(region, new SurveyOptions(10, 10, 5, 0, 0, Vec2.Zero)));
        Assert.Throws<ArgumentOutOfRangeException>(() => CameraFootprint.FromCamera(new CameraSpec(13.2, 8.8, 0, 100, 100), 50));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CameraFootprint(10, 10).LineSpacingM(1.0));
    }

    [Fact]
    public void A_region_that_is_all_hole_gets_no_pass_inside_the_hole()
    {
        Vec2[] square = [new Vec2(0, 0), new Vec2(50, 0), new Vec2(50, 50), new Vec2(0, 50)];
        var region = new SurveyRegion(square, [[new Vec2(-1, -1), new Vec2(51, -1), new Vec2(51, 51), new Vec2(-1, 51)]]);
        SurveyPattern pattern = LawnmowerPlanner.Plan(region, new SurveyOptions(20, 20, 20, 20, 5, Vec2.Zero, 0));
        // Only the band-edge side passes outside the hole remain (they photograph nothing but never enter it).
        Assert.All(pattern.Passes, pass => AssertNotInsideHoles(region, pass));
        Assert.All(pattern.Passes, pass => Assert.True(pass.Start.Y is < 0 or > 50));
    }

    [Property(MaxTest = 60)]
    public void Every_point_of_a_random_polygon_outside_its_hole_is_photographed_and_no_pass_enters_the_hole(int seed)
    {
        var random = new Random(seed);
        SurveyRegion region = RandomRegion(random);
        double width = 15 + (random.NextDouble() * 60);
        double height = 10 + (random.NextDouble() * 50);
        var options = SurveyOptions.FromFootprint(new CameraFootprint(width, height), random.NextDouble() * 0.8, random.NextDouble() * 0.8,
            random.NextDouble() * 20, new Vec2(-100 + (random.NextDouble() * 600), -100 + (random.NextDouble() * 600)),
            random.Next(3) == 0 ? random.NextDouble() * 180 : null);
        SurveyPattern pattern = LawnmowerPlanner.Plan(region, options);
        foreach (SurveyPass pass in pattern.Passes)
        {
            AssertNotInsideHoles(region, pass);
        }

        AssertCovered(region, options, pattern, 70);
    }

    internal static SurveyRegion RandomRegion(Random random)
    {
        while (true)
        {
            double sx = 60 + (random.NextDouble() * 400);
            double sy = 60 + (random.NextDouble() * 400);
            int n = 3 + random.Next(7);
            var points = new Vec2[n];
            for (int i = 0; i < n; i++)
            {
                points[i] = new Vec2(random.NextDouble() * sx, random.NextDouble() * sy);
            }

            Vec2[] hull = Geometry.ConvexHull(points);
            if (hull.Length < 3 || Math.Abs(Geometry.SignedArea2(hull)) < 2000)
            {
                continue;
            }

            if (random.Next(3) == 0)
            {
                return new SurveyRegion(hull);
            }

            // A convex hole (regular polygon) strictly inside.
            Vec2 centroid = Vec2.Zero;
            foreach (Vec2 p in hull)
            {
                centroid += p / hull.Length;
            }

            double radius = 5 + (random.NextDouble() * 0.3 * Math.Min(sx, sy));
            int sides = 3 + random.Next(6);
            double phase = random.NextDouble() * Math.PI;
            var hole = new Vec2[sides];
            for (int i = 0; i < sides; i++)
            {
                hole[i] = centroid + (Vec2.FromHeading(phase + (2 * Math.PI * i / sides)) * radius);
            }

            if (hole.All(p => Geometry.Contains(hull, p) && Geometry.SegmentRingBoundaryDistance(p, p, hull) > 1))
            {
                return new SurveyRegion(hull, [hole]);
            }
        }
    }

    internal static void AssertNotInsideHoles(SurveyRegion region, SurveyPass pass)
    {
        foreach (Vec2[] hole in region.Holes)
        {
            for (int i = 0; i <= 64; i++)
            {
                Vec2 p = pass.Start + ((pass.End - pass.Start) * (i / 64.0));
                bool strictlyInside = Geometry.Contains(hole, p) && Geometry.SegmentRingBoundaryDistance(p, p, hole) > 1e-6;
                Assert.False(strictlyInside, $"pass {pass} enters the hole at {p}");
            }
        }
    }

    /// <summary>Independent check: shots at each pass start, every trigger distance, and the pass end; each image an oriented footprint rectangle.</summary>
    internal static void AssertCovered(SurveyRegion region, SurveyOptions options, SurveyPattern pattern, int samplesPerAxis)
    {
        var shots = new List<(Vec2 Center, Vec2 Along)>();
        Vec2 heading = Vec2.FromHeading(pattern.SweepHeadingDeg * Math.PI / 180);
        foreach (SurveyPass pass in pattern.Passes)
        {
            double length = pass.LengthM;
            Vec2 dir = length > 0 ? (pass.End - pass.Start) / length : heading;
            for (double s = 0; s < length; s += options.TriggerDistanceM)
            {
                shots.Add((pass.Start + (dir * s), dir));
            }

            shots.Add((pass.End, dir));
        }

        double minX = region.Outer.Min(p => p.X);
        double maxX = region.Outer.Max(p => p.X);
        double minY = region.Outer.Min(p => p.Y);
        double maxY = region.Outer.Max(p => p.Y);
        int checkedPoints = 0;
        for (int i = 0; i < samplesPerAxis; i++)
        {
            for (int j = 0; j < samplesPerAxis; j++)
            {
                var p = new Vec2(minX + ((maxX - minX) * (i + 0.5) / samplesPerAxis), minY + ((maxY - minY) * (j + 0.5) / samplesPerAxis));
                if (!region.Contains(p))
                {
                    continue;
                }

                checkedPoints++;
                bool covered = shots.Exists(shot =>
                {
                    Vec2 d = p - shot.Center;
                    return Math.Abs(Vec2.Dot(d, shot.Along)) <= (options.FootprintHeightM / 2) + 1e-6
                        && Math.Abs(Vec2.Dot(d, shot.Along.Perpendicular())) <= (options.FootprintWidthM / 2) + 1e-6;
                });
                Assert.True(covered, $"point {p} of the region is in no image");
            }
        }

        Assert.True(checkedPoints > 0);
    }
}
