using SkiaSharp;

namespace StrategicTech.GroundStation.App;

/// <summary>The view tabs at the top centre of every view: FLY, PARAMS, INSPECT, PLAN.</summary>
public static class TabBar
{
    public const float TabWidth = 96;
    public const float TabHeight = 28;

    /// <summary>Adds the tab buttons for a window <paramref name="width"/> wide.</summary>
    public static void Layout(float width, List<UiButton> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        float left = (width / 2) - (2 * TabWidth) - 6;
        into.Add(new UiButton(UiAction.ShowFly, new SKRect(left, 8, left + TabWidth, 8 + TabHeight), "FLY"));
        into.Add(new UiButton(UiAction.ShowParameters, new SKRect(left + TabWidth + 4, 8, left + (2 * TabWidth) + 4, 8 + TabHeight), "PARAMS"));
        into.Add(new UiButton(UiAction.ShowInspector, new SKRect(left + (2 * TabWidth) + 8, 8, left + (3 * TabWidth) + 8, 8 + TabHeight), "INSPECT"));
        into.Add(new UiButton(UiAction.ShowPlan, new SKRect(left + (3 * TabWidth) + 12, 8, left + (4 * TabWidth) + 12, 8 + TabHeight), "PLAN"));
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
