using System.Net;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using SkiaSharp;
using StrategicTech.GroundStation.App;
using StrategicTech.GroundStation.Model;
using StrategicTech.GroundStation.Rendering;
using StrategicTech.GroundStation.Replay;
using StrategicTech.GroundStation.Tests.Headless;
using StrategicTech.GroundStation.Tiles;

namespace StrategicTech.GroundStation.Tests.Tiles;

/// <summary>
/// Map tiles end to end, offline first: an MBTiles file made here (solid red 256-pixel tiles around the SITL quad)
/// shows under the fly view of a replayed log; the same tiles served over HTTP land in the on-disk cache and still show
/// when the server is gone; a corrupt or foreign file and an unreachable server give a message, never a crash, and the
/// graticule still draws. Pixels are read at the map point the existing screenshot test uses (420, 250).
/// </summary>
[Collection(GlCollection.Name)]
public sealed class MapTilesTests : IDisposable
{
    private static readonly SKColor Red = new(220, 20, 20);
    private readonly string _dir = Directory.CreateTempSubdirectory("gcs-tiles").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public void An_mbtiles_file_shows_its_tiles_under_the_fly_view_and_rows_are_read_tms_flipped()
    {
        string mbtiles = Path.Combine(_dir, "red.mbtiles");
        WriteMbTiles(mbtiles, RedTilesAroundTheQuad());

        using (MbTilesFile file = MbTilesFile.Open(mbtiles))
        {
            TileKey key = RedTilesAroundTheQuad().First().Key;
            Assert.NotNull(file.Fetch(key));
            Assert.Null(file.Fetch(key with { Y = key.TmsRow })); // stored by TMS row, asked by XYZ row: no accidental match
        }

        SKColor pixel = ScreenshotPixel("--tiles", mbtiles);
        Assert.True(HudPixels.Distance(pixel, Red) <= 40, $"map pixel {pixel}, expected the red tile");
    }

    [Fact]
    public void Without_tiles_the_same_pixel_is_the_graticule_background()
    {
        SKColor pixel = ScreenshotPixel();
        Assert.True(HudPixels.Distance(pixel, Theme.MapBackground) <= 40, $"map pixel {pixel}");
    }

    [Fact]
    public void Xyz_tiles_are_downloaded_into_the_cache_and_still_show_when_the_server_is_gone()
    {
        string cache = Path.Combine(_dir, "cache.mbtiles");
        Dictionary<TileKey, byte[]> tiles = RedTilesAroundTheQuad();
        int port;
        int served;
        using (var server = new TileServer(tiles))
        {
            port = server.Port;
            SKColor online = ScreenshotPixel("--tile-url", $"http://127.0.0.1:{port}/{{z}}/{{x}}/{{y}}.png", "--tile-cache", cache);
            Assert.True(HudPixels.Distance(online, Red) <= 40, $"map pixel {online} while online");
            served = server.Served;
        }

        Assert.True(served > 0, "no tile was requested");
        Assert.Equal(served, CountRows(cache));
        SKColor offline = ScreenshotPixel("--tile-url", $"http://127.0.0.1:{port}/{{z}}/{{x}}/{{y}}.png", "--tile-cache", cache);
        Assert.True(HudPixels.Distance(offline, Red) <= 40, $"map pixel {offline} from the cache with the server gone");
    }

    [Fact]
    public void An_unreachable_tile_server_is_a_warning_and_the_graticule_still_draws()
    {
        int port = FreePort();
        (int code, string output, string error, SKColor pixel) = Screenshot("--tile-url", $"http://127.0.0.1:{port}/{{z}}/{{x}}/{{y}}.png", "--tile-cache", Path.Combine(_dir, "empty.mbtiles"));
        Assert.True(code == 0, $"exit {code}: {output} {error}");
        Assert.Contains($"warning: cannot fetch http://127.0.0.1:{port}/", error, StringComparison.Ordinal);
        Assert.True(HudPixels.Distance(pixel, Theme.MapBackground) <= 40, $"map pixel {pixel}");
    }

    [Theory]
    [InlineData("random", "not a readable SQLite/MBTiles file")]
    [InlineData("no-tiles-table", "not an MBTiles file (it has no 'tiles' table)")]
    [InlineData("vector", "metadata format 'pbf' is not a raster format")]
    [InlineData("bad-zoom", "metadata maxzoom 'twenty' is not a zoom level")]
    [InlineData("missing", "no such file")]
    public void A_bad_mbtiles_file_exits_2_with_its_path_and_the_problem(string kind, string expected)
    {
        string path = Path.Combine(_dir, kind + ".mbtiles");
        switch (kind)
        {
            case "random":
                File.WriteAllBytes(path, [.. Enumerable.Range(0, 4096).Select(i => (byte)((i * 7919) ^ 0x5A))]);
                break;
            case "no-tiles-table":
                Exec(path, "CREATE TABLE metadata (name TEXT, value TEXT)");
                break;
            case "vector":
                Exec(path, "CREATE TABLE metadata (name TEXT, value TEXT); CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB); INSERT INTO metadata VALUES ('format', 'pbf')");
                break;
            case "bad-zoom":
                Exec(path, "CREATE TABLE metadata (name TEXT, value TEXT); CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB); INSERT INTO metadata VALUES ('maxzoom', 'twenty')");
                break;
            default:
                break;
        }

        var output = new StringWriter();
        var error = new StringWriter();
        int code = GroundStationMain.Run(["--headless", "--replay", SitlTlog.Path, "--seek-s", "20", "--screenshot", Path.Combine(_dir, "x.png"), "--tiles", path], output, error);

        Assert.Equal(2, code);
        Assert.Contains($"--tiles '{path}': {expected}", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_tile_that_is_not_an_image_is_counted_and_skipped()
    {
        string path = Path.Combine(_dir, "garbage.mbtiles");
        Dictionary<TileKey, byte[]> tiles = RedTilesAroundTheQuad();
        foreach (TileKey key in tiles.Keys.ToList())
        {
            tiles[key] = [1, 2, 3, 4, 5];
        }

        WriteMbTiles(path, tiles);
        using var layer = new TileLayer(MbTilesFile.Open(path));
        var map = new MapView();
        VehicleState v = Quad();
        map.CenterOn(v.LatDeg, v.LonDeg);
        using var surface = SKSurface.Create(new SKImageInfo(640, 480));
        using var paint = new SKPaint();
        layer.Draw(surface.Canvas, 640, 480, map, paint);
        Assert.True(layer.WaitIdle(TimeSpan.FromSeconds(30)));
        int drawn = layer.Draw(surface.Canvas, 640, 480, map, paint);

        Assert.Equal(0, drawn);
        Assert.True(layer.Undecodable >= 4, $"{layer.Undecodable} undecodable tiles counted");
    }

    private static VehicleState Quad()
    {
        var fleet = new Fleet();
        TlogReplay.Open(SitlTlog.Path, fleet).PlayTo(20);
        return fleet.Selected!;
    }

    /// <summary>Solid red PNG tiles on the zoom the default 1 m/px view picks, ±4 tiles around the quad.</summary>
    private static Dictionary<TileKey, byte[]> RedTilesAroundTheQuad()
    {
        VehicleState v = Quad();
        int zoom = TileKey.ZoomFor(1.0, v.LatDeg);
        int cx = (int)Math.Floor(TileKey.XOf(v.LonDeg, zoom));
        int cy = (int)Math.Floor(TileKey.YOf(v.LatDeg, zoom));
        using var bitmap = new SKBitmap(256, 256);
        bitmap.Erase(Red);
        using SKData png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        byte[] bytes = png.ToArray();
        var tiles = new Dictionary<TileKey, byte[]>();
        for (int dy = -4; dy <= 4; dy++)
        {
            for (int dx = -4; dx <= 4; dx++)
            {
                tiles[new TileKey(zoom, cx + dx, cy + dy)] = bytes;
            }
        }

        return tiles;
    }

    private static void WriteMbTiles(string path, Dictionary<TileKey, byte[]> tiles)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using SqliteCommand schema = connection.CreateCommand();
        schema.CommandText = "CREATE TABLE metadata (name TEXT, value TEXT); CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB); "
            + "INSERT INTO metadata VALUES ('name', 'red'), ('format', 'png'), ('minzoom', '0'), ('maxzoom', '20')";
        schema.ExecuteNonQuery();
        foreach ((TileKey key, byte[] data) in tiles)
        {
            using SqliteCommand insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO tiles VALUES ($z, $x, $y, $d)";
            insert.Parameters.AddWithValue("$z", key.Zoom);
            insert.Parameters.AddWithValue("$x", key.X);
            insert.Parameters.AddWithValue("$y", key.TmsRow);
            insert.Parameters.AddWithValue("$d", data);
            insert.ExecuteNonQuery();
        }
    }

    private static void Exec(string path, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static long CountRows(string path)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM tiles";
        return (long)command.ExecuteScalar()!;
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private SKColor ScreenshotPixel(params string[] extra)
    {
        (int code, string output, string error, SKColor pixel) = Screenshot(extra);
        Assert.True(code == 0, $"exit {code}: {output} {error}");
        return pixel;
    }

    private (int Code, string Output, string Error, SKColor Pixel) Screenshot(params string[] extra)
    {
        string png = Path.Combine(_dir, $"shot-{Guid.NewGuid():N}.png");
        var output = new StringWriter();
        var error = new StringWriter();
        int code = GroundStationMain.Run(["--headless", "--replay", SitlTlog.Path, "--seek-s", "20", "--screenshot", png, .. extra], output, error);
        if (code != 0)
        {
            return (code, output.ToString(), error.ToString(), SKColors.Transparent);
        }

        using SKBitmap bitmap = SKBitmap.Decode(png);
        return (code, output.ToString(), error.ToString(), bitmap.GetPixel(420, 250));
    }

    /// <summary>Serves the given tiles at /z/x/y.png on a loopback port (HttpListener), 404 for others.</summary>
    private sealed class TileServer : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly Dictionary<TileKey, byte[]> _tiles;
        private readonly Thread _thread;
        private int _served;

        public TileServer(Dictionary<TileKey, byte[]> tiles)
        {
            _tiles = tiles;
            Port = FreePort();
            _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
            _listener.Start();
            _thread = new Thread(Serve) { IsBackground = true };
            _thread.Start();
        }

        public int Port { get; }

        public int Served => Volatile.Read(ref _served);

        public void Dispose()
        {
            _listener.Stop();
            _listener.Close();
            _thread.Join(TimeSpan.FromSeconds(5));
        }

        private void Serve()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = _listener.GetContext();
                }
                catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }

                string[] parts = context.Request.Url!.AbsolutePath.Trim('/').Replace(".png", string.Empty, StringComparison.Ordinal).Split('/');
                if (parts.Length == 3 && int.TryParse(parts[0], out int z) && int.TryParse(parts[1], out int x) && int.TryParse(parts[2], out int y)
                    && _tiles.TryGetValue(new TileKey(z, x, y), out byte[]? data))
                {
                    Interlocked.Increment(ref _served);
                    context.Response.ContentType = "image/png";
                    context.Response.OutputStream.Write(data);
                }
                else
                {
                    context.Response.StatusCode = 404;
                }

                context.Response.Close();
            }
        }
    }
}
