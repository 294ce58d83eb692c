using SkiaSharp;
using StrategicTech.GroundStation.App;

namespace StrategicTech.GroundStation.Rendering;

/// <summary>Draws tab buttons, plain buttons and text boxes the same way in every view.</summary>
public static class ButtonPainter
{
    private static readonly SKColor ButtonColor = new(50, 60, 75);
    private static readonly SKColor ActiveTab = new(40, 110, 190);
    private static readonly SKColor BoxColor = new(12, 14, 18);
    private static readonly SKColor FocusColor = new(255, 190, 60);

    public static void DrawTabs(SKCanvas canvas, Theme theme, IReadOnlyList<UiButton> buttons, ViewKind active)
    {
        ArgumentNullException.ThrowIfNull(canvas);
        ArgumentNullException.ThrowIfNull(theme);
        ArgumentNullException.ThrowIfNull(buttons);
        foreach (UiButton b in buttons)
        {
            if (TabBar.ViewOf(b.Action) is { } view)
            {
                theme.Fill.Color = view == active ? ActiveTab : ButtonColor;
                canvas.DrawRoundRect(b.Rect, 5, 5, theme.Fill);
                theme.DrawText(canvas, b.Label, b.Rect.MidX, b.Rect.MidY + 5, SKColors.White, theme.Font, SKTextAlign.Center);
            }
        }
    }

    public static void DrawButton(SKCanvas canvas, Theme theme, SKRect rect, string label)
    {
        ArgumentNullException.ThrowIfNull(canvas);
        ArgumentNullException.ThrowIfNull(theme);
        theme.Fill.Color = ButtonColor;
        canvas.DrawRoundRect(rect, 5, 5, theme.Fill);
        theme.DrawText(canvas, label, rect.MidX, rect.MidY + 5, SKColors.White, theme.Font, SKTextAlign.Center);
    }

    /// <summary>A text box with a caption inside on the left when empty, a caret when focused.</summary>
    public static void DrawTextBox(SKCanvas canvas, Theme theme, SKRect rect, string text, string placeholder, bool focused)
    {
        ArgumentNullException.ThrowIfNull(canvas);
        ArgumentNullException.ThrowIfNull(theme);
        theme.FillRect(canvas, rect, BoxColor);
        theme.Stroke.Color = focused ? FocusColor : new SKColor(90, 100, 115);
        theme.Stroke.StrokeWidth = focused ? 2 : 1;
        canvas.DrawRect(rect, theme.Stroke);
        bool empty = text.Length == 0;
        string shown = empty ? placeholder : text;
        theme.DrawText(canvas, focused ? shown + (empty ? string.Empty : "_") : shown, rect.Left + 6, rect.MidY + 5, empty ? SKColors.Gray : SKColors.White, theme.Font);
    }
}
