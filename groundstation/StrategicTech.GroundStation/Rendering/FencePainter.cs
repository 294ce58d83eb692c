using SkiaSharp;
using StrategicTech.Navigation.Missions;

namespace StrategicTech.GroundStation.Rendering;

/// <summary>Geofence shapes (inclusion green, exclusion red, lightly filled) and rally points (purple R squares) on a map, for the fly and plan views.</summary>
public static class FencePainter
{
    public static readonly SKColor InclusionColor = new(80, 220, 120);
    public static readonly SKColor ExclusionColor = new(255, 80, 70);
    public static readonly SKColor RallyColor = new(200, 120, 255);

    public static void DrawFence(SKCanvas canvas, Theme theme, MapView map, float width, float height, IReadOnlyList<GeofencePolygon> polygons, IReadOnlyList<GeofenceCircle> circles)
    {
        ArgumentNullException.ThrowIfNull(canvas);
        ArgumentNullException.ThrowIfNull(theme);
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(polygons);
        ArgumentNullException.ThrowIfNull(circles);
        for (int p = 0; p < polygons.Count; p++)
        {
            GeofencePolygon polygon = polygons[p];
            theme.Path.Reset();
            for (int i = 0; i < polygon.Vertices.Count; i++)
            {
                (float x, float y) = map.ToScreen(polygon.Vertices[i].LatitudeDeg, polygon.Vertices[i].LongitudeDeg, width, height);
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
            SKColor color = polygon.IsInclusion ? InclusionColor : ExclusionColor;
            theme.Fill.Color = color.WithAlpha(40);
            theme.DrawPath(canvas, theme.Fill);
            theme.Stroke.Color = color;
            theme.Stroke.StrokeWidth = 2;
            theme.DrawPath(canvas, theme.Stroke);
        }

        for (int c = 0; c < circles.Count; c++)
        {
            GeofenceCircle circle = circles[c];
            (float x, float y) = map.ToScreen(circle.Center.LatitudeDeg, circle.Center.LongitudeDeg, width, height);
            float r = (float)(circle.RadiusM / map.MetresPerPixel);
            SKColor color = circle.IsInclusion ? InclusionColor : ExclusionColor;
            theme.Fill.Color = color.WithAlpha(40);
            canvas.DrawCircle(x, y, r, theme.Fill);
            theme.Stroke.Color = color;
            theme.Stroke.StrokeWidth = 2;
            canvas.DrawCircle(x, y, r, theme.Stroke);
        }
    }

    public static void DrawRally(SKCanvas canvas, Theme theme, MapView map, float width, float height, IReadOnlyList<RallyPoint> rally)
    {
        ArgumentNullException.ThrowIfNull(canvas);
        ArgumentNullException.ThrowIfNull(theme);
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(rally);
        for (int i = 0; i < rally.Count; i++)
        {
            (float x, float y) = map.ToScreen(rally[i].LatitudeDeg, rally[i].LongitudeDeg, width, height);
            theme.Fill.Color = RallyColor;
            canvas.DrawRect(new SKRect(x - 8, y - 8, x + 8, y + 8), theme.Fill);
            theme.DrawText(canvas, "R", x, y + 5, SKColors.White, theme.Font, SKTextAlign.Center);
        }
    }
}
