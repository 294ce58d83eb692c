using SkiaSharp;

namespace StrategicTech.GroundStation.Rendering;

/// <summary>Where the fly view's panels sit for a given window size (the map fills the rest).</summary>
public static class FlyViewLayout
{
    public const float ActionBarHeight = 44;

    /// <summary>Right edge of the vehicle list (the view tabs start right of it).</summary>
    public const float VehicleListRight = 250;

    public static SKRect VehicleList(int vehicles) => new(10, 10, VehicleListRight, 10 + 26 + (Math.Max(1, vehicles) * 22));

    /// <summary>HUD, vehicle status and STATUSTEXT log, stacked on the right.</summary>
    public static SKRect RightColumn(float width) => new(width - HudLayout.Width - HudLayout.Margin, HudLayout.Margin, width - HudLayout.Margin, HudLayout.Margin + HudLayout.HeightPx + 10 + 110 + 10 + 170);

    public static SKRect StatusPanel(float width)
    {
        SKRect hud = HudLayout.Rect(width);
        return new SKRect(hud.Left, hud.Bottom + 10, hud.Right, hud.Bottom + 120);
    }

    public static SKRect StatusLog(float width)
    {
        SKRect status = StatusPanel(width);
        return new SKRect(status.Left, status.Bottom + 10, status.Right, status.Bottom + 180);
    }

    public static SKRect ActionBar(float width, float height) => new(0, height - ActionBarHeight - 4, Math.Min(width, 720), height - 4);

    public static SKRect ConfirmDialog(float width, float height) => new((width / 2) - 170, (height / 2) - 60, (width / 2) + 170, (height / 2) + 60);
}
