using SkiaSharp;
using StrategicTech.GroundStation.Model;

namespace StrategicTech.GroundStation.Rendering;

/// <summary>
/// Every vehicle's track, kept drawn in an offscreen layer (a GPU surface on a GL canvas) larger than the view by
/// <see cref="MarginPx"/> on each side, so a frame draws only the segments that arrived since the last one and then
/// blits the layer. Stroking 10 × 10 000 points anew each frame is what made the fly view slow in software (Skia
/// turns every stroked path into coverage masks on the CPU). Points closer than <see cref="MinStepPx"/> to the last
/// drawn one are skipped. The layer is redrawn from the tracks (a "rebuild") when the zoom or view size changes, the
/// view leaves the layer, a track is cleared, or more than <see cref="MaxStaleOldPoints"/> of a track's oldest points
/// have left its ring since the last rebuild (until then the line shows those old points the ring no longer holds).
/// </summary>
public sealed class TrackLayer(SKColor color, float strokeWidthPx) : IDisposable
{
    public const float MinStepPx = 1.0f;
    public const int MarginPx = 640;
    public const int MaxStaleOldPoints = 2_000;

    private const double EarthRadiusM = 6_371_008.8;
    private const double DegToRad = Math.PI / 180;

    private readonly Dictionary<byte, Cursor> _cursors = [];
    private readonly SKPaint _stroke = new() { Style = SKPaintStyle.Stroke, IsAntialias = true, Color = color, StrokeWidth = strokeWidthPx, StrokeCap = SKStrokeCap.Round, StrokeJoin = SKStrokeJoin.Round };
    private readonly SKPathBuilder _path = new();
    private SKSurface? _surface;
    private int _layerWidth;
    private int _layerHeight;
    private double _anchorLatDeg;
    private double _anchorLonDeg;
    private double _cosAnchorLat;
    private double _metresPerPixel;

    /// <summary>Full redraws of the layer so far (the benchmark and tests see that steady frames only append).</summary>
    public int Rebuilds { get; private set; }

    /// <summary>Track points drawn since the last rebuild (after decimation), all vehicles.</summary>
    public long DrawnPoints { get; private set; }

    public void Dispose()
    {
        _surface?.Dispose();
        _stroke.Dispose();
        _path.Dispose();
    }

    /// <summary>Brings the layer up to date with the fleet's tracks and draws it under the rest of the map.</summary>
    public void Draw(SKCanvas canvas, float width, float height, MapView map, Fleet fleet)
    {
        ArgumentNullException.ThrowIfNull(canvas);
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(fleet);
        int layerWidth = (int)Math.Ceiling(width) + (2 * MarginPx);
        int layerHeight = (int)Math.Ceiling(height) + (2 * MarginPx);
        if (_surface is null || layerWidth != _layerWidth || layerHeight != _layerHeight)
        {
            _surface?.Dispose();
            var info = new SKImageInfo(layerWidth, layerHeight, SKColorType.Rgba8888, SKAlphaType.Premul);
            _surface = (canvas.Context is { } gpu ? SKSurface.Create(gpu, false, info) : null) ?? SKSurface.Create(info)
                ?? throw new InvalidOperationException($"cannot make a {layerWidth}x{layerHeight} track layer");
            _layerWidth = layerWidth;
            _layerHeight = layerHeight;
            _metresPerPixel = 0;
        }

        (float left, float top) = LayerOrigin(map, width, height);
        if (NeedsRebuild(map, fleet, left, top, width, height))
        {
            Rebuild(map, fleet);
            (left, top) = LayerOrigin(map, width, height);
        }
        else
        {
            AppendNew(fleet);
        }

        canvas.DrawSurface(_surface, left, top);
    }

    // Screen position of the layer's top-left corner, whole pixels (the layer is drawn unscaled, so no resampling blur).
    private (float Left, float Top) LayerOrigin(MapView map, float width, float height)
    {
        (float ax, float ay) = map.ToScreen(_anchorLatDeg, _anchorLonDeg, width, height);
        return (MathF.Round(ax - (_layerWidth / 2f)), MathF.Round(ay - (_layerHeight / 2f)));
    }

    private bool NeedsRebuild(MapView map, Fleet fleet, float left, float top, float width, float height)
    {
        if (_metresPerPixel != map.MetresPerPixel || left > 0 || top > 0 || left + _layerWidth < width || top + _layerHeight < height)
        {
            return true;
        }

        IList<VehicleState> vehicles = fleet.Vehicles;
        for (int i = 0; i < vehicles.Count; i++)
        {
            TrackBuffer track = vehicles[i].Track;
            if (_cursors.TryGetValue(vehicles[i].SystemId, out Cursor c)
                && (track.Total < c.DrawnTotal || track.Total - track.Count - c.DroppedAtBuild > MaxStaleOldPoints))
            {
                return true;
            }
        }

        return false;
    }

    private void Rebuild(MapView map, Fleet fleet)
    {
        Rebuilds++;
        DrawnPoints = 0;
        _metresPerPixel = map.MetresPerPixel;
        _anchorLatDeg = map.CenterLatDeg;
        _anchorLonDeg = map.CenterLonDeg;
        _cosAnchorLat = Math.Cos(_anchorLatDeg * DegToRad);
        _surface!.Canvas.Clear(SKColors.Transparent);
        _cursors.Clear();
        IList<VehicleState> vehicles = fleet.Vehicles;
        for (int i = 0; i < vehicles.Count; i++)
        {
            TrackBuffer track = vehicles[i].Track;
            var c = new Cursor { DroppedAtBuild = track.Total - track.Count };
            StrokeFrom(track, 0, ref c);
            _cursors[vehicles[i].SystemId] = c;
        }
    }

    private void AppendNew(Fleet fleet)
    {
        IList<VehicleState> vehicles = fleet.Vehicles;
        for (int i = 0; i < vehicles.Count; i++)
        {
            VehicleState v = vehicles[i];
            TrackBuffer track = v.Track;
            if (!_cursors.TryGetValue(v.SystemId, out Cursor c))
            {
                // A vehicle new since the last rebuild: its whole track is new.
                c = new Cursor { DroppedAtBuild = track.Total - track.Count };
                StrokeFrom(track, 0, ref c);
                _cursors[v.SystemId] = c;
                continue;
            }

            if (track.Total > c.DrawnTotal)
            {
                int fresh = (int)Math.Min(track.Total - c.DrawnTotal, track.Count);
                StrokeFrom(track, track.Count - fresh, ref c);
                _cursors[v.SystemId] = c;
            }
        }
    }

    // Strokes points first..Count-1 of the track, continuing from the cursor's last drawn point.
    private void StrokeFrom(TrackBuffer track, int first, ref Cursor c)
    {
        _path.Reset();
        bool any = false;
        if (c.HasLast)
        {
            _path.MoveTo(c.LastX, c.LastY);
        }

        for (int i = first; i < track.Count; i++)
        {
            (double lat, double lon) = track[i];
            float x = (float)((_layerWidth / 2.0) + ((lon - _anchorLonDeg) * DegToRad * EarthRadiusM * _cosAnchorLat / _metresPerPixel));
            float y = (float)((_layerHeight / 2.0) - ((lat - _anchorLatDeg) * DegToRad * EarthRadiusM / _metresPerPixel));
            if (!c.HasLast)
            {
                _path.MoveTo(x, y);
            }
            else if (Math.Abs(x - c.LastX) < MinStepPx && Math.Abs(y - c.LastY) < MinStepPx)
            {
                continue;
            }
            else
            {
                _path.LineTo(x, y);
                any = true;
            }

            c.HasLast = true;
            c.LastX = x;
            c.LastY = y;
            DrawnPoints++;
        }

        c.DrawnTotal = track.Total;
        if (any)
        {
            using SKPath path = _path.Snapshot();
            _surface!.Canvas.DrawPath(path, _stroke);
        }
    }

    private struct Cursor
    {
        public long DrawnTotal;
        public long DroppedAtBuild;
        public bool HasLast;
        public float LastX;
        public float LastY;
    }
}
