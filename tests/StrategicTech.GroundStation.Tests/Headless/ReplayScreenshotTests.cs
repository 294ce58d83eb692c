using System.Globalization;
using SkiaSharp;
using StrategicTech.GroundStation.App;
using StrategicTech.GroundStation.Model;
using StrategicTech.GroundStation.Rendering;
using StrategicTech.GroundStation.Replay;

namespace StrategicTech.GroundStation.Tests.Headless;

/// <summary>
/// A headless replay screenshot carries the timeline (filled up to the seek position, cursor there) and the plot,
/// whose altitude curve passes where the logged height puts it.
/// </summary>
[Collection(GlCollection.Name)]
public sealed class ReplayScreenshotTests
{
    private const int Width = 1024;
    private const int Height = 640;

    [Fact]
    public void Screenshot_at_half_the_log_shows_the_bar_filled_to_the_cursor_and_the_altitude_curve_at_its_logged_height()
    {
        string tlog = SitlTlog.Path;
        var fleet = new Fleet();
        TlogReplay replay = TlogReplay.Open(tlog, fleet);
        ReplaySeries series = ReplaySeries.Decode(replay);
        double seekS = Math.Round(replay.DurationS / 2, 1);
        string png = Path.Combine(Path.GetTempPath(), $"gcs-replay-{Environment.ProcessId}.png");
        var output = new StringWriter();
        var error = new StringWriter();
        int code = GroundStationMain.Run(["--headless", "--replay", tlog, "--seek-s", seekS.ToString(CultureInfo.InvariantCulture), "--screenshot", png, "--size", $"{Width}x{Height}"], output, error);
        Assert.True(code == 0, $"exit {code}: {output} {error}");
        using SKBitmap bitmap = SKBitmap.Decode(png);

        var layout = new ReplayTimeline(replay.DurationS, seekS);
        layout.Layout(Width, Height);
        SKRect bar = layout.Bar;
        int cursorX = (int)layout.XOfTime(seekS);
        int topY = (int)bar.Top + 4;
        Assert.True(HudPixels.Distance(bitmap.GetPixel((int)bar.Left + 6, topY), ReplayRenderer.BarPlayed) <= 6, $"played part {bitmap.GetPixel((int)bar.Left + 6, topY)}");
        Assert.True(HudPixels.Distance(bitmap.GetPixel(cursorX - 6, topY), ReplayRenderer.BarPlayed) <= 6, $"just before the cursor {bitmap.GetPixel(cursorX - 6, topY)}");
        Assert.True(HudPixels.Distance(bitmap.GetPixel(cursorX, topY), ReplayRenderer.Cursor) <= 6, $"cursor {bitmap.GetPixel(cursorX, topY)}");
        Assert.True(HudPixels.Distance(bitmap.GetPixel(cursorX + 6, topY), ReplayRenderer.BarTrack) <= 6, $"just after the cursor {bitmap.GetPixel(cursorX + 6, topY)}");
        Assert.True(HudPixels.Distance(bitmap.GetPixel((int)bar.Right - 6, topY), ReplayRenderer.BarTrack) <= 6, $"unplayed end {bitmap.GetPixel((int)bar.Right - 6, topY)}");

        // At 90 % of the log the quad hovers near 10 m: the curve crosses that column at the height's scaled row.
        byte systemId = fleet.Selected?.SystemId ?? Assert.Single(series.Systems);
        FieldSeries altitude = series.Of(systemId, PlotField.AltitudeAboveHomeM)!;
        SKRect area = layout.PlotArea;
        double atS = 0.9 * replay.DurationS;
        double heightM = altitude.Value(altitude.IndexAtOrBefore(atS));
        int x = (int)(area.Left + (atS / replay.DurationS * area.Width));
        int expectedY = (int)(area.Bottom - ((heightM - altitude.MinValue) / (altitude.MaxValue - altitude.MinValue) * area.Height));
        // The greenest row of that column (anti-aliasing blends the 1.5 px stroke with the panel behind it).
        int found = -1;
        int bestGreen = 0;
        for (int y = (int)area.Top; y <= (int)area.Bottom; y++)
        {
            SKColor c = bitmap.GetPixel(x, y);
            int green = c.Green - Math.Max(c.Red, c.Blue);
            if (green > bestGreen)
            {
                (bestGreen, found) = (green, y);
            }
        }

        // The altitude colour (90, 220, 110) has green lead 110; a blended stroke pixel keeps well over half of it.
        Assert.True(bestGreen > 60, $"no altitude curve in column {x} (green lead {bestGreen})");
        // Within 2 px of the scaled height (the stroke is 1.5 px wide; rows are whole pixels).
        Assert.True(Math.Abs(found - expectedY) <= 2, $"altitude curve at row {found}, expected {expectedY} ({heightM:0.00} m)");
    }
}
