namespace StrategicTech.Navigation.Planning.Costmaps;

/// <summary>
/// Keep-out zones: polygons in the map frame (metres) whose cells (by cell centre, even-odd rule) are raised to
/// <see cref="Cost"/> (lethal by default), like a Nav2 keepout filter mask drawn from vector zones.
/// </summary>
public sealed class KeepoutLayer
{
    private readonly List<(double X, double Y)[]> _polygons = [];

    public KeepoutLayer(byte cost = CostValues.Lethal) => Cost = cost;

    public byte Cost { get; }

    public int PolygonCount => _polygons.Count;

    /// <summary>Adds a polygon given as map-frame vertices (at least 3; closing edge implied).</summary>
    public void AddPolygon(ReadOnlySpan<(double XM, double YM)> vertices)
    {
        if (vertices.Length < 3)
        {
            throw new ArgumentException($"a keep-out polygon needs at least 3 vertices, got {vertices.Length}", nameof(vertices));
        }

        var copy = new (double X, double Y)[vertices.Length];
        for (int i = 0; i < vertices.Length; i++)
        {
            if (!double.IsFinite(vertices[i].XM) || !double.IsFinite(vertices[i].YM))
            {
                throw new ArgumentException($"vertex {i} is not finite", nameof(vertices));
            }

            copy[i] = (vertices[i].XM, vertices[i].YM);
        }

        _polygons.Add(copy);
    }

    /// <summary>Raises every cell whose centre lies inside a polygon to <see cref="Cost"/> (never lowers a cost).</summary>
    public void Apply(Costmap2D costmap)
    {
        ArgumentNullException.ThrowIfNull(costmap);
        var crossings = new List<double>();
        foreach ((double X, double Y)[] polygon in _polygons)
        {
            // Vertices in continuous cell coordinates (cell centres at k + 0.5).
            var cell = new (double X, double Y)[polygon.Length];
            double minY = double.MaxValue, maxY = double.MinValue;
            for (int i = 0; i < polygon.Length; i++)
            {
                cell[i] = costmap.WorldToGrid(polygon[i].X, polygon[i].Y);
                minY = Math.Min(minY, cell[i].Y);
                maxY = Math.Max(maxY, cell[i].Y);
            }

            int yStart = Math.Max(0, (int)Math.Floor(minY - 0.5));
            int yEnd = Math.Min(costmap.Height - 1, (int)Math.Ceiling(maxY - 0.5));
            for (int y = yStart; y <= yEnd; y++)
            {
                double cy = y + 0.5;
                crossings.Clear();
                for (int i = 0, j = cell.Length - 1; i < cell.Length; j = i++)
                {
                    (double xi, double yi) = cell[i];
                    (double xj, double yj) = cell[j];
                    if ((yi > cy) != (yj > cy))
                    {
                        crossings.Add(xi + ((cy - yi) / (yj - yi) * (xj - xi)));
                    }
                }

                crossings.Sort();
                for (int k = 0; k + 1 < crossings.Count; k += 2)
                {
                    // Cells whose centre x + 0.5 lies within [left, right).
                    int x0 = Math.Max(0, (int)Math.Ceiling(crossings[k] - 0.5));
                    int x1 = Math.Min(costmap.Width - 1, (int)Math.Ceiling(crossings[k + 1] - 0.5) - 1);
                    for (int x = x0; x <= x1; x++)
                    {
                        if (costmap[x, y] == CostValues.Unknown || costmap[x, y] < Cost)
                        {
                            costmap[x, y] = Cost;
                        }
                    }
                }
            }
        }
    }
}
