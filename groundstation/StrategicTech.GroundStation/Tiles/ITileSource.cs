namespace StrategicTech.GroundStation.Tiles;

/// <summary>Where encoded tile images (PNG/JPEG) come from. Called on the tile loader's thread, never the render thread.</summary>
public interface ITileSource : IDisposable
{
    /// <summary>What the source is (file or URL), for messages.</summary>
    string Name { get; }

    int MinZoom { get; }

    int MaxZoom { get; }

    /// <summary>The tile's encoded image, or null when the source has none (not an error).</summary>
    byte[]? Fetch(TileKey key);

    /// <summary>The last failure in words (unreachable server, bad row), or empty.</summary>
    string LastError { get; }
}
