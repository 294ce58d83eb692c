namespace StrategicTech.Navigation.Planning.Costmaps;

/// <summary>
/// Nav2's inflation: around every lethal cell, at Euclidean distance d (cell centres, metres) a cell gets
/// 253 (inscribed) for d ≤ inscribed radius (the robot radius), else ⌊252·exp(−k·(d − inscribed radius))⌋ out to the
/// inflation radius (rounded up to whole cells), keeping the maximum. Unknown cells stay unknown unless the inflated
/// cost reaches inscribed (or any cost, with <see cref="InflateUnknown"/>).
/// </summary>
public sealed class InflationLayer
{
    public InflationLayer(double inscribedRadiusM, double inflationRadiusM, double costScalingFactor, bool inflateUnknown = false)
    {
        if (!(inscribedRadiusM >= 0) || !(inflationRadiusM >= inscribedRadiusM) || double.IsInfinity(inflationRadiusM))
        {
            throw new ArgumentOutOfRangeException(nameof(inflationRadiusM), $"need 0 <= inscribed radius ({inscribedRadiusM}) <= inflation radius ({inflationRadiusM}) < inf");
        }

        if (!(costScalingFactor >= 0) || double.IsInfinity(costScalingFactor))
        {
            throw new ArgumentOutOfRangeException(nameof(costScalingFactor), costScalingFactor, "cost scaling factor must be finite and >= 0");
        }

        InscribedRadiusM = inscribedRadiusM;
        InflationRadiusM = inflationRadiusM;
        CostScalingFactor = costScalingFactor;
        InflateUnknown = inflateUnknown;
    }

    public double InscribedRadiusM { get; }

    public double InflationRadiusM { get; }

    /// <summary>Exponential decay rate k, per metre.</summary>
    public double CostScalingFactor { get; }

    public bool InflateUnknown { get; }

    /// <summary>Cost at <paramref name="distanceCells"/> from a lethal cell (Nav2 computeCost).</summary>
    public byte CostAt(double distanceCells, double resolutionM)
    {
        if (distanceCells == 0)
        {
            return CostValues.Lethal;
        }

        double distanceM = distanceCells * resolutionM;
        if (distanceM <= InscribedRadiusM)
        {
            return CostValues.Inscribed;
        }

        double factor = Math.Exp(-CostScalingFactor * (distanceM - InscribedRadiusM));
        return (byte)((CostValues.Inscribed - 1) * factor);
    }

    /// <summary>Inflates the lethal cells of <paramref name="costmap"/> in place.</summary>
    public void Apply(Costmap2D costmap)
    {
        ArgumentNullException.ThrowIfNull(costmap);
        int w = costmap.Width, h = costmap.Height;
        int radius = (int)Math.Ceiling((InflationRadiusM / costmap.ResolutionM) - 1e-9);
        int side = (2 * radius) + 1;
        var kernel = new byte[side * side];
        for (int dy = -radius; dy <= radius; dy++)
        {
            for (int dx = -radius; dx <= radius; dx++)
            {
                double d = Math.Sqrt((dx * dx) + (dy * dy));
                kernel[((dy + radius) * side) + dx + radius] = d <= radius ? CostAt(d, costmap.ResolutionM) : (byte)0;
            }
        }

        byte[] costs = costmap.CostArray;
        var inflated = new byte[costs.Length];
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                if (costs[(y * w) + x] != CostValues.Lethal || IsInterior(costs, w, h, x, y))
                {
                    continue;
                }

                int y0 = Math.Max(0, y - radius), y1 = Math.Min(h - 1, y + radius);
                int x0 = Math.Max(0, x - radius), x1 = Math.Min(w - 1, x + radius);
                for (int cy = y0; cy <= y1; cy++)
                {
                    int k = ((cy - y + radius) * side) + (x0 - x + radius);
                    int row = cy * w;
                    for (int cx = x0; cx <= x1; cx++, k++)
                    {
                        byte c = kernel[k];
                        if (c > inflated[row + cx])
                        {
                            inflated[row + cx] = c;
                        }
                    }
                }
            }
        }

        for (int i = 0; i < costs.Length; i++)
        {
            byte old = costs[i], c = inflated[i];
            if (old == CostValues.Unknown)
            {
                if (InflateUnknown ? c > CostValues.Free : c >= CostValues.Inscribed)
                {
                    costs[i] = c;
                }
            }
            else if (c > old)
            {
                costs[i] = c;
            }
        }
    }

    /// <summary>A lethal cell whose 8 neighbours are all lethal adds nothing its neighbours do not.</summary>
    private static bool IsInterior(byte[] costs, int w, int h, int x, int y)
    {
        if (x == 0 || y == 0 || x == w - 1 || y == h - 1)
        {
            return false;
        }

        for (int dy = -1; dy <= 1; dy++)
        {
            for (int dx = -1; dx <= 1; dx++)
            {
                if (costs[((y + dy) * w) + x + dx] != CostValues.Lethal)
                {
                    return false;
                }
            }
        }

        return true;
    }
}
