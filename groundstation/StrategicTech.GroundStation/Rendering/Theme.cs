using SkiaSharp;

namespace StrategicTech.GroundStation.Rendering;

/// <summary>Every paint and font the views use, made once (drawing a frame creates none).</summary>
public sealed class Theme : IDisposable
{
    public static readonly SKColor Sky = new(40, 110, 190);
    public static readonly SKColor Ground = new(120, 80, 40);
    public static readonly SKColor MapBackground = new(28, 32, 36);
    public static readonly SKColor PanelBackground = new(0, 0, 0, 170);

    public Theme()
    {
        SKTypeface face = SKTypeface.FromFamilyName("DejaVu Sans") ?? SKTypeface.Default;
        Font = new SKFont(face, 13);
        SmallFont = new SKFont(face, 11);
        BigFont = new SKFont(face, 16) { Embolden = true };
    }

    public SKFont Font { get; }

    public SKFont SmallFont { get; }

    public SKFont BigFont { get; }

    public SKPaint Fill { get; } = new() { Style = SKPaintStyle.Fill, IsAntialias = true };

    public SKPaint Stroke { get; } = new() { Style = SKPaintStyle.Stroke, IsAntialias = true, StrokeWidth = 1.5f };

    public SKPaint Text { get; } = new() { Color = SKColors.White, IsAntialias = true };

    /// <summary>Scratch path for outlines built per frame (SkiaSharp 4 builds paths with a builder, not a mutable SKPath).</summary>
    public SKPathBuilder Path { get; } = new();

    public void Dispose()
    {
        Font.Dispose();
        SmallFont.Dispose();
        BigFont.Dispose();
        Fill.Dispose();
        Stroke.Dispose();
        Text.Dispose();
        Path.Dispose();
    }

    public void FillRect(SKCanvas canvas, SKRect rect, SKColor color)
    {
        ArgumentNullException.ThrowIfNull(canvas);
        Fill.Color = color;
        canvas.DrawRect(rect, Fill);
    }

    /// <summary>Draws what <see cref="Path"/> holds now.</summary>
    public void DrawPath(SKCanvas canvas, SKPaint paint)
    {
        ArgumentNullException.ThrowIfNull(canvas);
        using SKPath path = Path.Snapshot();
        canvas.DrawPath(path, paint);
    }

    public void DrawText(SKCanvas canvas, string text, float x, float y, SKColor color, SKFont? font = null, SKTextAlign align = SKTextAlign.Left)
    {
        ArgumentNullException.ThrowIfNull(canvas);
        Text.Color = color;
        canvas.DrawText(text, x, y, align, font ?? Font, Text);
    }
}
