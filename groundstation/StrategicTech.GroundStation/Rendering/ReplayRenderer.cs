using System.Globalization;
using SkiaSharp;
using StrategicTech.GroundStation.App;
using StrategicTech.GroundStation.Replay;

namespace StrategicTech.GroundStation.Rendering;

/// <summary>
/// Draws the replay's timeline (play/pause, speeds, seek bar with the time) and the plot of the chosen fields of the
/// selected vehicle over the whole log, each curve scaled to its own range, with a cursor at the shown moment.
/// </summary>
public sealed class ReplayRenderer(Theme theme)
{
    public static readonly SKColor BarTrack = new(70, 78, 90);
    public static readonly SKColor BarPlayed = new(40, 150, 230);
    public static readonly SKColor Cursor = new(255, 255, 255);

    private static readonly SKColor ButtonColor = new(50, 60, 75);
    private static readonly SKColor ActiveColor = new(40, 110, 190);

    /// <summary>Curve colours by <see cref="PlotField"/>.</summary>
    public static readonly SKColor[] FieldColors =
    [
        new(90, 220, 110),
        new(255, 190, 60),
        new(80, 200, 255),
        new(255, 90, 200),
        new(255, 110, 80),
        new(180, 140, 255),
    ];

    private readonly Theme _theme = theme ?? throw new ArgumentNullException(nameof(theme));

    public void Draw(SKCanvas canvas, ReplayTimeline timeline, ReplaySeries? series, byte? systemId)
    {
        ArgumentNullException.ThrowIfNull(canvas);
        ArgumentNullException.ThrowIfNull(timeline);
        DrawPlot(canvas, timeline, series, systemId);
        DrawBar(canvas, timeline);
    }

    private void DrawBar(SKCanvas canvas, ReplayTimeline timeline)
    {
        foreach (UiButton b in timeline.Buttons)
        {
            bool active = b.Action switch
            {
                UiAction.ReplaySpeed => b.SystemId == timeline.SpeedIndex,
                UiAction.ReplayPlayPause => !timeline.Playing,
                _ => false,
            };
            if (b.Action is UiAction.ReplaySpeed or UiAction.ReplayPlayPause)
            {
                _theme.Fill.Color = active ? ActiveColor : ButtonColor;
                canvas.DrawRoundRect(b.Rect, 5, 5, _theme.Fill);
                _theme.DrawText(canvas, b.Label, b.Rect.MidX, b.Rect.MidY + 5, SKColors.White, _theme.Font, SKTextAlign.Center);
            }
        }

        SKRect bar = timeline.Bar;
        _theme.FillRect(canvas, bar, BarTrack);
        float x = timeline.XOfTime(timeline.PositionS);
        _theme.FillRect(canvas, new SKRect(bar.Left, bar.Top, x, bar.Bottom), BarPlayed);
        _theme.FillRect(canvas, new SKRect(x - 2, bar.Top - 3, x + 2, bar.Bottom + 3), Cursor);
        _theme.DrawText(canvas, string.Create(CultureInfo.InvariantCulture, $"{timeline.PositionS:0.0} s / {timeline.DurationS:0.0} s  {timeline.Speed:0}x{(timeline.Playing ? string.Empty : "  paused")}"),
            bar.MidX, bar.MidY + 5, SKColors.White, _theme.Font, SKTextAlign.Center);
    }

    private void DrawPlot(SKCanvas canvas, ReplayTimeline timeline, ReplaySeries? series, byte? systemId)
    {
        SKRect panel = timeline.PlotPanel;
        _theme.FillRect(canvas, panel, Theme.PanelBackground);
        foreach (UiButton b in timeline.Buttons)
        {
            if (b.Action == UiAction.ReplayPlotField)
            {
                bool shown = timeline.IsShown((PlotField)b.SystemId);
                _theme.Fill.Color = shown ? FieldColors[b.SystemId].WithAlpha(90) : ButtonColor;
                canvas.DrawRoundRect(b.Rect, 4, 4, _theme.Fill);
                _theme.DrawText(canvas, b.Label, b.Rect.MidX, b.Rect.MidY + 4, shown ? SKColors.White : SKColors.Gray, _theme.SmallFont, SKTextAlign.Center);
            }
        }

        SKRect area = timeline.PlotArea;
        if (series is null || systemId is not { } id || timeline.DurationS <= 0)
        {
            _theme.DrawText(canvas, "no vehicle in the log yet", area.MidX, area.MidY, SKColors.Gray, _theme.SmallFont, SKTextAlign.Center);
            return;
        }

        float legendY = area.Top + 12;
        for (int f = 0; f < PlotFields.Count; f++)
        {
            if (!timeline.IsShown((PlotField)f) || series.Of(id, (PlotField)f) is not { } s)
            {
                continue;
            }

            DrawCurve(canvas, area, s, timeline.DurationS, FieldColors[f]);
            int at = s.IndexAtOrBefore(timeline.PositionS);
            string value = at < 0 ? "-" : s.Value(at).ToString("0.0", CultureInfo.InvariantCulture);
            _theme.DrawText(canvas, string.Create(CultureInfo.InvariantCulture, $"{PlotFields.Label((PlotField)f)} {value}  [{s.MinValue:0.#}, {s.MaxValue:0.#}]"),
                area.Left + 4, legendY, FieldColors[f], _theme.SmallFont);
            legendY += 13;
        }

        float cursorX = area.Left + (float)(Math.Clamp(timeline.PositionS / timeline.DurationS, 0, 1) * area.Width);
        _theme.Stroke.Color = Cursor;
        _theme.Stroke.StrokeWidth = 1;
        canvas.DrawLine(cursorX, area.Top, cursorX, area.Bottom, _theme.Stroke);
        _theme.Stroke.StrokeWidth = 1.5f;
    }

    // At most about two points per pixel column: a long log would otherwise send every sample through Skia.
    private void DrawCurve(SKCanvas canvas, SKRect area, FieldSeries s, double durationS, SKColor color)
    {
        double range = s.MaxValue - s.MinValue;
        double scale = range > 1e-9 ? area.Height / range : 0;
        int stride = Math.Max(1, s.Count / Math.Max(1, (int)(2 * area.Width)));
        SKPathBuilder path = _theme.Path;
        path.Reset();
        for (int i = 0; i < s.Count; i += stride)
        {
            float x = area.Left + (float)(s.TimeS(i) / durationS * area.Width);
            float y = scale > 0 ? area.Bottom - (float)((s.Value(i) - s.MinValue) * scale) : area.MidY;
            if (i == 0)
            {
                path.MoveTo(x, y);
            }
            else
            {
                path.LineTo(x, y);
            }
        }

        _theme.Stroke.Color = color;
        _theme.Stroke.StrokeWidth = 1.5f;
        _theme.DrawPath(canvas, _theme.Stroke);
    }
}
