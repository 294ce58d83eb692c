using System.Collections.Concurrent;
using System.Globalization;
using SkiaSharp;
using StrategicTech.GroundStation.Rendering;

namespace StrategicTech.GroundStation.Tiles;

/// <summary>
/// The map's raster tiles: the render thread asks for the tiles its view covers and draws the ones already decoded;
/// a loader thread fetches (file or network) and decodes the requested ones in the background, so the frame never
/// waits on disk or network. Decoded tiles are kept up to <see cref="CacheTiles"/>, least recently drawn evicted;
/// undecodable tiles are counted and skipped.
/// </summary>
public sealed class TileLayer : IDisposable
{
    public const int CacheTiles = 256;
    public const int MaxTilesPerView = 96;
    private const int MaxPending = 512;
    private const long RetryMissingFrames = 900;

    private readonly ITileSource _source;
    private readonly BlockingCollection<TileKey> _requests = new(new ConcurrentQueue<TileKey>(), MaxPending);
    private readonly ConcurrentQueue<(TileKey Key, SKImage? Image)> _done = new();
    private readonly Dictionary<TileKey, (SKImage? Image, long LastFrame)> _cache = [];
    private readonly Dictionary<TileKey, long> _missingSince = [];
    private readonly HashSet<TileKey> _pending = [];
    private readonly Thread _loader;
    private readonly CancellationTokenSource _stop = new();
    private long _frame;
    private long _undecodable;

    public TileLayer(ITileSource source)
    {
        _source = source ?? throw new ArgumentNullException(nameof(source));
        _loader = new Thread(LoadLoop) { IsBackground = true, Name = "gcs-tiles" };
        _loader.Start();
    }

    public string SourceName => _source.Name;

    /// <summary>Tiles that arrived but would not decode as an image.</summary>
    public long Undecodable => Interlocked.Read(ref _undecodable);

    /// <summary>Tiles drawn in the last frame.</summary>
    public int DrawnLastFrame { get; private set; }

    /// <summary>The source's last failure, or empty.</summary>
    public string LastError => _source.LastError;

    /// <summary>Draws the tiles under the view (render thread); returns how many were drawn.</summary>
    public int Draw(SKCanvas canvas, float width, float height, MapView map, SKPaint paint)
    {
        ArgumentNullException.ThrowIfNull(canvas);
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(paint);
        _frame++;
        while (_done.TryDequeue(out (TileKey Key, SKImage? Image) result))
        {
            _pending.Remove(result.Key);
            _cache[result.Key] = (result.Image, _frame);
            if (result.Image is null)
            {
                _missingSince[result.Key] = _frame;
            }
        }

        int zoom = Math.Clamp(TileKey.ZoomFor(map.MetresPerPixel, map.CenterLatDeg), _source.MinZoom, _source.MaxZoom);
        (double northLat, double westLon) = map.ToGeo(0, 0, width, height);
        (double southLat, double eastLon) = map.ToGeo(width, height, width, height);
        int n = 1 << zoom;
        int x0 = Math.Clamp((int)Math.Floor(TileKey.XOf(westLon, zoom)), 0, n - 1);
        int x1 = Math.Clamp((int)Math.Floor(TileKey.XOf(eastLon, zoom)), 0, n - 1);
        int y0 = Math.Clamp((int)Math.Floor(TileKey.YOf(northLat, zoom)), 0, n - 1);
        int y1 = Math.Clamp((int)Math.Floor(TileKey.YOf(southLat, zoom)), 0, n - 1);
        int drawn = 0;
        int considered = 0;
        for (int y = y0; y <= y1; y++)
        {
            for (int x = x0; x <= x1 && considered < MaxTilesPerView; x++, considered++)
            {
                var key = new TileKey(zoom, x, y);
                if (_cache.TryGetValue(key, out (SKImage? Image, long LastFrame) entry) && entry.Image is null
                    && _missingSince.TryGetValue(key, out long since) && _frame - since > RetryMissingFrames)
                {
                    // A tile the source did not have (or could not download) is asked for again later: a server may be back.
                    _cache.Remove(key);
                    _missingSince.Remove(key);
                }

                if (_cache.TryGetValue(key, out entry))
                {
                    _cache[key] = (entry.Image, _frame);
                    if (entry.Image is { } image)
                    {
                        (float left, float top) = map.ToScreen(TileKey.LatOf(y, zoom), TileKey.LonOf(x, zoom), width, height);
                        (float right, float bottom) = map.ToScreen(TileKey.LatOf(y + 1, zoom), TileKey.LonOf(x + 1, zoom), width, height);
                        canvas.DrawImage(image, new SKRect(left, top, right, bottom), new SKSamplingOptions(SKFilterMode.Linear), paint);
                        drawn++;
                    }
                }
                else if (_pending.Count < MaxPending && _pending.Add(key) && !_requests.TryAdd(key))
                {
                    _pending.Remove(key);
                }
            }
        }

        Evict();
        DrawnLastFrame = drawn;
        return drawn;
    }

    /// <summary>Waits until no request is pending (tests and screenshots), at most <paramref name="timeout"/>.</summary>
    public bool WaitIdle(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_pending.Count == 0 || (_done.Count >= _pending.Count))
            {
                return true;
            }

            Thread.Sleep(10);
        }

        return false;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _requests.CompleteAdding();
        _loader.Join(TimeSpan.FromSeconds(12));
        foreach ((SKImage? image, long _) in _cache.Values)
        {
            image?.Dispose();
        }

        while (_done.TryDequeue(out (TileKey Key, SKImage? Image) result))
        {
            result.Image?.Dispose();
        }

        _source.Dispose();
        _requests.Dispose();
        _stop.Dispose();
    }

    /// <summary>A one-line description for the status area.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"tiles {Path.GetFileName(_source.Name)}: {_cache.Count} cached, {_pending.Count} loading");

    private void Evict()
    {
        if (_cache.Count <= CacheTiles)
        {
            return;
        }

        foreach (KeyValuePair<TileKey, (SKImage? Image, long LastFrame)> old in _cache.OrderBy(e => e.Value.LastFrame).Take(_cache.Count - CacheTiles).ToList())
        {
            old.Value.Image?.Dispose();
            _cache.Remove(old.Key);
            _missingSince.Remove(old.Key);
        }
    }

    private SKImage? Decode(byte[] data)
    {
        using SKData encoded = SKData.CreateCopy(data);
        using SKCodec? codec = SKCodec.Create(encoded);
        if (codec is null)
        {
            Interlocked.Increment(ref _undecodable);
            return null;
        }

        using SKBitmap? bitmap = SKBitmap.Decode(codec);
        if (bitmap is null)
        {
            Interlocked.Increment(ref _undecodable);
            return null;
        }

        return SKImage.FromBitmap(bitmap);
    }

    private void LoadLoop()
    {
        try
        {
            foreach (TileKey key in _requests.GetConsumingEnumerable(_stop.Token))
            {
                SKImage? image = null;
                try
                {
                    byte[]? data = _source.Fetch(key);
                    image = data is null ? null : Decode(data);
                }
                catch (Exception ex) when (ex is IOException or InvalidOperationException or ArgumentException)
                {
                    // A tile is never worth the map: count it and go on.
                    Interlocked.Increment(ref _undecodable);
                }

                _done.Enqueue((key, image));
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }
}
