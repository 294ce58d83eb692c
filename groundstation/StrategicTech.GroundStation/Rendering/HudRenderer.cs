using System.Globalization;
using SkiaSharp;
using StrategicTech.GroundStation.Model;

namespace StrategicTech.GroundStation.Rendering;

/// <summary>
/// The head-up display: artificial horizon with pitch ladder, roll scale with pointer, heading tape, airspeed and
/// ground-speed tape on the left, altitude above home and AMSL on the right, climb rate.
/// </summary>
public sealed class HudRenderer(Theme theme)
{
    private const double RadToDeg = 180 / Math.PI;

    public void Draw(SKCanvas canvas, float viewWidth, VehicleState? v)
    {
        ArgumentNullException.ThrowIfNull(canvas);
        SKRect hud = HudLayout.Rect(viewWidth);
        double rollRad = v?.RollRad ?? 0;
        double pitchRad = v?.PitchRad ?? 0;
        canvas.Save();
        canvas.ClipRect(hud);
        DrawHorizon(canvas, hud, rollRad, pitchRad);
        DrawRollScale(canvas, hud, rollRad);
        DrawAircraftSymbol(canvas, hud);
        if (v is not null)
        {
            DrawHeadingTape(canvas, hud, v.HeadingDeg);
            DrawTapes(canvas, hud, v);
        }
        else
        {
            theme.DrawText(canvas, "NO VEHICLE", hud.MidX, hud.MidY + 40, SKColors.White, theme.BigFont, SKTextAlign.Center);
        }

        canvas.Restore();
        theme.Stroke.Color = SKColors.Gray;
        theme.Stroke.StrokeWidth = 1;
        canvas.DrawRect(hud, theme.Stroke);
    }

    private void DrawHorizon(SKCanvas canvas, SKRect hud, double rollRad, double pitchRad)
    {
        float pitchPx = (float)(pitchRad * RadToDeg * HudLayout.PixelsPerDegree);
        float big = hud.Width + hud.Height;
        canvas.Save();
        canvas.Translate(hud.MidX, hud.MidY);
        canvas.RotateDegrees((float)(-rollRad * RadToDeg));
        canvas.Translate(0, pitchPx);
        theme.FillRect(canvas, new SKRect(-big, -big * 4, big, 0), Theme.Sky);
        theme.FillRect(canvas, new SKRect(-big, 0, big, big * 4), Theme.Ground);
        theme.Stroke.Color = SKColors.White;
        theme.Stroke.StrokeWidth = 2;
        canvas.DrawLine(-big, 0, big, 0, theme.Stroke);

        // Pitch ladder every 5°, labelled every 10°, across ±90° (only what the clip lets through shows).
        theme.Stroke.StrokeWidth = 1.2f;
        double pitchDeg = pitchRad * RadToDeg;
        int first = (int)Math.Floor((pitchDeg - 35) / 5) * 5;
        for (int deg = first; deg <= pitchDeg + 35; deg += 5)
        {
            if (deg == 0 || deg < -90 || deg > 90)
            {
                continue;
            }

            float y = -deg * HudLayout.PixelsPerDegree;
            float half = deg % 10 == 0 ? 40 : 20;
            canvas.DrawLine(-half, y, half, y, theme.Stroke);
            if (deg % 10 == 0)
            {
                string label = deg.ToString(CultureInfo.InvariantCulture);
                theme.DrawText(canvas, label, -half - 4, y + 4, SKColors.White, theme.SmallFont, SKTextAlign.Right);
                theme.DrawText(canvas, label, half + 4, y + 4, SKColors.White, theme.SmallFont);
            }
        }

        canvas.Restore();
    }

    private void DrawRollScale(SKCanvas canvas, SKRect hud, double rollRad)
    {
        float radius = (hud.Height / 2) - 40;
        theme.Stroke.Color = SKColors.White;
        theme.Stroke.StrokeWidth = 1.5f;
        canvas.Save();
        canvas.Translate(hud.MidX, hud.MidY);
        foreach (int deg in RollMarks)
        {
            canvas.Save();
            canvas.RotateDegrees(deg);
            float len = deg % 30 == 0 ? 10 : 6;
            canvas.DrawLine(0, -radius, 0, -radius - len, theme.Stroke);
            canvas.Restore();
        }

        // Pointer turns with the horizon: it shows the bank angle against the fixed scale.
        canvas.RotateDegrees((float)(-rollRad * RadToDeg));
        theme.Path.Reset();
        theme.Path.MoveTo(0, -radius + 2);
        theme.Path.LineTo(-6, -radius + 12);
        theme.Path.LineTo(6, -radius + 12);
        theme.Path.Close();
        theme.Fill.Color = SKColors.Yellow;
        theme.DrawPath(canvas, theme.Fill);
        canvas.Restore();
    }

    private static readonly int[] RollMarks = [-60, -45, -30, -20, -10, 0, 10, 20, 30, 45, 60];

    private void DrawAircraftSymbol(SKCanvas canvas, SKRect hud)
    {
        theme.Stroke.Color = SKColors.Yellow;
        theme.Stroke.StrokeWidth = 3;
        canvas.DrawLine(hud.MidX - 55, hud.MidY, hud.MidX - 18, hud.MidY, theme.Stroke);
        canvas.DrawLine(hud.MidX + 18, hud.MidY, hud.MidX + 55, hud.MidY, theme.Stroke);
        canvas.DrawLine(hud.MidX - 18, hud.MidY, hud.MidX, hud.MidY + 10, theme.Stroke);
        canvas.DrawLine(hud.MidX + 18, hud.MidY, hud.MidX, hud.MidY + 10, theme.Stroke);
    }

    private void DrawHeadingTape(SKCanvas canvas, SKRect hud, double headingDeg)
    {
        var band = new SKRect(hud.Left, hud.Top, hud.Right, hud.Top + 24);
        theme.FillRect(canvas, band, Theme.PanelBackground);
        if (!double.IsFinite(headingDeg))
        {
            return;
        }

        const float pxPerDeg = 3;
        theme.Stroke.Color = SKColors.White;
        theme.Stroke.StrokeWidth = 1;
        int first = (int)Math.Floor((headingDeg - 60) / 5) * 5;
        for (int deg = first; deg <= headingDeg + 60; deg += 5)
        {
            float x = hud.MidX + (float)((deg - headingDeg) * pxPerDeg);
            canvas.DrawLine(x, band.Bottom, x, band.Bottom - (deg % 10 == 0 ? 7 : 4), theme.Stroke);
            int wrapped = ((deg % 360) + 360) % 360;
            if (wrapped % 30 == 0)
            {
                string label = wrapped switch { 0 => "N", 90 => "E", 180 => "S", 270 => "W", _ => (wrapped / 10).ToString(CultureInfo.InvariantCulture) };
                theme.DrawText(canvas, label, x, band.Top + 11, SKColors.White, theme.SmallFont, SKTextAlign.Center);
            }
        }

        var box = new SKRect(hud.MidX - 22, band.Bottom, hud.MidX + 22, band.Bottom + 18);
        theme.FillRect(canvas, box, SKColors.Black);
        theme.DrawText(canvas, ((int)Math.Round(((headingDeg % 360) + 360) % 360)).ToString("000", CultureInfo.InvariantCulture), hud.MidX, box.Bottom - 4, SKColors.White, theme.Font, SKTextAlign.Center);
    }

    private void DrawTapes(SKCanvas canvas, SKRect hud, VehicleState v)
    {
        var left = new SKRect(hud.Left, hud.MidY - 50, hud.Left + 62, hud.MidY + 50);
        var right = new SKRect(hud.Right - 72, hud.MidY - 50, hud.Right, hud.MidY + 50);
        theme.FillRect(canvas, left, Theme.PanelBackground);
        theme.FillRect(canvas, right, Theme.PanelBackground);
        theme.DrawText(canvas, "AS " + Num(v.AirspeedMps), left.Left + 4, left.Top + 16, SKColors.White, theme.SmallFont);
        theme.DrawText(canvas, "GS " + Num(v.GroundSpeedMps), left.Left + 4, left.MidY + 5, SKColors.White, theme.Font);
        theme.DrawText(canvas, "m/s", left.Left + 4, left.Bottom - 6, SKColors.LightGray, theme.SmallFont);
        theme.DrawText(canvas, "H " + Num(v.HeightAboveHomeM), right.Left + 4, right.Top + 16, SKColors.White, theme.Font);
        theme.DrawText(canvas, "MSL " + Num(v.AltitudeAmslM), right.Left + 4, right.MidY + 5, SKColors.White, theme.SmallFont);
        theme.DrawText(canvas, "VS " + Num(v.ClimbMps), right.Left + 4, right.Bottom - 6, SKColors.White, theme.SmallFont);
    }

    private static string Num(double value) => double.IsFinite(value) ? value.ToString("0.0", CultureInfo.InvariantCulture) : "--";
}
