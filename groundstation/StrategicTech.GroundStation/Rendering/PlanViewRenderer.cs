using System.Globalization;
using SkiaSharp;
using StrategicTech.GroundStation.App;
using StrategicTech.GroundStation.Link;
using StrategicTech.GroundStation.Plan;
using StrategicTech.Navigation.Missions;

namespace StrategicTech.GroundStation.Rendering;

/// <summary>
/// Draws the plan view: the map (tiles, graticule, vehicles, the vehicle's own mission in green), the plan's fence
/// (inclusion green, exclusion red), rally points, the polygon being drawn, the plan's mission path with numbered
/// markers (selected yellow), then the tool panel, the item list, the editor fields and the status line with the
/// transfer's progress bar.
/// </summary>
public sealed class PlanViewRenderer(Theme theme) : IDisposable
{
    private static readonly SKColor PlanColor = new(90, 200, 255);
    private static readonly SKColor SelectedColor = SKColors.Yellow;
    private static readonly SKColor ActiveTool = new(40, 110, 190);
    private static readonly SKColor ButtonColor = new(50, 60, 75);

    // The plan's own fence and rally are drawn over the map; the vehicle's (the fly view shows them) would double them.
    private readonly MapRenderer _map = new(theme) { ShowFenceAndRally = false };

    /// <summary>The map's raster tiles (shared with the fly view; null: graticule only).</summary>
    public Tiles.TileLayer? Tiles
    {
        get => _map.Tiles;
        set => _map.Tiles = value;
    }

    public void Dispose() => _map.Dispose();

    public void Draw(SKCanvas canvas, PlanViewController ui)
    {
        ArgumentNullException.ThrowIfNull(canvas);
        ArgumentNullException.ThrowIfNull(ui);
        float w = ui.Width;
        float h = ui.Height;
        _map.Draw(canvas, w, h, ui.Map, ui.Fleet, null);
        if (ui.Map.HasCenter)
        {
            DrawFence(canvas, ui);
            DrawSurveys(canvas, ui);
            DrawRally(canvas, ui);
            DrawMission(canvas, ui);
            DrawDraft(canvas, ui);
        }

        DrawPanel(canvas, ui);
        DrawStatus(canvas, ui);
        ButtonPainter.DrawTabs(canvas, theme, ui.Buttons, ViewKind.Plan);
    }

    private void DrawFence(SKCanvas canvas, PlanViewController ui) =>
        FencePainter.DrawFence(canvas, theme, ui.Map, ui.Width, ui.Height, ui.Document.FencePolygons, ui.Document.FenceCircles);

    // Each survey's polygon (what a saved .plan keeps as its ComplexItem), lightly filled in the plan colour.
    private void DrawSurveys(SKCanvas canvas, PlanViewController ui)
    {
        foreach (PlanSurvey survey in ui.Document.Surveys)
        {
            IReadOnlyList<LatLonDeg> polygon = survey.Survey.Polygon;
            theme.Path.Reset();
            for (int i = 0; i < polygon.Count; i++)
            {
                (float x, float y) = ui.Map.ToScreen(polygon[i].LatitudeDeg, polygon[i].LongitudeDeg, ui.Width, ui.Height);
                if (i == 0)
                {
                    theme.Path.MoveTo(x, y);
                }
                else
                {
                    theme.Path.LineTo(x, y);
                }
            }

            theme.Path.Close();
            theme.Fill.Color = PlanColor.WithAlpha(30);
            theme.DrawPath(canvas, theme.Fill);
            theme.Stroke.Color = PlanColor.WithAlpha(160);
            theme.Stroke.StrokeWidth = 1;
            theme.DrawPath(canvas, theme.Stroke);
        }
    }

    private void DrawRally(SKCanvas canvas, PlanViewController ui) =>
        FencePainter.DrawRally(canvas, theme, ui.Map, ui.Width, ui.Height, ui.Document.RallyPoints);

    private void DrawMission(SKCanvas canvas, PlanViewController ui)
    {
        PlanDocument doc = ui.Document;
        theme.Path.Reset();
        bool first = true;
        for (int i = 0; i < doc.Count; i++)
        {
            if (ui.ScreenOf(i) is { } p)
            {
                if (first)
                {
                    theme.Path.MoveTo(p.X, p.Y);
                    first = false;
                }
                else
                {
                    theme.Path.LineTo(p.X, p.Y);
                }
            }
        }

        theme.Stroke.Color = PlanColor;
        theme.Stroke.StrokeWidth = 2;
        theme.DrawPath(canvas, theme.Stroke);
        for (int i = 0; i < doc.Count; i++)
        {
            if (ui.ScreenOf(i) is { } p)
            {
                bool selected = i == ui.Selected;
                theme.Fill.Color = selected ? SelectedColor : PlanColor;
                canvas.DrawCircle(p.X, p.Y, selected ? 12 : 9, theme.Fill);
                string label = doc[i].Command switch
                {
                    MavCmd.NavTakeoff => "T",
                    MavCmd.NavLand => "L",
                    _ => i.ToString(CultureInfo.InvariantCulture),
                };
                theme.DrawText(canvas, label, p.X, p.Y + 4, SKColors.Black, theme.SmallFont, SKTextAlign.Center);
            }
        }
    }

    private void DrawDraft(SKCanvas canvas, PlanViewController ui)
    {
        IReadOnlyList<LatLonDeg> draft = ui.Draft;
        if (draft.Count == 0)
        {
            return;
        }

        theme.Path.Reset();
        for (int i = 0; i < draft.Count; i++)
        {
            (float x, float y) = ui.Map.ToScreen(draft[i].LatitudeDeg, draft[i].LongitudeDeg, ui.Width, ui.Height);
            if (i == 0)
            {
                theme.Path.MoveTo(x, y);
            }
            else
            {
                theme.Path.LineTo(x, y);
            }

            theme.Fill.Color = SelectedColor;
            canvas.DrawCircle(x, y, 5, theme.Fill);
        }

        theme.Path.Close();
        theme.Stroke.Color = SelectedColor;
        theme.Stroke.StrokeWidth = 1.5f;
        theme.DrawPath(canvas, theme.Stroke);
    }

    private void DrawPanel(SKCanvas canvas, PlanViewController ui)
    {
        theme.FillRect(canvas, PlanViewLayout.Panel(ui.Height), Theme.PanelBackground);
        foreach (UiButton b in ui.Buttons)
        {
            switch (b.Action)
            {
                case UiAction.ShowFly or UiAction.ShowParameters or UiAction.ShowInspector or UiAction.ShowPlan:
                    break;
                case UiAction.PlanFocusField:
                    bool focused = ui.FocusedField == b.SystemId;
                    string text = ui.Fields[b.SystemId].Text;
                    ButtonPainter.DrawTextBox(canvas, theme, b.Rect, text, b.Label, focused);
                    if (text.Length > 0 && b.SystemId != PlanViewLayout.FileField)
                    {
                        theme.DrawText(canvas, b.Label, b.Rect.Right - 4, b.Rect.MidY + 4, SKColors.Gray, theme.SmallFont, SKTextAlign.Right);
                    }

                    break;
                case UiAction.PlanSelectItem:
                    int index = ui.ListScroll + (int)((b.Rect.Top - PlanViewLayout.ListTop) / 20);
                    if (index == ui.Selected)
                    {
                        theme.FillRect(canvas, b.Rect, new SKColor(60, 80, 110, 220));
                    }

                    theme.DrawText(canvas, b.Label + Describe(ui.Document, index), b.Rect.Left + 4, b.Rect.Bottom - 5, SKColors.White, theme.SmallFont);
                    break;
                default:
                    bool active = IsActive(ui, b.Action);
                    theme.Fill.Color = active ? ActiveTool : ButtonColor;
                    canvas.DrawRoundRect(b.Rect, 5, 5, theme.Fill);
                    string label = b.Action == UiAction.PlanToggleInclusion ? (ui.FenceInclusion ? "INCL" : "EXCL") : b.Label;
                    theme.DrawText(canvas, label, b.Rect.MidX, b.Rect.MidY + 5, SKColors.White, theme.Font, SKTextAlign.Center);
                    break;
            }
        }
    }

    private static string Describe(PlanDocument doc, int index)
    {
        if (index < 0 || index >= doc.Count)
        {
            return string.Empty;
        }

        MissionItem item = doc[index];
        return item.Command switch
        {
            MavCmd.DoChangeSpeed => string.Create(CultureInfo.InvariantCulture, $"  {item.Param2:0.#} m/s"),
            _ when item.HasPosition && double.IsFinite(item.AltitudeM) => string.Create(CultureInfo.InvariantCulture, $"  {item.AltitudeM:0.#} m"),
            _ => string.Empty,
        };
    }

    private static bool IsActive(PlanViewController ui, UiAction action) => action switch
    {
        UiAction.PlanToolWaypoint => ui.Tool == PlanTool.Waypoint,
        UiAction.PlanToolSurvey => ui.Tool == PlanTool.Survey,
        UiAction.PlanToolFencePolygon => ui.Tool == PlanTool.FencePolygon,
        UiAction.PlanToolFenceCircle => ui.Tool == PlanTool.FenceCircle,
        UiAction.PlanToolRally => ui.Tool == PlanTool.Rally,
        _ => false,
    };

    private void DrawStatus(SKCanvas canvas, PlanViewController ui)
    {
        SKRect bar = PlanViewLayout.StatusBar(ui.Width, ui.Height);
        theme.FillRect(canvas, bar, Theme.PanelBackground);
        string line = ui.Message.Length > 0 ? ui.Message : "click the map to add a waypoint; drag a marker to move it";
        theme.DrawText(canvas, line, bar.Left + 6, bar.Top + 17, ui.MessageIsError ? FencePainter.ExclusionColor : SKColors.White, theme.Font);
        if (ui.Transfer is not { } transfer || transfer.State == TransferState.Idle)
        {
            return;
        }

        SKRect progress = PlanViewLayout.ProgressBar(ui.Width, ui.Height);
        theme.FillRect(canvas, progress, new SKColor(60, 66, 72));
        double fraction = transfer.Fraction;
        SKColor color = transfer.State == TransferState.Failed ? FencePainter.ExclusionColor : FencePainter.InclusionColor;
        theme.FillRect(canvas, new SKRect(progress.Left, progress.Top, progress.Left + (float)(progress.Width * fraction), progress.Bottom), color);
        if (transfer.Busy)
        {
            (string list, int done, int total) = transfer.Progress;
            theme.DrawText(canvas, string.Create(CultureInfo.InvariantCulture, $"{list} {done}/{total}"), bar.Right - 6, bar.Top + 17, SKColors.LightGray, theme.SmallFont, SKTextAlign.Right);
        }
    }
}
