using SkiaSharp;

namespace StrategicTech.GroundStation.Rendering;

/// <summary>
/// Where the HUD sits and how its artificial horizon maps attitude to pixels: the horizon passes through the HUD
/// centre shifted down by pitch × <see cref="PixelsPerDegree"/> and is rotated by −roll (a right roll tilts the
/// horizon anticlockwise on screen, as seen from the cockpit).
/// </summary>
public static class HudLayout
{
    public const float Width = 380;
    public const float HeightPx = 280;
    public const float Margin = 10;

    /// <summary>Pitch ladder scale: the HUD shows about ±30°.</summary>
    public const float PixelsPerDegree = HeightPx / 60f;

    public static SKRect Rect(float viewWidth) => new(viewWidth - Width - Margin, Margin, viewWidth - Margin, Margin + HeightPx);

    /// <summary>True when screen point (<paramref name="x"/>, <paramref name="y"/>) lies on the sky side of the horizon.</summary>
    public static bool IsSky(float x, float y, SKRect hud, double rollRad, double pitchRad) => HorizonOffsetPx(x, y, hud, rollRad, pitchRad) < 0;

    /// <summary>Signed distance (px) of a point from the horizon line, negative on the sky side.</summary>
    public static double HorizonOffsetPx(float x, float y, SKRect hud, double rollRad, double pitchRad)
    {
        double dx = x - hud.MidX;
        double dy = y - hud.MidY;

        // Undo the −roll rotation of the drawing, then the pitch shift.
        double c = Math.Cos(rollRad);
        double s = Math.Sin(rollRad);
        double v = (s * dx) + (c * dy);
        return v - (pitchRad * 180 / Math.PI * PixelsPerDegree);
    }

    /// <summary>Screen point at (<paramref name="u"/>, <paramref name="v"/>) px in the horizon's frame (u right along it, v down from it).</summary>
    public static SKPoint FromHorizon(float u, float v, SKRect hud, double rollRad, double pitchRad)
    {
        double vv = v + (pitchRad * 180 / Math.PI * PixelsPerDegree);
        double c = Math.Cos(rollRad);
        double s = Math.Sin(rollRad);

        // Rotation by −roll: x = c·u + s·v, y = −s·u + c·v.
        return new SKPoint((float)(hud.MidX + (c * u) + (s * vv)), (float)(hud.MidY + (-s * u) + (c * vv)));
    }
}
