using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace StrategicTech.Navigation.Planning.Grid;

/// <summary>
/// Cost-weighted length of a straight segment between cell centres: the sum over the unit cells it crosses of the
/// length inside each cell times 1 + weight·cost/252 (the factor cost-aware A* applies per step). A segment along
/// a cell edge or through a corner adds nothing for the cells it only touches. With weight 0 it is the Euclidean
/// length.
/// </summary>
public static class SegmentCost
{
    /// <summary>Cost-weighted length between the centres of <paramref name="a"/> and <paramref name="b"/>.</summary>
    public static double Of(SearchGrid grid, GridCell a, GridCell b, double weight)
    {
        ArgumentNullException.ThrowIfNull(grid);
        if (!grid.Contains(a.X, a.Y) || !grid.Contains(b.X, b.Y))
        {
            throw new ArgumentOutOfRangeException(nameof(b), $"segment ({a.X},{a.Y})->({b.X},{b.Y}) leaves the {grid.Width}x{grid.Height} grid");
        }

        return grid.Costs is null || weight == 0
            ? Octile.Euclidean(b.X - a.X, b.Y - a.Y)
            : Weighted(grid.Costs, grid.PaddedWidth, a.X + 1, a.Y + 1, b.X + 1, b.Y + 1, weight / 252.0);
    }

    /// <summary>Grid traversal (Amanatides and Woo) in padded coordinates, accumulating length × cell factor.</summary>
    internal static double Weighted(byte[] costs, int width, int x0, int y0, int x1, int y1, double scale)
    {
        ref byte cost = ref MemoryMarshal.GetArrayDataReference(costs);
        int dx = Math.Abs(x1 - x0);
        int dy = Math.Abs(y1 - y0);
        double length = Math.Sqrt(((double)dx * dx) + ((double)dy * dy));
        if (dx == 0 && dy == 0)
        {
            return 0;
        }

        int stepX = x1 > x0 ? 1 : -1;
        int stepY = y1 > y0 ? width : -width;

        // Parameter t in [0, 1] along the segment where the next vertical / horizontal cell edge is crossed.
        double deltaX = dx == 0 ? double.PositiveInfinity : 1.0 / dx;
        double deltaY = dy == 0 ? double.PositiveInfinity : 1.0 / dy;
        double nextX = 0.5 * deltaX;
        double nextY = 0.5 * deltaY;
        int i = (y0 * width) + x0;
        int last = (y1 * width) + x1;
        double t = 0;
        double sum = 0;
        while (true)
        {
            double exit = Math.Min(Math.Min(nextX, nextY), 1.0);
            sum += (exit - t) * Factor(ref cost, i, scale);
            if (i == last || exit >= 1.0)
            {
                break;
            }

            t = exit;
            if (nextX < nextY)
            {
                i += stepX;
                nextX += deltaX;
            }
            else if (nextY < nextX)
            {
                i += stepY;
                nextY += deltaY;
            }
            else
            {
                // Through a corner: the two side cells are only touched.
                i += stepX + stepY;
                nextX += deltaX;
                nextY += deltaY;
            }
        }

        return sum * length;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Factor(ref byte cost, int index, double scale) => 1.0 + (scale * Unsafe.Add(ref cost, index));
}
