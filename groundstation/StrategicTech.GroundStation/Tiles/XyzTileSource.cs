using System.Globalization;

namespace StrategicTech.GroundStation.Tiles;

/// <summary>
/// Tiles from an XYZ URL template (<c>https://host/{z}/{x}/{y}.png</c>) kept in an on-disk MBTiles cache, so a map
/// once seen works offline. The cache is asked first; a download that fails (unreachable server, HTTP error, timeout)
/// is reported in <see cref="LastError"/>, counted, and not retried for that tile for <see cref="RetryAfter"/>.
/// </summary>
public sealed class XyzTileSource : ITileSource
{
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(30);

    private readonly string _template;
    private readonly MbTilesFile _cache;
    private readonly HttpClient _http;
    private readonly Dictionary<TileKey, DateTime> _failedUntil = [];

    public XyzTileSource(string urlTemplate, string cachePath, HttpMessageHandler? handler = null)
    {
        Validate(urlTemplate);
        _template = urlTemplate;
        _cache = MbTilesFile.OpenCache(cachePath);
        _http = handler is null ? new HttpClient() : new HttpClient(handler);
        _http.Timeout = RequestTimeout;
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("StrategicTech-GroundStation/1.0");
        Name = urlTemplate;
    }

    public string Name { get; }

    public int MinZoom => 0;

    public int MaxZoom => 19;

    public string LastError { get; private set; } = string.Empty;

    /// <summary>Tiles served from the cache.</summary>
    public long CacheHits { get; private set; }

    /// <summary>Tiles downloaded and stored.</summary>
    public long Downloads { get; private set; }

    /// <summary>Downloads that failed.</summary>
    public long Failures { get; private set; }

    /// <summary>Checks a template: http(s) with {z}, {x} and {y}.</summary>
    public static void Validate(string urlTemplate)
    {
        if (string.IsNullOrWhiteSpace(urlTemplate)
            || !(urlTemplate.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || urlTemplate.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            || !urlTemplate.Contains("{z}", StringComparison.Ordinal) || !urlTemplate.Contains("{x}", StringComparison.Ordinal) || !urlTemplate.Contains("{y}", StringComparison.Ordinal))
        {
            throw new TileSourceException($"--tile-url '{urlTemplate}': expected an http(s) URL with {{z}}, {{x}} and {{y}}, e.g. https://tile.example.org/{{z}}/{{x}}/{{y}}.png");
        }
    }

    public byte[]? Fetch(TileKey key)
    {
        byte[]? cached = _cache.Fetch(key);
        if (cached is not null)
        {
            CacheHits++;
            return cached;
        }

        if (_failedUntil.TryGetValue(key, out DateTime until) && DateTime.UtcNow < until)
        {
            return null;
        }

        string url = _template.Replace("{z}", key.Zoom.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{x}", key.X.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{y}", key.Y.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        try
        {
            using HttpResponseMessage response = _http.GetAsync(url).GetAwaiter().GetResult();
            if (!response.IsSuccessStatusCode)
            {
                return Fail(key, string.Create(CultureInfo.InvariantCulture, $"cannot fetch {url}: HTTP {(int)response.StatusCode} {response.ReasonPhrase}"));
            }

            if (response.Content.Headers.ContentLength is > MbTilesFile.MaxTileBytes)
            {
                return Fail(key, $"cannot fetch {url}: the tile is larger than {MbTilesFile.MaxTileBytes} bytes");
            }

            byte[] data = response.Content.ReadAsByteArrayAsync().GetAwaiter().GetResult();
            if (data.Length == 0 || data.Length > MbTilesFile.MaxTileBytes)
            {
                return Fail(key, string.Create(CultureInfo.InvariantCulture, $"cannot fetch {url}: {data.Length} bytes"));
            }

            _cache.Store(key, data);
            Downloads++;
            return data;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException or Microsoft.Data.Sqlite.SqliteException)
        {
            return Fail(key, $"cannot fetch {url}: {ex.Message}");
        }
    }

    public void Dispose()
    {
        _http.Dispose();
        _cache.Dispose();
    }

    private byte[]? Fail(TileKey key, string message)
    {
        Failures++;
        LastError = message;
        _failedUntil[key] = DateTime.UtcNow + RetryAfter;
        return null;
    }
}
