using System.Globalization;
using Microsoft.Data.Sqlite;

namespace StrategicTech.GroundStation.Tiles;

/// <summary>
/// Raster tiles from an MBTiles 1.3 file (SQLite: <c>metadata(name, value)</c> and <c>tiles(zoom_level, tile_column,
/// tile_row, tile_data)</c>, rows counted from the south). Opened read-only and checked at once, so a corrupt or foreign
/// file is refused with its path and the problem before the map uses it. Also the on-disk cache of
/// <see cref="XyzTileSource"/> (opened writable, schema created).
/// </summary>
public sealed class MbTilesFile : ITileSource
{
    /// <summary>Largest tile accepted (a 256-pixel PNG is ~5-50 KB).</summary>
    public const int MaxTileBytes = 1 << 20;

    private readonly Lock _lock = new();
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _select;

    private MbTilesFile(string path, SqliteConnection connection, int minZoom, int maxZoom, string format)
    {
        Name = path;
        _connection = connection;
        MinZoom = minZoom;
        MaxZoom = maxZoom;
        Format = format;
        _select = connection.CreateCommand();
        _select.CommandText = "SELECT tile_data FROM tiles WHERE zoom_level = $z AND tile_column = $x AND tile_row = $y";
        _select.Parameters.Add("$z", SqliteType.Integer);
        _select.Parameters.Add("$x", SqliteType.Integer);
        _select.Parameters.Add("$y", SqliteType.Integer);
    }

    public string Name { get; }

    public int MinZoom { get; }

    public int MaxZoom { get; }

    /// <summary>The metadata's <c>format</c> (png, jpg, webp), or empty when not stated.</summary>
    public string Format { get; }

    public string LastError { get; private set; } = string.Empty;

    /// <summary>Opens and checks an MBTiles file for reading.</summary>
    public static MbTilesFile Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new TileSourceException($"--tiles '{path}': no such file");
        }

        return OpenChecked(path, new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString(), create: false);
    }

    /// <summary>Opens (creating when missing) a writable MBTiles file used as a download cache.</summary>
    public static MbTilesFile OpenCache(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return OpenChecked(path, new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString(), create: true);
    }

    public byte[]? Fetch(TileKey key)
    {
        lock (_lock)
        {
            try
            {
                _select.Parameters["$z"].Value = key.Zoom;
                _select.Parameters["$x"].Value = key.X;
                _select.Parameters["$y"].Value = key.TmsRow;
                using SqliteDataReader reader = _select.ExecuteReader();
                if (!reader.Read() || reader.IsDBNull(0))
                {
                    return null;
                }

                long length = reader.GetBytes(0, 0, null, 0, 0);
                if (length <= 0 || length > MaxTileBytes)
                {
                    LastError = string.Create(CultureInfo.InvariantCulture, $"{Name}: tile {key.Zoom}/{key.X}/{key.Y} is {length} bytes (limit {MaxTileBytes}); skipped");
                    return null;
                }

                return (byte[])reader.GetValue(0);
            }
            catch (SqliteException ex)
            {
                LastError = $"{Name}: {ex.Message}";
                return null;
            }
        }
    }

    /// <summary>Stores a tile (cache use).</summary>
    public void Store(TileKey key, byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        lock (_lock)
        {
            using SqliteCommand insert = _connection.CreateCommand();
            insert.CommandText = "INSERT OR REPLACE INTO tiles (zoom_level, tile_column, tile_row, tile_data) VALUES ($z, $x, $y, $d)";
            insert.Parameters.AddWithValue("$z", key.Zoom);
            insert.Parameters.AddWithValue("$x", key.X);
            insert.Parameters.AddWithValue("$y", key.TmsRow);
            insert.Parameters.AddWithValue("$d", data);
            insert.ExecuteNonQuery();
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _select.Dispose();
            _connection.Dispose();
        }
    }

    private static MbTilesFile OpenChecked(string path, string connectionString, bool create)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            if (create)
            {
                using SqliteCommand schema = connection.CreateCommand();
                schema.CommandText = "CREATE TABLE IF NOT EXISTS metadata (name TEXT, value TEXT); "
                    + "CREATE TABLE IF NOT EXISTS tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB); "
                    + "CREATE UNIQUE INDEX IF NOT EXISTS tile_index ON tiles (zoom_level, tile_column, tile_row);";
                schema.ExecuteNonQuery();
            }

            if (!HasTable(connection, "tiles"))
            {
                throw new TileSourceException($"--tiles '{path}': not an MBTiles file (it has no 'tiles' table)");
            }

            Dictionary<string, string> metadata = HasTable(connection, "metadata") ? ReadMetadata(connection) : [];
            int minZoom = ZoomFrom(metadata, "minzoom", path, 0);
            int maxZoom = ZoomFrom(metadata, "maxzoom", path, TileKey.MaxZoom);
            string format = metadata.TryGetValue("format", out string? f) ? f : string.Empty;
            if (format.Length > 0 && format is not ("png" or "jpg" or "jpeg" or "webp"))
            {
                throw new TileSourceException($"--tiles '{path}': metadata format '{format}' is not a raster format (png, jpg, webp); vector tiles are not drawn");
            }

            return new MbTilesFile(path, connection, minZoom, Math.Max(minZoom, maxZoom), format);
        }
        catch (SqliteException ex)
        {
            connection.Dispose();
            throw new TileSourceException($"--tiles '{path}': not a readable SQLite/MBTiles file ({ex.Message})", ex);
        }
        catch (TileSourceException)
        {
            connection.Dispose();
            throw;
        }
    }

    private static bool HasTable(SqliteConnection connection, string name)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE (type = 'table' OR type = 'view') AND name = $n";
        command.Parameters.AddWithValue("$n", name);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) > 0;
    }

    private static Dictionary<string, string> ReadMetadata(SqliteConnection connection)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT name, value FROM metadata LIMIT 1000";
        using SqliteDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            if (!reader.IsDBNull(0) && !reader.IsDBNull(1))
            {
                metadata[reader.GetString(0)] = reader.GetString(1);
            }
        }

        return metadata;
    }

    private static int ZoomFrom(Dictionary<string, string> metadata, string key, string path, int fallback)
    {
        if (!metadata.TryGetValue(key, out string? text))
        {
            return fallback;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int zoom) || zoom < 0 || zoom > TileKey.MaxZoom)
        {
            throw new TileSourceException($"--tiles '{path}': metadata {key} '{text}' is not a zoom level from 0 to {TileKey.MaxZoom}");
        }

        return zoom;
    }
}
