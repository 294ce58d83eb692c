namespace StrategicTech.Navigation.Planning.Costmaps;

/// <summary>
/// A ROS occupancy grid as map_server publishes it: −1 unknown, 0 free .. 100 occupied, row-major with y up
/// (row 0 = bottom = the image's last row), plus the map.yaml metadata.
/// </summary>
public sealed class OccupancyGridMap
{
    public const sbyte Unknown = -1;
    public const sbyte Free = 0;
    public const sbyte Occupied = 100;

    private readonly sbyte[] _data;

    public OccupancyGridMap(int width, int height, MapYaml metadata, sbyte[] data)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(data);
        if ((long)width * height != data.Length)
        {
            throw new ArgumentException($"occupancy data has {data.Length} cells, expected {width}x{height}", nameof(data));
        }

        Width = width;
        Height = height;
        Metadata = metadata;
        _data = data;
    }

    public int Width { get; }

    public int Height { get; }

    public MapYaml Metadata { get; }

    /// <summary>Row-major occupancy, index = y·Width + x, y up.</summary>
    public ReadOnlySpan<sbyte> Data => _data;

    public sbyte this[int x, int y] => _data[(y * Width) + x];

    /// <summary>
    /// The static layer's view (Nav2 StaticLayer): unknown → 255 (or free when not tracking unknown space),
    /// occupancy ≥ <paramref name="lethalThreshold"/> → lethal, anything else free in a trinary costmap or scaled to
    /// value/threshold·254 otherwise.
    /// </summary>
    public Costmap2D ToCostmap(bool trackUnknownSpace = true, int lethalThreshold = 100, bool trinaryCostmap = true)
    {
        if (lethalThreshold is < 1 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(lethalThreshold), lethalThreshold, "lethal threshold must be in 1..100");
        }

        var costmap = new Costmap2D(Width, Height, Metadata.ResolutionM, Metadata.OriginXM, Metadata.OriginYM, Metadata.OriginYawRad);
        Span<byte> costs = costmap.Costs;
        for (int i = 0; i < _data.Length; i++)
        {
            int v = _data[i];
            costs[i] = v == Unknown ? (trackUnknownSpace ? CostValues.Unknown : CostValues.Free)
                : v >= lethalThreshold ? CostValues.Lethal
                : trinaryCostmap ? CostValues.Free
                : (byte)((double)v / lethalThreshold * CostValues.Lethal);
        }

        return costmap;
    }
}
