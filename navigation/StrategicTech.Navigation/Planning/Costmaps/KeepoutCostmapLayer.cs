namespace StrategicTech.Navigation.Planning.Costmaps;

/// <summary>
/// Keep-out zones as a master layer: polygons are rasterised once (when added, by <see cref="KeepoutLayer"/>'s
/// cell-centre rule) into a mask that is max-combined into the master (unknown or lower cells take the zone cost), so
/// scan clearing, which only touches the obstacle layer, can never free a keep-out cell.
/// </summary>
public sealed class KeepoutCostmapLayer : ICostmapLayer
{
    private readonly Costmap2D _mask;
    private CellWindow _changed = CellWindow.Empty;
    private CellWindow _occupied = CellWindow.Empty;

    public KeepoutCostmapLayer(Costmap2D geometry, byte cost = CostValues.Lethal)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        Cost = cost;
        _mask = new Costmap2D(geometry.Width, geometry.Height, geometry.ResolutionM, geometry.OriginXM, geometry.OriginYM, geometry.OriginYawRad, CostValues.Unknown);
    }

    public byte Cost { get; }

    public int PolygonCount { get; private set; }

    /// <summary>The rasterised zones: <see cref="Cost"/> inside, unknown (no opinion, skipped) elsewhere.</summary>
    public ReadOnlySpan<byte> Mask => _mask.Costs;

    /// <summary>Adds a zone (map-frame vertices, at least 3). Set-up time: allocates.</summary>
    public void AddPolygon(ReadOnlySpan<(double XM, double YM)> vertices)
    {
        var single = new KeepoutLayer(Cost);
        single.AddPolygon(vertices);
        single.Apply(_mask);
        PolygonCount++;

        // Bounds of the vertices in cells, one cell of slack for centres on the edge.
        var bounds = CellWindow.Empty;
        foreach ((double xM, double yM) in vertices)
        {
            (double gx, double gy) = _mask.WorldToGrid(xM, yM);
            bounds.Include((int)Math.Floor(Math.Clamp(gx, -1, _mask.Width + 1)), (int)Math.Floor(Math.Clamp(gy, -1, _mask.Height + 1)));
        }

        bounds = bounds.Expanded(1).ClampedTo(_mask.Width, _mask.Height);
        _changed.Include(bounds);
        _occupied.Include(bounds);
    }

    /// <summary>Removes every zone; the cells they covered are recomputed on the next update.</summary>
    public void ClearPolygons()
    {
        _mask.Costs.Fill(CostValues.Unknown);
        _changed.Include(_occupied);
        _occupied = CellWindow.Empty;
        PolygonCount = 0;
    }

    public void UpdateBounds(ref CellWindow window)
    {
        window.Include(_changed);
        _changed = CellWindow.Empty;
    }

    public void UpdateCosts(Costmap2D master, CellWindow window)
    {
        ArgumentNullException.ThrowIfNull(master);
        LayerGeometry.EnsureSameSize(master, _mask.Width, _mask.Height, "keep-out layer");
        CostCombination.Max(_mask.Costs, master.Costs, master.Width, window);
    }
}
