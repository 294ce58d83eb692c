namespace StrategicTech.Navigation.Planning.Costmaps;

/// <summary>
/// Nav2's static layer: the map (from map_server or Moving AI) overwrites the master, unknown included (Nav2's
/// updateWithTrueOverwrite, its default). The whole map is dirty on the first update and after <see cref="SetMap"/>.
/// </summary>
public sealed class StaticCostmapLayer : ICostmapLayer
{
    private readonly byte[] _costs;
    private readonly int _width;
    private readonly int _height;
    private bool _dirty = true;

    public StaticCostmapLayer(Costmap2D map)
    {
        ArgumentNullException.ThrowIfNull(map);
        _width = map.Width;
        _height = map.Height;
        _costs = map.Costs.ToArray();
    }

    public ReadOnlySpan<byte> Costs => _costs;

    /// <summary>Replaces the map (same size); the next update recomputes everything.</summary>
    public void SetMap(ReadOnlySpan<byte> costs)
    {
        if (costs.Length != _costs.Length)
        {
            throw new ArgumentException($"static map has {costs.Length} cells, expected {_width}x{_height}", nameof(costs));
        }

        costs.CopyTo(_costs);
        _dirty = true;
    }

    public void UpdateBounds(ref CellWindow window)
    {
        if (_dirty)
        {
            window.Include(CellWindow.All(_width, _height));
            _dirty = false;
        }
    }

    public void UpdateCosts(Costmap2D master, CellWindow window)
    {
        ArgumentNullException.ThrowIfNull(master);
        LayerGeometry.EnsureSameSize(master, _width, _height, "static layer");
        Span<byte> target = master.Costs;
        for (int y = window.MinY; y <= window.MaxY; y++)
        {
            int start = (y * _width) + window.MinX;
            _costs.AsSpan(start, window.Width).CopyTo(target.Slice(start, window.Width));
        }
    }
}
