namespace StrategicTech.Navigation.Planning.Costmaps;

/// <summary>
/// Nav2's obstacle layer: laser scans mark and clear its own persistent grid (same geometry as the master) by ray
/// tracing; each update takes the maximum with the master (updateWithMax: its unknown cells leave the master alone,
/// a master unknown cell takes its value). Only cells a scan actually changed are reported dirty.
/// </summary>
public sealed class ObstacleCostmapLayer : ICostmapLayer
{
    private readonly LaserScanRayTracer _tracer;
    private readonly byte _initialCost;
    private CellWindow _changed = CellWindow.Empty;

    /// <param name="geometry">Size, resolution and origin to copy (the master's).</param>
    /// <param name="trackUnknownSpace">Unseen cells start unknown (255) rather than free, so they cannot erase the static map's unknown space.</param>
    public ObstacleCostmapLayer(Costmap2D geometry, double obstacleMaxRangeM, double raytraceMaxRangeM, bool trackUnknownSpace = true)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        _tracer = new LaserScanRayTracer(obstacleMaxRangeM, raytraceMaxRangeM);
        _initialCost = trackUnknownSpace ? CostValues.Unknown : CostValues.Free;
        Grid = new Costmap2D(geometry.Width, geometry.Height, geometry.ResolutionM, geometry.OriginXM, geometry.OriginYM,
            geometry.OriginYawRad, _initialCost);
    }

    /// <summary>The layer's own grid: lethal where marked, free where cleared, otherwise unknown (or free).</summary>
    public Costmap2D Grid { get; }

    /// <summary>Marks and clears from one scan (see <see cref="LaserScanRayTracer"/>); returns the number of hits marked.</summary>
    public int AddScan(double sensorXM, double sensorYM, double sensorYawRad, ReadOnlySpan<float> rangesM,
        double angleMinRad, double angleIncrementRad, double rangeMinM, double rangeMaxM) =>
        _tracer.Apply(Grid, sensorXM, sensorYM, sensorYawRad, rangesM, angleMinRad, angleIncrementRad, rangeMinM, rangeMaxM, ref _changed);

    /// <summary>Forgets every mark (Nav2's clear-costmap recovery); the whole grid is dirty on the next update.</summary>
    public void Clear()
    {
        Grid.Costs.Fill(_initialCost);
        _changed = CellWindow.All(Grid.Width, Grid.Height);
    }

    public void UpdateBounds(ref CellWindow window)
    {
        window.Include(_changed);
        _changed = CellWindow.Empty;
    }

    public void UpdateCosts(Costmap2D master, CellWindow window)
    {
        ArgumentNullException.ThrowIfNull(master);
        LayerGeometry.EnsureSameSize(master, Grid.Width, Grid.Height, "obstacle layer");
        CostCombination.Max(Grid.Costs, master.Costs, master.Width, window);
    }
}
