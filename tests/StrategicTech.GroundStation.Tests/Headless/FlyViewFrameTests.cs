using SkiaSharp;
using StrategicTech.GroundStation.App;
using StrategicTech.GroundStation.Model;
using StrategicTech.GroundStation.Platform;
using StrategicTech.GroundStation.Rendering;
using StrategicTech.GroundStation.Telemetry;
using StrategicTech.Navigation.Missions;

namespace StrategicTech.GroundStation.Tests.Headless;

/// <summary>
/// One fly-view frame as the window runs it (apply the queued telemetry, Update, draw, flush), rendered headless at
/// 1280x720 and 1 m/px with the map following vehicle 1 at the centre (640, 360): telemetry queued before frame k is
/// on screen in frame k, and the selected vehicle's geofence and rally points are drawn where they are.
/// </summary>
[Collection(GlCollection.Name)]
public sealed class FlyViewFrameTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const double LatDeg = 47.397742;
    private const double LonDeg = 8.545594;
    private const double MetresPerDegLat = 111_195;
    private static readonly double MetresPerDegLon = MetresPerDegLat * Math.Cos(LatDeg * Math.PI / 180);

    private static (double Lat, double Lon) Offset(double northM, double eastM) => (LatDeg + (northM / MetresPerDegLat), LonDeg + (eastM / MetresPerDegLon));

    private static TelemetrySample Heartbeat(byte id, long timeUs) => new()
    {
        Kind = TelemetryKind.Heartbeat,
        SystemId = id,
        TimeUs = timeUs,
        I0 = (4 << 16) | (4 << 24),
        I1 = 0x80 | 1,
        I2 = 2 | (12 << 8) | (4 << 16),
    };

    private static TelemetrySample Position(byte id, long timeUs, double northM, double eastM)
    {
        (double lat, double lon) = Offset(northM, eastM);
        return new TelemetrySample { Kind = TelemetryKind.GlobalPosition, SystemId = id, TimeUs = timeUs, A = lat, B = lon, C = 520, D = 30, I1 = 0 };
    }

    private static SKBitmap Frame(Fleet fleet, TelemetryQueue queue, FlyViewController ui, FlyViewRenderer renderer, SkiaGlTarget target, long nowUs)
    {
        fleet.ApplyAll(queue);
        ui.Update(nowUs, target.Width, target.Height);
        renderer.Draw(target.Surface.Canvas, ui);
        target.Flush();
        return target.ReadPixels();
    }

    private static int Nearest(SKBitmap bitmap, int x, int y, int radius, SKColor color)
    {
        int best = int.MaxValue;
        for (int dy = -radius; dy <= radius; dy++)
        {
            for (int dx = -radius; dx <= radius; dx++)
            {
                best = Math.Min(best, HudPixels.Distance(bitmap.GetPixel(x + dx, y + dy), color));
            }
        }

        return best;
    }

    [Fact]
    public void A_position_queued_before_a_frame_is_drawn_in_that_frame()
    {
        var fleet = new Fleet();
        var queue = new TelemetryQueue();
        var ui = new FlyViewController(fleet, sender: null);
        using var renderer = new FlyViewRenderer();
        using var gl = new HeadlessGlContext();
        using var target = new SkiaGlTarget(HeadlessGlContext.GetProcAddress, 1280, 720, offscreen: true);
        long nowUs = 1_000_000;
        queue.Accept(Heartbeat(1, nowUs));
        queue.Accept(Heartbeat(2, nowUs));
        queue.Accept(Position(1, nowUs, 0, 0));
        queue.Accept(Position(2, nowUs, -150, -200));
        using (SKBitmap before = Frame(fleet, queue, ui, renderer, target, nowUs))
        {
            // Vehicle 2 (orange-red, not selected) is not yet at 200 m east, 100 m north: (840, 260) is open map.
            Assert.True(HudPixels.Distance(before.GetPixel(840, 254), SKColors.OrangeRed) > 100, $"pixel {before.GetPixel(840, 254)} before the sample");
        }

        // The link thread queues a new position between frames; the next frame shows the icon there.
        nowUs += 33_333;
        queue.Accept(Position(2, nowUs, 100, 200));
        using SKBitmap after = Frame(fleet, queue, ui, renderer, target, nowUs);
        Assert.Equal(0, queue.Count);

        // The arrow (heading 0) is filled from 16 px above its centre to 5 px below; 6 px above is inside it.
        // measured 0 counts; bound 40.
        int d = HudPixels.Distance(after.GetPixel(840, 254), SKColors.OrangeRed);
        output.WriteLine($"vehicle 2 icon pixel {after.GetPixel(840, 254)}: {d} counts");
        Assert.True(d <= 40, $"pixel {after.GetPixel(840, 254)} is {d} counts from the vehicle colour");
    }

    [Fact]
    public void Fly_view_draws_the_selected_vehicles_inclusion_polygon_exclusion_circle_and_rally_point()
    {
        var fleet = new Fleet();
        var queue = new TelemetryQueue();
        var ui = new FlyViewController(fleet, sender: null);
        using var renderer = new FlyViewRenderer();
        using var gl = new HeadlessGlContext();
        using var target = new SkiaGlTarget(HeadlessGlContext.GetProcAddress, 1280, 720, offscreen: true);
        long nowUs = 1_000_000;
        queue.Accept(Heartbeat(1, nowUs));
        queue.Accept(Position(1, nowUs, 0, 0));
        fleet.ApplyAll(queue);
        VehicleState v = fleet.Selected!;

        // What an upload or download left on the vehicle: a 300 m inclusion square about it, a 60 m exclusion circle
        // 210 m west and 130 m south, a rally point 300 m west and 120 m north.
        LatLonDeg Geo(double n, double e)
        {
            (double lat, double lon) = Offset(n, e);
            return new LatLonDeg(lat, lon);
        }

        var square = new GeofencePolygon([Geo(150, -150), Geo(150, 150), Geo(-150, 150), Geo(-150, -150)], true, AltitudeBand.Unbounded);
        var circle = new GeofenceCircle(Geo(-130, -210), 60, false, AltitudeBand.Unbounded);
        v.Fence = new Geofence([square], [circle]);
        LatLonDeg rally = Geo(120, -300);
        v.RallyPoints = [new RallyPoint(rally.LatitudeDeg, rally.LongitudeDeg, 30)];

        using SKBitmap bitmap = Frame(fleet, queue, ui, renderer, target, nowUs);

        // Polygon east edge at x = 790 (y = 430 is off the 100 px graticule): inclusion green. measured 0; bound 40.
        int edge = Nearest(bitmap, 790, 430, 2, FencePainter.InclusionColor);
        Assert.True(edge <= 40, $"inclusion edge {edge} counts off");

        // Circle centre (430, 490), radius 60 px: its outline at x = 490 is exclusion red; inside, the map is tinted red.
        int ring = Nearest(bitmap, 490, 490, 2, FencePainter.ExclusionColor);
        Assert.True(ring <= 40, $"exclusion outline {ring} counts off");
        SKColor inside = bitmap.GetPixel(425, 485);
        SKColor outside = bitmap.GetPixel(425, 585);
        // measured red minus green 24 inside, -4 outside; bounds 15 and 10.
        Assert.True(inside.Red - inside.Green >= 15, $"inside the exclusion circle {inside}");
        Assert.True(outside.Red - outside.Green < 10, $"outside the circle and polygon {outside}");

        output.WriteLine($"edge {edge}, ring {ring}, inside {bitmap.GetPixel(425, 485)}, outside {bitmap.GetPixel(425, 585)}, rally {Nearest(bitmap, 334, 234, 1, FencePainter.RallyColor)}");

        // Rally square centred at (340, 240), 16 px wide; its corner area (away from the R) is rally purple. measured 0; bound 40.
        int r = Nearest(bitmap, 334, 234, 1, FencePainter.RallyColor);
        Assert.True(r <= 40, $"rally point {r} counts off");
    }
}
