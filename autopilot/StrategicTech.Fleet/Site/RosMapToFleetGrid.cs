using System.Globalization;
using System.Text;
using StrategicTech.Navigation.Planning.Costmaps;

namespace StrategicTech.Fleet.Site;

/// <summary>
/// Turns a ROS map_server occupancy grid (SLAM map, metres) into the fleet's grid of square cells. Robots stand on
/// cell centres and drive straight between 4-neighbours, so a cell is free when the robot's disk (footprint
/// inflation radius) fits everywhere it can be while on that cell: at the centre and along the half-segments towards
/// its four neighbours. Two free neighbours then have the whole segment between them clear. Unknown pixels count as
/// blocked (a SLAM map leaves unseen space unknown). The grid covers the bounding box of the free pixels; only the
/// largest 4-connected free region is kept, so every location can reach every other. Row 0 of the result is the top
/// of the map (largest y), as in the Moving AI format the site uses.
/// </summary>
public static class RosMapToFleetGrid
{
    /// <summary>The grid as Moving AI map text, and where the top-left corner of cell (0, 0) is in the ROS map frame (m).</summary>
    public sealed record Result(string MapText, int Width, int Height, int FreeCells, double LeftXM, double TopYM, double CellSizeM);

    public static Result Convert(OccupancyGridMap map, double cellSizeM, double robotRadiusM)
    {
        ArgumentNullException.ThrowIfNull(map);
        double res = map.Metadata.ResolutionM;
        if (!(cellSizeM >= res && double.IsFinite(cellSizeM)) || !(robotRadiusM >= 0 && robotRadiusM < cellSizeM))
        {
            throw new ArgumentOutOfRangeException(nameof(cellSizeM), $"cell size {cellSizeM} m must be at least the map resolution {res} m and larger than the robot radius {robotRadiusM} m");
        }

        (int px0, int py0, int px1, int py1) = FreeBounds(map);
        int cellPx = (int)Math.Round(cellSizeM / res);
        int width = (px1 - px0 + 1) / cellPx, height = (py1 - py0 + 1) / cellPx;
        if (width < 1 || height < 1)
        {
            throw new ArgumentException($"the free area of the map ({px1 - px0 + 1}x{py1 - py0 + 1} px) is smaller than one {cellSizeM} m cell");
        }

        // free[y, x] with y counted from the top row, as in the Moving AI text.
        var free = new bool[width * height];
        for (int cy = 0; cy < height; cy++)
        {
            for (int cx = 0; cx < width; cx++)
            {
                double centreX = px0 + ((cx + 0.5) * cellPx);           // pixel units, pixel i spans [i, i+1)
                double centreY = py0 + ((height - cy - 0.5) * cellPx);
                free[(cy * width) + cx] = PlusIsClear(map, centreX, centreY, cellPx / 2.0, robotRadiusM / res);
            }
        }

        int kept = KeepLargestRegion(free, width, height);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"type octile\nheight {height}\nwidth {width}\nmap\n");
        for (int cy = 0; cy < height; cy++)
        {
            for (int cx = 0; cx < width; cx++)
            {
                text.Append(free[(cy * width) + cx] ? '.' : '@');
            }

            text.Append('\n');
        }

        double leftXM = map.Metadata.OriginXM + (px0 * res);
        double topYM = map.Metadata.OriginYM + ((py0 + (height * cellPx)) * res);
        return new Result(text.ToString(), width, height, kept, leftXM, topYM, cellPx * res);
    }

    /// <summary>Pixel bounding box (inclusive) of the free pixels.</summary>
    private static (int X0, int Y0, int X1, int Y1) FreeBounds(OccupancyGridMap map)
    {
        int x0 = int.MaxValue, y0 = int.MaxValue, x1 = -1, y1 = -1;
        for (int y = 0; y < map.Height; y++)
        {
            for (int x = 0; x < map.Width; x++)
            {
                if (map[x, y] == OccupancyGridMap.Free)
                {
                    x0 = Math.Min(x0, x);
                    x1 = Math.Max(x1, x);
                    y0 = Math.Min(y0, y);
                    y1 = Math.Max(y1, y);
                }
            }
        }

        return x1 < 0 ? throw new ArgumentException("the map has no free pixel") : (x0, y0, x1, y1);
    }

    /// <summary>
    /// True when no non-free pixel (its centre) lies within <paramref name="radiusPx"/> of the plus formed by the
    /// horizontal and vertical half-segments of length <paramref name="halfPx"/> through the centre. Pixels outside
    /// the image count as blocked.
    /// </summary>
    private static bool PlusIsClear(OccupancyGridMap map, double centreX, double centreY, double halfPx, double radiusPx)
    {
        double reach = halfPx + radiusPx;
        int xa = (int)Math.Floor(centreX - reach), xb = (int)Math.Ceiling(centreX + reach);
        int ya = (int)Math.Floor(centreY - reach), yb = (int)Math.Ceiling(centreY + reach);
        double r2 = radiusPx * radiusPx;
        for (int y = ya; y <= yb; y++)
        {
            double dy = y + 0.5 - centreY;
            for (int x = xa; x <= xb; x++)
            {
                double dx = x + 0.5 - centreX;
                double alongX = Math.Max(Math.Abs(dx) - halfPx, 0), alongY = Math.Max(Math.Abs(dy) - halfPx, 0);
                double toHorizontal = (alongX * alongX) + (dy * dy);
                double toVertical = (dx * dx) + (alongY * alongY);
                if (Math.Min(toHorizontal, toVertical) > r2)
                {
                    continue;
                }

                bool inside = (uint)x < (uint)map.Width && (uint)y < (uint)map.Height;
                if (!inside || map[x, y] != OccupancyGridMap.Free)
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>Clears every free cell outside the largest 4-connected region; returns the region's size.</summary>
    private static int KeepLargestRegion(bool[] free, int width, int height)
    {
        var label = new int[free.Length];
        int best = 0, bestSize = 0, next = 0;
        var stack = new Stack<int>();
        for (int start = 0; start < free.Length; start++)
        {
            if (!free[start] || label[start] != 0)
            {
                continue;
            }

            int size = 0;
            label[start] = ++next;
            stack.Push(start);
            while (stack.Count > 0)
            {
                int c = stack.Pop();
                size++;
                int cx = c % width, cy = c / width;
                foreach (int n in (ReadOnlySpan<int>)[cx > 0 ? c - 1 : -1, cx < width - 1 ? c + 1 : -1, cy > 0 ? c - width : -1, cy < height - 1 ? c + width : -1])
                {
                    if (n >= 0 && free[n] && label[n] == 0)
                    {
                        label[n] = next;
                        stack.Push(n);
                    }
                }
            }

            if (size > bestSize)
            {
                (best, bestSize) = (next, size);
            }
        }

        for (int i = 0; i < free.Length; i++)
        {
            free[i] = free[i] && label[i] == best;
        }

        return bestSize;
    }
}
