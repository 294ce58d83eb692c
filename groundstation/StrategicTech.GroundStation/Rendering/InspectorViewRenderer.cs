using System.Globalization;
using SkiaSharp;
using StrategicTech.GroundStation.App;
using StrategicTech.GroundStation.Inspection;

namespace StrategicTech.GroundStation.Rendering;

/// <summary>Draws the MAVLink inspector: counters, the message list with rates, and the selected message's fields.</summary>
public sealed class InspectorViewRenderer(Theme theme)
{
    private static readonly SKColor Background = new(22, 26, 31);
    private static readonly SKColor RowAlt = new(30, 35, 42);
    private static readonly SKColor SelectedRow = new(60, 80, 110);
    private static readonly SKColor Bad = new(255, 80, 70);

    public void Draw(SKCanvas canvas, InspectorViewController ui)
    {
        ArgumentNullException.ThrowIfNull(canvas);
        ArgumentNullException.ThrowIfNull(ui);
        canvas.Clear(Background);
        ButtonPainter.DrawTabs(canvas, theme, ui.Buttons, ViewKind.Inspector);
        LinkCounters c = ui.Counters;
        string counters = string.Create(CultureInfo.InvariantCulture,
            $"frames {c.Frames}   bad CRC {c.BadCrc}   bad signature {c.SignatureFailures}   unknown ids {c.UnknownIds}   length errors {c.LengthErrors}   garbage bytes {c.GarbageBytes}   refused {c.FilteredFrames}");
        bool errors = c.BadCrc + c.SignatureFailures + c.LengthErrors > 0;
        theme.DrawText(canvas, counters, 10, 56, errors ? Bad : SKColors.LightGray, theme.SmallFont);
        float x = 10;
        foreach (InspectorComponent comp in ui.Components)
        {
            string text = string.Create(CultureInfo.InvariantCulture, $"{comp.SystemId}/{comp.ComponentId}: {comp.Frames} frames, {comp.SequenceDrops} lost");
            theme.DrawText(canvas, text, x, 72, comp.SequenceDrops > 0 ? Bad : SKColors.LightGray, theme.SmallFont);
            x += 230;
        }

        DrawList(canvas, ui);
        DrawFields(canvas, ui);
    }

    private void DrawList(SKCanvas canvas, InspectorViewController ui)
    {
        int capacity = ui.VisibleRowCapacity;
        for (int i = 0; i < capacity && ui.Scroll + i < ui.Rows.Count; i++)
        {
            InspectorRow row = ui.Rows[ui.Scroll + i];
            float top = InspectorViewController.ListTop + (i * InspectorViewController.RowHeight);
            var rect = new SKRect(10, top, 10 + InspectorViewController.ListWidth, top + InspectorViewController.RowHeight);
            bool selected = ui.Selected is { } s && s.SystemId == row.SystemId && s.ComponentId == row.ComponentId && s.MessageId == row.MessageId;
            if (selected)
            {
                theme.FillRect(canvas, rect, SelectedRow);
            }
            else if ((ui.Scroll + i) % 2 == 1)
            {
                theme.FillRect(canvas, rect, RowAlt);
            }

            float baseline = top + 14;
            theme.DrawText(canvas, string.Create(CultureInfo.InvariantCulture, $"{row.SystemId}/{row.ComponentId}"), 16, baseline, SKColors.LightGray, theme.SmallFont);
            theme.DrawText(canvas, row.Name, 60, baseline, SKColors.White, theme.SmallFont);
            theme.DrawText(canvas, row.Count.ToString(CultureInfo.InvariantCulture), 380, baseline, SKColors.LightGray, theme.SmallFont, SKTextAlign.Right);
            theme.DrawText(canvas, row.RateHz.ToString("0.0", CultureInfo.InvariantCulture) + " Hz", 10 + InspectorViewController.ListWidth - 6, baseline, SKColors.White, theme.SmallFont, SKTextAlign.Right);
        }
    }

    private void DrawFields(SKCanvas canvas, InspectorViewController ui)
    {
        float left = 30 + InspectorViewController.ListWidth;
        if (ui.Selected is null)
        {
            theme.DrawText(canvas, "click a message to see its fields", left, InspectorViewController.ListTop + 14, SKColors.Gray, theme.Font);
            return;
        }

        float y = InspectorViewController.ListTop + 14;
        foreach ((string name, string value) in ui.Fields)
        {
            if (y > ui.Height - 10)
            {
                break;
            }

            theme.DrawText(canvas, name, left, y, SKColors.LightGray, theme.SmallFont);
            theme.DrawText(canvas, value.Length > 80 ? value[..80] + "…" : value, left + 190, y, SKColors.White, theme.SmallFont);
            y += InspectorViewController.RowHeight;
        }
    }
}
