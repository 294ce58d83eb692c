namespace StrategicTech.Navigation.Planning.Costmaps;

/// <summary>
/// Marks and clears a costmap from a planar laser scan, as Nav2's obstacle layer: every beam first clears the cells
/// it crosses (Bresenham, up to but not including the hit cell, at most <see cref="RaytraceMaxRangeM"/>), then each
/// hit nearer than <see cref="ObstacleMaxRangeM"/> is marked lethal. A reading at or beyond the sensor's maximum
/// range (or +∞) is "nothing seen": it clears its full ray and marks nothing. NaN and readings below the minimum
/// range are ignored. Allocates nothing.
/// </summary>
public sealed class LaserScanRayTracer
{
    public LaserScanRayTracer(double obstacleMaxRangeM, double raytraceMaxRangeM)
    {
        if (!(obstacleMaxRangeM > 0) || !(raytraceMaxRangeM > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(obstacleMaxRangeM), "ranges must be positive");
        }

        ObstacleMaxRangeM = obstacleMaxRangeM;
        RaytraceMaxRangeM = raytraceMaxRangeM;
    }

    public double ObstacleMaxRangeM { get; }

    public double RaytraceMaxRangeM { get; }

    /// <summary>
    /// Applies one scan taken at (sensorXM, sensorYM) with heading sensorYawRad in the map frame; beam k points at
    /// sensorYawRad + angleMinRad + k·angleIncrementRad. Returns the number of cells marked.
    /// </summary>
    public int Apply(Costmap2D costmap, double sensorXM, double sensorYM, double sensorYawRad, ReadOnlySpan<float> rangesM,
        double angleMinRad, double angleIncrementRad, double rangeMinM, double rangeMaxM)
    {
        CellWindow changed = CellWindow.Empty;
        return Apply(costmap, sensorXM, sensorYM, sensorYawRad, rangesM, angleMinRad, angleIncrementRad, rangeMinM, rangeMaxM, ref changed);
    }

    /// <summary>
    /// As <see cref="Apply(Costmap2D, double, double, double, ReadOnlySpan{float}, double, double, double, double)"/>,
    /// also growing <paramref name="changed"/> by every cell whose value this scan actually changed.
    /// </summary>
    public int Apply(Costmap2D costmap, double sensorXM, double sensorYM, double sensorYawRad, ReadOnlySpan<float> rangesM,
        double angleMinRad, double angleIncrementRad, double rangeMinM, double rangeMaxM, ref CellWindow changed)
    {
        ArgumentNullException.ThrowIfNull(costmap);
        if (!costmap.TryWorldToCell(sensorXM, sensorYM, out int sx, out int sy))
        {
            return 0; // Nav2 drops observations whose origin is off the map
        }

        for (int k = 0; k < rangesM.Length; k++)
        {
            double r = rangesM[k];
            if (double.IsNaN(r) || r < rangeMinM)
            {
                continue;
            }

            double reach = Math.Min(r >= rangeMaxM ? rangeMaxM : r, RaytraceMaxRangeM);
            double angle = sensorYawRad + angleMinRad + (k * angleIncrementRad);
            (double ex, double ey) = costmap.WorldToGrid(sensorXM + (reach * Math.Cos(angle)), sensorYM + (reach * Math.Sin(angle)));
            bool isHit = r < rangeMaxM && r <= RaytraceMaxRangeM;
            Clear(costmap, sx, sy, (int)Math.Floor(ex), (int)Math.Floor(ey), excludeEnd: isHit, ref changed);
        }

        int marked = 0;
        for (int k = 0; k < rangesM.Length; k++)
        {
            double r = rangesM[k];
            if (double.IsNaN(r) || r < rangeMinM || r >= rangeMaxM || r >= ObstacleMaxRangeM)
            {
                continue;
            }

            double angle = sensorYawRad + angleMinRad + (k * angleIncrementRad);
            if (costmap.TryWorldToCell(sensorXM + (r * Math.Cos(angle)), sensorYM + (r * Math.Sin(angle)), out int hx, out int hy))
            {
                if (costmap[hx, hy] != CostValues.Lethal)
                {
                    costmap[hx, hy] = CostValues.Lethal;
                    changed.Include(hx, hy);
                }

                marked++;
            }
        }

        return marked;
    }

    /// <summary>Sets every cell on the Bresenham line from (x0, y0) toward (x1, y1) free, stopping at the map edge.</summary>
    private static void Clear(Costmap2D costmap, int x0, int y0, int x1, int y1, bool excludeEnd, ref CellWindow changed)
    {
        int dx = Math.Abs(x1 - x0), dy = -Math.Abs(y1 - y0);
        int stepX = x0 < x1 ? 1 : -1, stepY = y0 < y1 ? 1 : -1;
        int error = dx + dy;
        int x = x0, y = y0;
        while (true)
        {
            bool atEnd = x == x1 && y == y1;
            if (atEnd && excludeEnd)
            {
                return;
            }

            if (!costmap.Contains(x, y))
            {
                return;
            }

            if (costmap[x, y] != CostValues.Free)
            {
                costmap[x, y] = CostValues.Free;
                changed.Include(x, y);
            }

            if (atEnd)
            {
                return;
            }

            int e2 = 2 * error;
            if (e2 >= dy)
            {
                error += dy;
                x += stepX;
            }

            if (e2 <= dx)
            {
                error += dx;
                y += stepY;
            }
        }
    }
}
