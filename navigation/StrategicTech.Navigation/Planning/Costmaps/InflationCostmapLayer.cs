namespace StrategicTech.Navigation.Planning.Costmaps;

/// <summary>
/// Inflation as the last master layer: it widens the update window by the inflation radius (a changed lethal cell
/// changes costs that far away), then re-inflates the window from every lethal cell the master holds within the
/// window plus the radius, with <see cref="InflationLayer"/>'s costs and unknown rule. Kernel and scratch are built
/// at construction, so updates allocate nothing.
/// </summary>
public sealed class InflationCostmapLayer : ICostmapLayer
{
    private readonly byte[] _kernel;
    private readonly byte[] _scratch;
    private readonly int _side;
    private readonly int _width;
    private readonly int _height;

    public InflationCostmapLayer(Costmap2D geometry, InflationLayer parameters)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        ArgumentNullException.ThrowIfNull(parameters);
        Parameters = parameters;
        _width = geometry.Width;
        _height = geometry.Height;
        RadiusCells = (int)Math.Ceiling((parameters.InflationRadiusM / geometry.ResolutionM) - 1e-9);
        _side = (2 * RadiusCells) + 1;
        _kernel = new byte[_side * _side];
        for (int dy = -RadiusCells; dy <= RadiusCells; dy++)
        {
            for (int dx = -RadiusCells; dx <= RadiusCells; dx++)
            {
                double d = Math.Sqrt((dx * dx) + (dy * dy));
                _kernel[((dy + RadiusCells) * _side) + dx + RadiusCells] = d <= RadiusCells ? parameters.CostAt(d, geometry.ResolutionM) : (byte)0;
            }
        }

        _scratch = new byte[_width * _height];
    }

    public InflationLayer Parameters { get; }

    /// <summary>The inflation radius in whole cells (rounded up).</summary>
    public int RadiusCells { get; }

    public void UpdateBounds(ref CellWindow window) => window = window.Expanded(RadiusCells);

    public void UpdateCosts(Costmap2D master, CellWindow window)
    {
        ArgumentNullException.ThrowIfNull(master);
        LayerGeometry.EnsureSameSize(master, _width, _height, "inflation layer");
        if (window.IsEmpty)
        {
            return;
        }

        byte[] costs = master.CostArray;
        int w = _width, r = RadiusCells;
        for (int y = window.MinY; y <= window.MaxY; y++)
        {
            _scratch.AsSpan((y * w) + window.MinX, window.Width).Clear();
        }

        // Every lethal cell within r of the window can reach into it; stamp the kernel clipped to the window.
        CellWindow seeds = window.Expanded(r).ClampedTo(_width, _height);
        for (int y = seeds.MinY; y <= seeds.MaxY; y++)
        {
            int row = y * w;
            for (int x = seeds.MinX; x <= seeds.MaxX; x++)
            {
                if (costs[row + x] == CostValues.Lethal && !IsInterior(costs, x, y))
                {
                    Stamp(x, y, window);
                }
            }
        }

        bool inflateUnknown = Parameters.InflateUnknown;
        for (int y = window.MinY; y <= window.MaxY; y++)
        {
            int end = (y * w) + window.MaxX;
            for (int i = (y * w) + window.MinX; i <= end; i++)
            {
                byte old = costs[i], c = _scratch[i];
                if (old == CostValues.Unknown)
                {
                    if (inflateUnknown ? c > CostValues.Free : c >= CostValues.Inscribed)
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
    }

    private void Stamp(int x, int y, CellWindow window)
    {
        int r = RadiusCells, w = _width;
        int y0 = Math.Max(window.MinY, y - r), y1 = Math.Min(window.MaxY, y + r);
        int x0 = Math.Max(window.MinX, x - r), x1 = Math.Min(window.MaxX, x + r);
        for (int cy = y0; cy <= y1; cy++)
        {
            int k = ((cy - y + r) * _side) + (x0 - x + r);
            int row = cy * w;
            for (int cx = x0; cx <= x1; cx++, k++)
            {
                byte c = _kernel[k];
                if (c > _scratch[row + cx])
                {
                    _scratch[row + cx] = c;
                }
            }
        }
    }

    /// <summary>
    /// A lethal cell whose 8 neighbours are lethal adds nothing: for any target one neighbour is strictly nearer, and
    /// that neighbour lies inside the seed window whenever the target lies in the update window.
    /// </summary>
    private bool IsInterior(byte[] costs, int x, int y)
    {
        int w = _width;
        if (x == 0 || y == 0 || x == w - 1 || y == _height - 1)
        {
            return false;
        }

        int up = ((y + 1) * w) + x, mid = (y * w) + x, down = ((y - 1) * w) + x;
        return costs[up - 1] == CostValues.Lethal && costs[up] == CostValues.Lethal && costs[up + 1] == CostValues.Lethal
            && costs[mid - 1] == CostValues.Lethal && costs[mid + 1] == CostValues.Lethal
            && costs[down - 1] == CostValues.Lethal && costs[down] == CostValues.Lethal && costs[down + 1] == CostValues.Lethal;
    }
}
