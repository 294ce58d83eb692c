using SkiaSharp;

namespace StrategicTech.GroundStation.Rendering;

/// <summary>Where the fly view's panels sit for a given window size (the map fills the rest).</summary>
public static class FlyViewLayout
{
    public const float ActionBarHeight = 44;

    /// <summary>Right edge of the vehicle list (the view tabs start right of it).</summary>
    public const float VehicleListRight = 250;

    public static SKRect VehicleList(int vehicles) => new(10, 10, VehicleListRight, 10 + 26 + (Math.Max(1, vehicles) * 22));

    /// <summary>Height of the STATUSTEXT log when the window is tall enough for all of it.</summary>
    public const float StatusLogHeight = 170;

    /// <summary>Line pitch of the STATUSTEXT log.</summary>
    public const float StatusLogLinePx = 18;

    /// <summary>HUD, vehicle status and STATUSTEXT log, stacked on the right.</summary>
    public static SKRect RightColumn(float width, float height)
    {
        SKRect hud = HudLayout.Rect(width);
        return new SKRect(hud.Left, hud.Top, hud.Right, StatusLog(width, height).Bottom);
    }

    public static SKRect StatusPanel(float width)
    {
        SKRect hud = HudLayout.Rect(width);
        return new SKRect(hud.Left, hud.Bottom + 10, hud.Right, hud.Bottom + 120);
    }

    /// <summary>
    /// The STATUSTEXT log under the status panel. In a short window it ends above the action bar (which spans the
    /// left 720 px and, below about 1 110 px of width, reaches under the right column), so no line is hidden under it.
    /// </summary>
    public static SKRect StatusLog(float width, float height)
    {
        SKRect status = StatusPanel(width);
        float top = status.Bottom + 10;
        float bottom = Math.Min(top + StatusLogHeight, ActionBar(width, height).Top - 6);
        return new SKRect(status.Left, top, status.Right, Math.Max(top + StatusLogLinePx + 6, bottom));
    }

    /// <summary>How many STATUSTEXT lines fit in the log panel.</summary>
    public static int StatusLogLines(SKRect log) => Math.Max(1, (int)((log.Height - 6) / StatusLogLinePx));

    public static SKRect ActionBar(float width, float height) => new(0, height - ActionBarHeight - 4, Math.Min(width, 720), height - 4);

    public static SKRect ConfirmDialog(float width, float height) => new((width / 2) - 170, (height / 2) - 60, (width / 2) + 170, (height / 2) + 60);
}
