namespace StrategicTech.GroundStation.Tiles;

/// <summary>Builds the map's tile layer from the command line (an MBTiles file, or an XYZ URL with its cache).</summary>
public static class TileSources
{
    /// <summary>The layer the options ask for, or null for the graticule alone; throws <see cref="TileSourceException"/> on a bad source.</summary>
    public static TileLayer? Create(App.GcsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.TilesPath is { } path)
        {
            return new TileLayer(MbTilesFile.Open(path));
        }

        if (options.TileUrl is { } url)
        {
            string? folder = Path.GetDirectoryName(Path.GetFullPath(options.TileCachePath));
            try
            {
                if (folder is not null)
                {
                    Directory.CreateDirectory(folder);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new TileSourceException($"--tile-cache '{options.TileCachePath}': {ex.Message}", ex);
            }

            return new TileLayer(new XyzTileSource(url, options.TileCachePath));
        }

        return null;
    }
}
