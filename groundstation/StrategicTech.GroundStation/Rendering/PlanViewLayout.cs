using SkiaSharp;
using StrategicTech.GroundStation.App;

namespace StrategicTech.GroundStation.Rendering;

/// <summary>
/// Where the plan view's controls sit: a panel on the left (tools, mission items, the selected item's editor
/// fields, file box, transfer buttons), the map behind everything, and the status line with the transfer's
/// progress bar at the bottom.
/// </summary>
public static class PlanViewLayout
{
    public const float PanelLeft = 10;
    public const float PanelTop = 44;
    public const float PanelWidth = 250;
    public const float Row = 30;
    public const float Gap = 4;

    /// <summary>The editor fields: altitude, speed, hold, acceptance radius (also the fence circle's radius), survey line spacing.</summary>
    public static readonly string[] FieldNames = ["ALT m", "SPEED m/s", "HOLD s", "RADIUS m", "SPACING m"];

    public static SKRect Panel(float height) => new(PanelLeft - 4, PanelTop - 4, PanelLeft + PanelWidth + 4, height - 50);

    public static SKRect StatusBar(float width, float height) => new(PanelLeft + PanelWidth + 12, height - 44, width - 10, height - 10);

    public static SKRect ProgressBar(float width, float height)
    {
        SKRect bar = StatusBar(width, height);
        return new SKRect(bar.Left + 6, bar.Bottom - 10, bar.Right - 6, bar.Bottom - 4);
    }

    /// <summary>Top of the mission item list (under the tools and the field editor).</summary>
    public static float ListTop => PanelTop + (9 * (Row + Gap)) + 4;

    public static SKRect ItemRow(int row) => new(PanelLeft, ListTop + (row * 20), PanelLeft + PanelWidth, ListTop + ((row + 1) * 20));

    public static int ItemRows(float height) => Math.Max(0, (int)((height - 56 - ListTop) / 20));

    public static void Add(float width, float height, List<UiButton> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        TabBar.Layout(width, into);
        float w3 = (PanelWidth - (2 * Gap)) / 3;
        float w2 = (PanelWidth - Gap) / 2;
        float y = PanelTop;
        AddRow(into, y, w3, (UiAction.PlanToolWaypoint, "WAYPOINT"), (UiAction.PlanToolSurvey, "SURVEY"), (UiAction.PlanToolRally, "RALLY"));
        y += Row + Gap;
        AddRow(into, y, w3, (UiAction.PlanToolFencePolygon, "FENCE"), (UiAction.PlanToolFenceCircle, "CIRCLE"), (UiAction.PlanToggleInclusion, "INCL"));
        y += Row + Gap;
        AddRow(into, y, w3, (UiAction.PlanTakeoff, "TAKEOFF"), (UiAction.PlanLand, "LAND"), (UiAction.PlanReturnToLaunch, "RTL"));
        y += Row + Gap;
        AddRow(into, y, w2, (UiAction.PlanFinishShape, "DONE"), (UiAction.PlanDelete, "DELETE"));
        y += Row + Gap;

        // Field boxes, two per row; the button's SystemId is the field index.
        for (int i = 0; i < FieldNames.Length; i++)
        {
            float left = PanelLeft + ((i % 2) * (w2 + Gap));
            float top = y + ((i / 2) * (Row + Gap));
            into.Add(new UiButton(UiAction.PlanFocusField, new SKRect(left, top, left + w2, top + Row), FieldNames[i], (byte)i));
        }

        y += 3 * (Row + Gap);
        into.Add(new UiButton(UiAction.PlanFocusField, new SKRect(PanelLeft, y, PanelLeft + PanelWidth, y + Row), "FILE", FileField));
        y += Row + Gap;
        float w4 = (PanelWidth - (3 * Gap)) / 4;
        AddRow(into, y, w4, (UiAction.PlanOpen, "OPEN"), (UiAction.PlanSave, "SAVE"), (UiAction.PlanUpload, "UPLOAD"), (UiAction.PlanDownload, "DOWNLD"));
    }

    /// <summary>The file box's field index (after the editor fields).</summary>
    public const byte FileField = 5;

    private static void AddRow(List<UiButton> into, float y, float w, params (UiAction Action, string Label)[] buttons)
    {
        float x = PanelLeft;
        foreach ((UiAction action, string label) in buttons)
        {
            into.Add(new UiButton(action, new SKRect(x, y, x + w, y + Row), label));
            x += w + Gap;
        }
    }
}
