using SkiaSharp;
using StrategicTech.GroundStation.Rendering;

namespace StrategicTech.GroundStation.Tests.Headless;

/// <summary>Checks a rendered fly view's artificial horizon against an attitude: sky colour above the horizon, ground below.</summary>
internal static class HudPixels
{
    /// <summary>
    /// Probe points 30 px either side of the HUD's centre line and 33 px above/below the horizon (between the 5° and
    /// 10° ladder rungs, clear of their labels), kept only where no other HUD element is drawn: inside the roll
    /// scale, below the heading tape, away from the aircraft symbol.
    /// </summary>
    public static List<(SKPoint Point, bool Sky)> ProbePoints(float viewWidth, double rollRad, double pitchRad)
    {
        SKRect hud = HudLayout.Rect(viewWidth);
        var points = new List<(SKPoint, bool)>();
        foreach (float u in new[] { -30f, 30f })
        {
            foreach (float v in new[] { -33f, 33f })
            {
                SKPoint p = HudLayout.FromHorizon(u, v, hud, rollRad, pitchRad);
                float dx = p.X - hud.MidX;
                float dy = p.Y - hud.MidY;
                bool insideRollScale = Math.Sqrt((dx * dx) + (dy * dy)) < 85;
                bool belowHeadingTape = p.Y > hud.Top + 46;
                bool clearOfSymbol = Math.Abs(dx) > 60 || dy < -6 || dy > 16;
                if (insideRollScale && belowHeadingTape && clearOfSymbol)
                {
                    points.Add((p, v < 0));
                }
            }
        }

        return points;
    }

    /// <summary>Largest per-channel difference between two colours.</summary>
    public static int Distance(SKColor a, SKColor b) =>
        Math.Max(Math.Abs(a.Red - b.Red), Math.Max(Math.Abs(a.Green - b.Green), Math.Abs(a.Blue - b.Blue)));

    public static void AssertHorizon(SKBitmap bitmap, double rollRad, double pitchRad)
    {
        List<(SKPoint Point, bool Sky)> probes = ProbePoints(bitmap.Width, rollRad, pitchRad);
        Assert.True(probes.Count >= 2, $"only {probes.Count} probe points fall on bare sky/ground at roll {rollRad} rad, pitch {pitchRad} rad");
        foreach ((SKPoint p, bool sky) in probes)
        {
            SKColor actual = bitmap.GetPixel((int)Math.Round(p.X), (int)Math.Round(p.Y));
            SKColor expected = sky ? Theme.Sky : Theme.Ground;

            // Solid fills away from every edge: measured difference 0; bound 3 per channel.
            Assert.True(Distance(actual, expected) <= 3, $"pixel ({p.X:0}, {p.Y:0}) is {actual}, expected {(sky ? "sky" : "ground")} {expected} at roll {rollRad:0.000} rad, pitch {pitchRad:0.000} rad");
        }
    }
}
