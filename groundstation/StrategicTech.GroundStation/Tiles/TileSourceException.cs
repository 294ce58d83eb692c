namespace StrategicTech.GroundStation.Tiles;

/// <summary>A tile source that cannot be used (not an MBTiles file, missing table, bad URL template): the message says which and why.</summary>
public sealed class TileSourceException : Exception
{
    public TileSourceException()
    {
    }

    public TileSourceException(string message)
        : base(message)
    {
    }

    public TileSourceException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
