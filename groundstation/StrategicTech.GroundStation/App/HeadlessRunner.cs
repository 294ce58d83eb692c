using System.Diagnostics;
using System.Globalization;
using SkiaSharp;
using StrategicTech.GroundStation.Model;
using StrategicTech.GroundStation.Platform;
using StrategicTech.GroundStation.Rendering;
using StrategicTech.GroundStation.Replay;

namespace StrategicTech.GroundStation.App;

/// <summary>
/// <c>--headless --replay F --seek-s S --screenshot P</c>: plays the log to S seconds, renders the fly view offscreen
/// (EGL surfaceless) and writes P. With <c>--frames N</c> it first renders N frames while the log plays on at
/// 30 frames per log second, and prints the frame-time percentiles (after <see cref="WarmUpFrames"/> untimed frames:
/// the first ones compile Skia's shaders).
/// </summary>
public static class HeadlessRunner
{
    public const int WarmUpFrames = 10;

    public static int Run(GcsOptions options, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var fleet = new Fleet();
        TlogReplay replay;
        try
        {
            replay = TlogReplay.Open(options.ReplayPath!, fleet);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException)
        {
            error.WriteLine("error: --replay " + ex.Message);
            return GroundStationMain.ExitBadInput;
        }

        bool inside = replay.PlayTo(options.SeekS);
        if (!inside)
        {
            error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"warning: the log ends at {replay.PlayedS:0.0} s, before --seek-s {options.SeekS:0.0}; showing its end"));
        }

        var ui = new FlyViewController(fleet, sender: null);
        using var renderer = new FlyViewRenderer();
        var replayView = new ReplayView(new ReplayTimeline(replay.DurationS, replay.PlayedS), ReplaySeries.Decode(replay), new ReplayRenderer(renderer.Theme));
        try
        {
            renderer.Tiles = Tiles.TileSources.Create(options);
        }
        catch (Tiles.TileSourceException ex)
        {
            error.WriteLine("error: " + ex.Message);
            return GroundStationMain.ExitBadInput;
        }

        using Tiles.TileLayer? tiles = renderer.Tiles;
        try
        {
            using var gl = new HeadlessGlContext();
            using var target = new SkiaGlTarget(HeadlessGlContext.GetProcAddress, options.Width, options.Height, offscreen: true);
            if (options.FrameLimit > 0)
            {
                var times = new FrameTimes(options.FrameLimit);
                double playS = options.SeekS;
                for (int i = 0; i < WarmUpFrames; i++)
                {
                    RenderFrame(ui, renderer, target, replay, replayView);
                }

                for (int i = 0; i < options.FrameLimit; i++)
                {
                    long start = Stopwatch.GetTimestamp();
                    playS += 1.0 / 30;
                    replay.PlayTo(playS);
                    RenderFrame(ui, renderer, target, replay, replayView);
                    times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                }

                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{target.Renderer} {options.Width}x{options.Height} {times.Summary()} (after {WarmUpFrames} warm-up frames) gen2 collections {GC.CollectionCount(2)}"));
            }

            RenderFrame(ui, renderer, target, replay, replayView);
            if (tiles is not null)
            {
                // The first frame asked for the view's tiles; draw again once they are loaded.
                if (!tiles.WaitIdle(TimeSpan.FromSeconds(30)))
                {
                    error.WriteLine("warning: map tiles still loading after 30 s; the screenshot shows what arrived");
                }

                RenderFrame(ui, renderer, target, replay, replayView);
                if (tiles.LastError.Length > 0)
                {
                    error.WriteLine("warning: " + tiles.LastError);
                }
            }

            using SKBitmap bitmap = target.ReadPixels();
            using SKData png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
            File.WriteAllBytes(options.ScreenshotPath!, png.ToArray());
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"wrote {options.ScreenshotPath} ({options.Width}x{options.Height}) at {replay.PlayedS:0.0} s of {replay.Path}: {fleet.Vehicles.Count} vehicle(s), {replay.Frames} frames, {gl.Version}, {target.Renderer}"));
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

    private static void RenderFrame(FlyViewController ui, FlyViewRenderer renderer, SkiaGlTarget target, TlogReplay replay, ReplayView replayView)
    {
        ui.Update(replay.NowUs, target.Width, target.Height);
        renderer.SourceLine = string.Create(CultureInfo.InvariantCulture, $"replay {Path.GetFileName(replay.Path)}  t = {replay.PlayedS:0.0} s");
        renderer.Draw(target.Surface.Canvas, ui);
        replayView.Timeline.SeekTo(replay.PlayedS);
        replayView.Timeline.Layout(target.Width, target.Height);
        replayView.Renderer.Draw(target.Surface.Canvas, replayView.Timeline, replayView.Series, ui.Fleet.Selected?.SystemId);
        target.Flush();
    }
}
