using StrategicTech.Navigation.Planning.Grid;

namespace StrategicTech.Navigation.Planning.Costmaps;

/// <summary>Bridges from costmaps to the grid planners.</summary>
public static class CostmapExtensions
{
    /// <summary>
    /// A search grid over the costmap: lethal and inscribed cells (≥ 253) block; unknown blocks unless allowed.
    /// Costs 0..252 are kept for cost-aware A*.
    /// </summary>
    public static SearchGrid ToSearchGrid(this Costmap2D costmap, bool unknownIsPassable = false)
    {
        ArgumentNullException.ThrowIfNull(costmap);
        return SearchGrid.FromCosts(costmap.Width, costmap.Height, costmap.Costs, CostValues.Inscribed, unknownIsPassable);
    }

    /// <summary>A costmap from a Moving AI map (blocked = lethal), 1 m cells, row 0 of the file at the top (y = H − 1).</summary>
    public static Costmap2D ToCostmap(this MovingAiMap map, double resolutionM = 1.0)
    {
        ArgumentNullException.ThrowIfNull(map);
        var costmap = new Costmap2D(map.Width, map.Height, resolutionM, 0, 0);
        for (int row = 0; row < map.Height; row++)
        {
            for (int x = 0; x < map.Width; x++)
            {
                costmap[x, map.Height - 1 - row] = map.IsPassable(x, row) ? CostValues.Free : CostValues.Lethal;
            }
        }

        return costmap;
    }

    /// <summary>Map-frame centres of the cells of a grid path; returns the count written.</summary>
    public static int ToWorld(this Costmap2D costmap, ReadOnlySpan<GridCell> path, Span<(double X, double Y)> output)
    {
        ArgumentNullException.ThrowIfNull(costmap);
        if (output.Length < path.Length)
        {
            throw new ArgumentException("output span is too short", nameof(output));
        }

        for (int k = 0; k < path.Length; k++)
        {
            (double x, double y) = costmap.CellCenterToWorld(path[k].X, path[k].Y);
            output[k] = (x, y);
        }

        return path.Length;
    }
}
