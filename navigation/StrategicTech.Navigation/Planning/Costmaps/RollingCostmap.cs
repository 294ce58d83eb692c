namespace StrategicTech.Navigation.Planning.Costmaps;

/// <summary>
/// Nav2's local costmap with <c>rolling_window: true</c>: a square window of its own size and resolution, axis-aligned
/// in the map frame and re-centred on the robot before every scan (the origin snaps to whole cells of a fixed lattice,
/// so cells keep their identity while it moves). Its obstacle grid is marked by scan hits and cleared by ray tracing
/// free space along every beam (<see cref="LaserScanRayTracer"/>); cells that scroll in start free and cells that
/// scroll out are forgotten, so nothing seen once can stay behind as a phantom. <see cref="Master"/> is recomposed on
/// every update from the static map sampled at the window's cell centres, the obstacle grid (maximum) and inflation.
/// All buffers are sized at construction; <see cref="Recenter"/>, <see cref="AddScan"/> and <see cref="Update"/>
/// allocate nothing.
/// </summary>
public sealed class RollingCostmap
{
    private readonly Costmap2D _staticMap;
    private readonly Costmap2D _obstacles;
    private readonly byte[] _shift;
    private readonly LaserScanRayTracer _tracer;
    private readonly InflationCostmapLayer _inflation;
    private readonly CellWindow _all;

    /// <param name="staticMap">The known map (global costmap's static layer), sampled at this window's cell centres.</param>
    /// <param name="sizeM">Side of the square window, metres (Nav2's local costmap: 3–6 m).</param>
    /// <param name="resolutionM">Metres per cell of the window (independent of the static map's).</param>
    /// <param name="inflation">Inscribed and inflation radii and decay.</param>
    public RollingCostmap(Costmap2D staticMap, double sizeM, double resolutionM, InflationLayer inflation,
        double obstacleMaxRangeM, double raytraceMaxRangeM)
    {
        _staticMap = staticMap ?? throw new ArgumentNullException(nameof(staticMap));
        ArgumentNullException.ThrowIfNull(inflation);
        if (!(resolutionM > 0) || double.IsInfinity(resolutionM))
        {
            throw new ArgumentOutOfRangeException(nameof(resolutionM), resolutionM, "resolution must be a positive number of metres per cell");
        }

        if (!(sizeM >= 4 * resolutionM) || double.IsInfinity(sizeM))
        {
            throw new ArgumentOutOfRangeException(nameof(sizeM), sizeM, "window must be finite and at least 4 cells wide");
        }

        int cells = (int)Math.Ceiling((sizeM / resolutionM) - 1e-9);
        Master = new Costmap2D(cells, cells, resolutionM, 0, 0);
        _obstacles = new Costmap2D(cells, cells, resolutionM, 0, 0);
        _shift = new byte[cells * cells];
        _tracer = new LaserScanRayTracer(obstacleMaxRangeM, raytraceMaxRangeM);
        _inflation = new InflationCostmapLayer(Master, inflation);
        _all = CellWindow.All(cells, cells);
    }

    /// <summary>The composed window (static + obstacles + inflation) the controller checks.</summary>
    public Costmap2D Master { get; }

    /// <summary>The window's obstacle grid: lethal where a scan hit, free elsewhere (seen clear or never seen).</summary>
    public Costmap2D Obstacles => _obstacles;

    /// <summary>Cells on a side.</summary>
    public int SizeCells => Master.Width;

    /// <summary>
    /// Centres the window on (robotXM, robotYM), snapped to the resolution lattice; the obstacle grid is shifted by
    /// whole cells with it (cells that enter are free). Returns whether the origin moved.
    /// </summary>
    public bool Recenter(double robotXM, double robotYM)
    {
        double res = Master.ResolutionM;
        double half = 0.5 * Master.Width * res;
        double originX = Math.Floor((robotXM - half) / res) * res;
        double originY = Math.Floor((robotYM - half) / res) * res;
        long dx = (long)Math.Round((originX - Master.OriginXM) / res);
        long dy = (long)Math.Round((originY - Master.OriginYM) / res);
        if (dx == 0 && dy == 0)
        {
            return false;
        }

        ShiftObstacles(dx, dy);
        Master.MoveOrigin(originX, originY);
        _obstacles.MoveOrigin(originX, originY);
        return true;
    }

    /// <summary>Marks hits and clears each beam's free cells in the window's obstacle grid; returns the number of hits marked.</summary>
    public int AddScan(double sensorXM, double sensorYM, double sensorYawRad, ReadOnlySpan<float> rangesM,
        double angleMinRad, double angleIncrementRad, double rangeMinM, double rangeMaxM) =>
        _tracer.Apply(_obstacles, sensorXM, sensorYM, sensorYawRad, rangesM, angleMinRad, angleIncrementRad, rangeMinM, rangeMaxM);

    /// <summary>Forgets every mark (the clear-costmaps recovery).</summary>
    public void Clear() => _obstacles.Costs.Clear();

    /// <summary>Recomposes <see cref="Master"/>: static map at each cell centre, maximum with the obstacles, inflation.</summary>
    public void Update()
    {
        Span<byte> master = Master.Costs;
        ReadOnlySpan<byte> marks = _obstacles.Costs;
        int n = Master.Width;
        double res = Master.ResolutionM;
        for (int y = 0; y < n; y++)
        {
            double wy = Master.OriginYM + ((y + 0.5) * res); // the window is axis-aligned in the map frame
            for (int x = 0; x < n; x++)
            {
                double wx = Master.OriginXM + ((x + 0.5) * res);
                byte cost = _staticMap.TryWorldToCell(wx, wy, out int sx, out int sy) ? _staticMap[sx, sy] : CostValues.Unknown;
                int i = (y * n) + x;
                byte mark = marks[i];
                if (mark != CostValues.Free && (cost == CostValues.Unknown || mark > cost))
                {
                    cost = mark;
                }

                master[i] = cost;
            }
        }

        _inflation.UpdateCosts(Master, _all);
    }

    /// <summary>Moves the obstacle grid's contents by (−dx, −dy) cells: new cell (x, y) is old cell (x + dx, y + dy).</summary>
    private void ShiftObstacles(long dx, long dy)
    {
        int n = _obstacles.Width;
        Span<byte> grid = _obstacles.Costs;
        Span<byte> shifted = _shift;
        shifted.Clear();
        if (Math.Abs(dx) < n && Math.Abs(dy) < n)
        {
            int sx = (int)dx, sy = (int)dy;
            int x0 = Math.Max(0, -sx), x1 = Math.Min(n, n - sx);
            for (int y = Math.Max(0, -sy); y < Math.Min(n, n - sy); y++)
            {
                grid.Slice(((y + sy) * n) + x0 + sx, x1 - x0).CopyTo(shifted.Slice((y * n) + x0, x1 - x0));
            }
        }

        shifted.CopyTo(grid);
    }
}
