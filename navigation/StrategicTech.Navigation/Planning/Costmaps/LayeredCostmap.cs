namespace StrategicTech.Navigation.Planning.Costmaps;

/// <summary>
/// Nav2's LayeredCostmap: a master grid composed from an ordered list of layers (typically static, obstacle, keep-out,
/// inflation last). <see cref="Update"/> collects the window of cells the layers changed since the last update
/// (inflation widens it by its radius), resets that window to <see cref="DefaultCost"/> and lets every layer write into
/// it in order; cells outside it are untouched, so a scan near the robot does not recompute the whole map.
/// Allocates nothing per update.
/// </summary>
public sealed class LayeredCostmap
{
    private ICostmapLayer[] _layers = [];

    public LayeredCostmap(int width, int height, double resolutionM, double originXM, double originYM, double originYawRad = 0,
        byte defaultCost = CostValues.Free)
    {
        DefaultCost = defaultCost;
        Master = new Costmap2D(width, height, resolutionM, originXM, originYM, originYawRad, defaultCost);
    }

    /// <summary>A master with the geometry of <paramref name="map"/> (e.g. the static map).</summary>
    public LayeredCostmap(Costmap2D map, byte defaultCost = CostValues.Free)
        : this(Throw.IfNull(map).Width, map.Height, map.ResolutionM, map.OriginXM, map.OriginYM, map.OriginYawRad, defaultCost)
    {
    }

    /// <summary>The composed costs planners read.</summary>
    public Costmap2D Master { get; }

    /// <summary>What a cell holds before any layer writes (Nav2: unknown when tracking unknown space, else free).</summary>
    public byte DefaultCost { get; }

    public int LayerCount => _layers.Length;

    /// <summary>The window the last <see cref="Update"/> recomputed (clamped to the map; empty when nothing changed).</summary>
    public CellWindow LastWindow { get; private set; } = CellWindow.Empty;

    /// <summary>Appends a layer; layers apply in the order added. Set-up time: allocates.</summary>
    public void AddLayer(ICostmapLayer layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        _layers = [.. _layers, layer];
    }

    /// <summary>Recomputes only the cells the layers changed since the last update (plus inflation); returns that window.</summary>
    public CellWindow Update()
    {
        CellWindow window = CellWindow.Empty;
        foreach (ICostmapLayer layer in _layers)
        {
            layer.UpdateBounds(ref window);
        }

        return Recompute(window);
    }

    /// <summary>Recomputes every cell (what a non-layered costmap does on each scan); layers' pending changes are consumed.</summary>
    public CellWindow UpdateFull()
    {
        CellWindow window = CellWindow.Empty;
        foreach (ICostmapLayer layer in _layers)
        {
            layer.UpdateBounds(ref window);
        }

        return Recompute(CellWindow.All(Master.Width, Master.Height));
    }

    private CellWindow Recompute(CellWindow window)
    {
        window = window.ClampedTo(Master.Width, Master.Height);
        LastWindow = window;
        if (window.IsEmpty)
        {
            return window;
        }

        Span<byte> costs = Master.Costs;
        int w = Master.Width;
        for (int y = window.MinY; y <= window.MaxY; y++)
        {
            costs.Slice((y * w) + window.MinX, window.Width).Fill(DefaultCost);
        }

        foreach (ICostmapLayer layer in _layers)
        {
            layer.UpdateCosts(Master, window);
        }

        return window;
    }

    private static class Throw
    {
        public static Costmap2D IfNull(Costmap2D? map) => map ?? throw new ArgumentNullException(nameof(map));
    }
}
