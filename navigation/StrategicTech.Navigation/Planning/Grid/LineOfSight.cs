using System.Runtime.InteropServices;
using System.Runtime.CompilerServices;

namespace StrategicTech.Navigation.Planning.Grid;

/// <summary>
/// Visibility between cell centres on a grid: the segment may not enter a blocked cell, and where it passes exactly
/// through a cell corner both cells beside the corner must be free (the same no-corner-cutting rule as the
/// 8-connected moves, so every legal move is also a visible segment).
/// </summary>
public static class LineOfSight
{
    /// <summary>True if the straight segment between the centres of <paramref name="a"/> and <paramref name="b"/> is clear.</summary>
    public static bool IsClear(SearchGrid grid, GridCell a, GridCell b)
    {
        ArgumentNullException.ThrowIfNull(grid);
        if (!grid.IsPassable(a.X, a.Y) || !grid.IsPassable(b.X, b.Y))
        {
            return false;
        }

        return Clear(grid.Passable, grid.PaddedWidth, a.X + 1, a.Y + 1, b.X + 1, b.Y + 1);
    }

    /// <summary>Supercover walk in padded coordinates; both end cells are assumed inside the padded grid.</summary>
    internal static bool Clear(byte[] passable, int width, int x0, int y0, int x1, int y1)
    {
        ref byte free = ref MemoryMarshal.GetArrayDataReference(passable);
        int dx = Math.Abs(x1 - x0);
        int dy = Math.Abs(y1 - y0);
        int stepX = x1 > x0 ? 1 : -1;
        int stepY = y1 > y0 ? width : -width;
        int i = (y0 * width) + x0;
        int n = dx + dy;
        long error = (long)dx - dy;
        long twiceDx = 2L * dx;
        long twiceDy = 2L * dy;
        if (Unsafe.Add(ref free, i) == 0)
        {
            return false;
        }

        while (n > 0)
        {
            if (error > 0)
            {
                i += stepX;
                error -= twiceDy;
                n--;
            }
            else if (error < 0)
            {
                i += stepY;
                error += twiceDx;
                n--;
            }
            else
            {
                // Exactly through a corner: both side cells must be free, then step diagonally.
                if (Unsafe.Add(ref free, i + stepX) == 0 || Unsafe.Add(ref free, i + stepY) == 0)
                {
                    return false;
                }

                i += stepX + stepY;
                error += twiceDx - twiceDy;
                n -= 2;
            }

            if (Unsafe.Add(ref free, i) == 0)
            {
                return false;
            }
        }

        return true;
    }
}
