using System.Diagnostics;
using System.Globalization;
using SkiaSharp;
using StrategicTech.GroundStation.App;
using StrategicTech.GroundStation.Model;
using StrategicTech.GroundStation.Platform;
using StrategicTech.GroundStation.Rendering;

namespace StrategicTech.GroundStation.Bench;

/// <summary>
/// <c>--headless --bench-frames N</c>: the performance scene (<see cref="FleetBenchScene"/>, 10 vehicles with
/// 10 000-point tracks) rendered N times offscreen at <c>--size</c> (default 1280x720). Each frame is one telemetry
/// step for every vehicle, <see cref="FlyViewController.Update"/>, the fly view's Skia drawing, Skia's GL flush and
/// <c>glFinish</c>; the line printed gives the frame-time percentiles, each phase's p50/p99, the managed bytes
/// allocated per frame and the gen-0/1/2 collections during the timed frames. <c>--screenshot</c> also writes the last frame.
/// </summary>
public static class HeadlessBench
{
    public const int WarmUpFrames = 20;

    public static int Run(GcsOptions options, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var fleet = new Fleet();
        var scene = new FleetBenchScene(fleet);
        var ui = new FlyViewController(fleet, sender: null);
        using var renderer = new FlyViewRenderer { SourceLine = "benchmark: 10 vehicles x 10 000 track points" };
        try
        {
            using var gl = new HeadlessGlContext();
            using var target = new SkiaGlTarget(HeadlessGlContext.GetProcAddress, options.Width, options.Height, offscreen: true);
            var total = new FrameTimes(options.BenchFrames);
            var update = new FrameTimes(options.BenchFrames);
            var draw = new FrameTimes(options.BenchFrames);
            var flush = new FrameTimes(options.BenchFrames);
            var finish = new FrameTimes(options.BenchFrames);
            for (int i = 0; i < WarmUpFrames; i++)
            {
                Frame(scene, ui, renderer, target, null, null, null, null);
            }

            int gen0 = GC.CollectionCount(0);
            int gen1 = GC.CollectionCount(1);
            int gen2 = GC.CollectionCount(2);
            long allocated = GC.GetAllocatedBytesForCurrentThread();
            int rebuilds = renderer.Map.Tracks.Rebuilds;
            for (int i = 0; i < options.BenchFrames; i++)
            {
                long start = Stopwatch.GetTimestamp();
                Frame(scene, ui, renderer, target, update, draw, flush, finish);
                total.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }

            long bytesPerFrame = (GC.GetAllocatedBytesForCurrentThread() - allocated) / options.BenchFrames;
            int points = 0;
            foreach (VehicleState v in fleet.Vehicles)
            {
                points += v.Track.Count;
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{target.Renderer} {options.Width}x{options.Height} {fleet.Vehicles.Count} vehicles {points} track points {total.Summary()} (after {WarmUpFrames} warm-up frames)"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"phases p50/p99 ms: update {update.Percentile(50):0.00}/{update.Percentile(99):0.00}  draw {draw.Percentile(50):0.00}/{draw.Percentile(99):0.00}  skia flush {flush.Percentile(50):0.00}/{flush.Percentile(99):0.00}  glFinish {finish.Percentile(50):0.00}/{finish.Percentile(99):0.00}"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"track layer rebuilds {renderer.Map.Tracks.Rebuilds - rebuilds}  allocated {bytesPerFrame} B/frame  collections gen0 {GC.CollectionCount(0) - gen0} gen1 {GC.CollectionCount(1) - gen1} gen2 {GC.CollectionCount(2) - gen2}"));
            if (options.ScreenshotPath is not null)
            {
                using SKBitmap bitmap = target.ReadPixels();
                using SKData png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
                File.WriteAllBytes(options.ScreenshotPath, png.ToArray());
            }

            return GroundStationMain.ExitOk;
        }
        catch (InvalidOperationException ex)
        {
            error.WriteLine("error: headless rendering: " + ex.Message);
            return GroundStationMain.ExitFailed;
        }
        catch (IOException ex)
        {
            error.WriteLine($"error: --screenshot {options.ScreenshotPath}: {ex.Message}");
            return GroundStationMain.ExitBadInput;
        }
    }

    private static void Frame(FleetBenchScene scene, FlyViewController ui, FlyViewRenderer renderer, SkiaGlTarget target, FrameTimes? update, FrameTimes? draw, FrameTimes? flush, FrameTimes? finish)
    {
        long t0 = Stopwatch.GetTimestamp();
        scene.Step();
        ui.Update(scene.NowUs, target.Width, target.Height);
        long t1 = Stopwatch.GetTimestamp();
        renderer.Draw(target.Surface.Canvas, ui);
        long t2 = Stopwatch.GetTimestamp();
        target.FlushSkia();
        long t3 = Stopwatch.GetTimestamp();
        target.FinishGl();
        long t4 = Stopwatch.GetTimestamp();
        update?.Add(Stopwatch.GetElapsedTime(t0, t1).TotalMilliseconds);
        draw?.Add(Stopwatch.GetElapsedTime(t1, t2).TotalMilliseconds);
        flush?.Add(Stopwatch.GetElapsedTime(t2, t3).TotalMilliseconds);
        finish?.Add(Stopwatch.GetElapsedTime(t3, t4).TotalMilliseconds);
    }
}
