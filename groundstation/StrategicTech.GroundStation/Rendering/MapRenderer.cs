using System.Globalization;
using SkiaSharp;
using StrategicTech.GroundStation.Model;

namespace StrategicTech.GroundStation.Rendering;

/// <summary>
/// The map layer of the fly view: raster tiles when a source is set (MBTiles or XYZ with cache), a metric graticule, scale bar, every vehicle's track and icon
/// (the selected one with its heading), home, and the selected vehicle's mission path with its current item.
/// </summary>
public sealed class MapRenderer(Theme theme) : IDisposable
{
    private readonly SKPaint _tilePaint = new() { IsAntialias = false };

    // Every vehicle's track, drawn incrementally into an offscreen layer.
    private readonly TrackLayer _tracks = new(TrackColor, 2);

    private static readonly SKColor GridColor = new(60, 66, 72);
    private static readonly SKColor TrackColor = new(255, 140, 0);
    private static readonly SKColor MissionColor = new(80, 220, 120);

    /// <summary>Raster tiles drawn under the graticule (null: graticule only).</summary>
    public Tiles.TileLayer? Tiles { get; set; }

    /// <summary>Draw the selected vehicle's geofence and rally points (what was last uploaded or downloaded).</summary>
    public bool ShowFenceAndRally { get; init; } = true;

    /// <summary>The tracks' offscreen layer (its rebuild count shows whether frames only append).</summary>
    public TrackLayer Tracks => _tracks;

    public void Dispose()
    {
        _tracks.Dispose();
        _tilePaint.Dispose();
    }

    public void Draw(SKCanvas canvas, float width, float height, MapView map, Fleet fleet, (double Lat, double Lon)? goHere)
    {
        ArgumentNullException.ThrowIfNull(canvas);
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(fleet);
        canvas.Clear(Theme.MapBackground);
        if (!map.HasCenter)
        {
            theme.DrawText(canvas, "waiting for a vehicle position…", width / 2, height / 2, SKColors.LightGray, theme.BigFont, SKTextAlign.Center);
            return;
        }

        if (Tiles is { } tiles)
        {
            tiles.Draw(canvas, width, height, map, _tilePaint);
        }

        DrawGraticule(canvas, width, height, map);
        VehicleState? selected = fleet.Selected;
        if (selected is not null && ShowFenceAndRally)
        {
            FencePainter.DrawFence(canvas, theme, map, width, height, selected.Fence.Polygons, selected.Fence.Circles);
        }

        if (selected is not null)
        {
            DrawMission(canvas, width, height, map, selected);
        }

        _tracks.Draw(canvas, width, height, map, fleet);

        for (int i = 0; i < fleet.Vehicles.Count; i++)
        {
            VehicleState v = fleet.Vehicles[i];
            if (v.HasHome)
            {
                DrawHome(canvas, map.ToScreen(v.HomeLatDeg, v.HomeLonDeg, width, height));
            }

            if (v.HasPosition)
            {
                DrawVehicle(canvas, map.ToScreen(v.LatDeg, v.LonDeg, width, height), v, ReferenceEquals(v, selected));
            }
        }

        if (selected is not null && ShowFenceAndRally)
        {
            FencePainter.DrawRally(canvas, theme, map, width, height, selected.RallyPoints);
        }

        if (goHere is { } target)
        {
            (float x, float y) = map.ToScreen(target.Lat, target.Lon, width, height);
            theme.Stroke.Color = SKColors.Magenta;
            theme.Stroke.StrokeWidth = 2;
            canvas.DrawCircle(x, y, 9, theme.Stroke);
            canvas.DrawLine(x - 13, y, x + 13, y, theme.Stroke);
            canvas.DrawLine(x, y - 13, x, y + 13, theme.Stroke);
        }

        DrawScaleBar(canvas, height, map);
    }

    private void DrawGraticule(SKCanvas canvas, float width, float height, MapView map)
    {
        double stepM = map.NiceStepM(100);
        double halfWm = width / 2 * map.MetresPerPixel;
        double halfHm = height / 2 * map.MetresPerPixel;
        theme.Stroke.Color = GridColor;
        theme.Stroke.StrokeWidth = 1;

        // Lines every step from the view centre; labels come from the scale bar.
        for (double e = -Math.Floor(halfWm / stepM) * stepM; e <= halfWm; e += stepM)
        {
            float x = (float)((width / 2) + (e / map.MetresPerPixel));
            canvas.DrawLine(x, 0, x, height, theme.Stroke);
        }

        for (double n = -Math.Floor(halfHm / stepM) * stepM; n <= halfHm; n += stepM)
        {
            float y = (float)((height / 2) - (n / map.MetresPerPixel));
            canvas.DrawLine(0, y, width, y, theme.Stroke);
        }
    }

    private void DrawScaleBar(SKCanvas canvas, float height, MapView map)
    {
        double stepM = map.NiceStepM(120);
        float px = (float)(stepM / map.MetresPerPixel);
        float x0 = 20;
        float y0 = height - 70;
        theme.FillRect(canvas, new SKRect(x0 - 6, y0 - 20, x0 + px + 60, y0 + 8), Theme.PanelBackground);
        theme.Stroke.Color = SKColors.White;
        theme.Stroke.StrokeWidth = 2;
        canvas.DrawLine(x0, y0, x0 + px, y0, theme.Stroke);
        canvas.DrawLine(x0, y0 - 5, x0, y0 + 3, theme.Stroke);
        canvas.DrawLine(x0 + px, y0 - 5, x0 + px, y0 + 3, theme.Stroke);
        string label = stepM >= 1000
            ? (stepM / 1000).ToString("0.##", CultureInfo.InvariantCulture) + " km"
            : stepM.ToString("0.##", CultureInfo.InvariantCulture) + " m";
        theme.DrawText(canvas, label, x0 + px + 8, y0 + 4, SKColors.White, theme.Font);
    }

    private void DrawMission(SKCanvas canvas, float width, float height, MapView map, VehicleState v)
    {
        theme.Path.Reset();
        bool first = true;
        foreach (MissionItemView item in v.Mission.Values)
        {
            if (!item.HasPosition)
            {
                continue;
            }

            (float x, float y) = map.ToScreen(item.LatDeg, item.LonDeg, width, height);
            if (first)
            {
                theme.Path.MoveTo(x, y);
                first = false;
            }
            else
            {
                theme.Path.LineTo(x, y);
            }
        }

        theme.Stroke.Color = MissionColor;
        theme.Stroke.StrokeWidth = 2;
        theme.DrawPath(canvas, theme.Stroke);
        foreach (MissionItemView item in v.Mission.Values)
        {
            if (!item.HasPosition)
            {
                continue;
            }

            (float x, float y) = map.ToScreen(item.LatDeg, item.LonDeg, width, height);
            bool current = item.Seq == v.MissionCurrentSeq;
            theme.Fill.Color = current ? SKColors.Yellow : MissionColor;
            canvas.DrawCircle(x, y, current ? 11 : 8, theme.Fill);
            theme.DrawText(canvas, item.Seq.ToString(CultureInfo.InvariantCulture), x, y + 4, SKColors.Black, theme.SmallFont, SKTextAlign.Center);
        }
    }

    private void DrawHome(SKCanvas canvas, (float X, float Y) p)
    {
        theme.Fill.Color = new SKColor(230, 60, 60);
        canvas.DrawCircle(p.X, p.Y, 9, theme.Fill);
        theme.DrawText(canvas, "H", p.X, p.Y + 5, SKColors.White, theme.Font, SKTextAlign.Center);
    }

    private void DrawVehicle(SKCanvas canvas, (float X, float Y) p, VehicleState v, bool selected)
    {
        double headingDeg = double.IsFinite(v.HeadingDeg) ? v.HeadingDeg : v.YawRad * 180 / Math.PI;
        canvas.Save();
        canvas.Translate(p.X, p.Y);
        canvas.RotateDegrees((float)headingDeg);
        theme.Path.Reset();
        theme.Path.MoveTo(0, -16);
        theme.Path.LineTo(10, 11);
        theme.Path.LineTo(0, 5);
        theme.Path.LineTo(-10, 11);
        theme.Path.Close();
        theme.Fill.Color = v.LinkLost ? SKColors.Gray : selected ? SKColors.Red : SKColors.OrangeRed;
        theme.DrawPath(canvas, theme.Fill);
        theme.Stroke.Color = SKColors.White;
        theme.Stroke.StrokeWidth = 1.5f;
        theme.DrawPath(canvas, theme.Stroke);
        canvas.Restore();
        theme.DrawText(canvas, v.SystemId.ToString(CultureInfo.InvariantCulture), p.X + 14, p.Y - 12, SKColors.White, theme.SmallFont);
    }
}
