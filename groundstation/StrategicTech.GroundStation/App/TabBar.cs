using SkiaSharp;

namespace StrategicTech.GroundStation.App;

/// <summary>The view tabs at the top centre of every view: FLY, PARAMS, INSPECT, PLAN.</summary>
public static class TabBar
{
    public const float TabWidth = 96;
    public const float TabHeight = 28;

    /// <summary>Narrowest tab that still holds its label.</summary>
    public const float MinTabWidth = 64;

    private const float Gap = 4;
    private const float Top = 8;

    /// <summary>
    /// Adds the tab buttons for a window <paramref name="width"/> wide: centred when the row fits between the fly view's
    /// vehicle list and its HUD, else narrowed (down to <see cref="MinTabWidth"/>) and centred in the space between them,
    /// so a 1024 px window keeps tabs and HUD apart.
    /// </summary>
    public static void Layout(float width, List<UiButton> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        float tab = TabWidth;
        float row = (4 * tab) + (3 * Gap);
        float left = (width / 2) - (row / 2);
        float clearLeft = Rendering.FlyViewLayout.VehicleListRight + 10;
        float clearRight = Rendering.HudLayout.Rect(width).Left - 10;
        if (left < clearLeft || left + row > clearRight)
        {
            float space = clearRight - clearLeft;
            tab = Math.Max(MinTabWidth, Math.Min(TabWidth, (space - (3 * Gap)) / 4));
            row = (4 * tab) + (3 * Gap);
            left = clearLeft + Math.Max(0, (space - row) / 2);
        }

        into.Add(new UiButton(UiAction.ShowFly, Tab(left, 0, tab), "FLY"));
        into.Add(new UiButton(UiAction.ShowParameters, Tab(left, 1, tab), "PARAMS"));
        into.Add(new UiButton(UiAction.ShowInspector, Tab(left, 2, tab), "INSPECT"));
        into.Add(new UiButton(UiAction.ShowPlan, Tab(left, 3, tab), "PLAN"));
    }

    private static SKRect Tab(float left, int index, float tabWidth)
    {
        float x = left + (index * (tabWidth + Gap));
        return new SKRect(x, Top, x + tabWidth, Top + TabHeight);
    }

    /// <summary>The view a tab button selects, or null for other buttons.</summary>
    public static ViewKind? ViewOf(UiAction action) => action switch
    {
        UiAction.ShowFly => ViewKind.Fly,
        UiAction.ShowParameters => ViewKind.Parameters,
        UiAction.ShowInspector => ViewKind.Inspector,
        UiAction.ShowPlan => ViewKind.Plan,
        _ => null,
    };
}
