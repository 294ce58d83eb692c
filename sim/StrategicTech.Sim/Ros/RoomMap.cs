using StrategicTech.Navigation.Planning.Costmaps;

namespace StrategicTech.Sim.Ros;

/// <summary>Built-in maps and start poses for simulated ROS robots when no map.yaml is given.</summary>
public static class RoomMap
{
    /// <summary>A walled rectangular room (origin at its lower-left corner) with one square pillar at (¾w, ½h).</summary>
    public static OccupancyGridMap Create(double widthM = 10, double heightM = 8, double resolutionM = 0.05)
    {
        int w = (int)Math.Round(widthM / resolutionM), h = (int)Math.Round(heightM / resolutionM);
        var data = new sbyte[w * h];
        int pillar = (int)Math.Round(0.5 / resolutionM);
        int px = (3 * w / 4) - (pillar / 2), py = (h / 2) - (pillar / 2);
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                bool wall = x < 2 || y < 2 || x >= w - 2 || y >= h - 2;
                bool inPillar = x >= px && x < px + pillar && y >= py && y < py + pillar;
                data[(y * w) + x] = wall || inPillar ? OccupancyGridMap.Occupied : OccupancyGridMap.Free;
            }
        }

        // The grid is built already classified; the thresholds are the usual Nav2 map files' values, recorded as metadata only.
        var yaml = new MapYaml("(built-in room)", resolutionM, 0, 0, 0, false, 0.65, 0.25, MapMode.Trinary);
        return new OccupancyGridMap(w, h, yaml, data);
    }

    /// <summary>
    /// The free cell nearest the map centre whose surrounding square of ±<paramref name="clearanceM"/> is all free
    /// (a safe start pose on any map), in map coordinates.
    /// </summary>
    public static (double XM, double YM) FindFreeStart(OccupancyGridMap map, double clearanceM = 0.5)
    {
        ArgumentNullException.ThrowIfNull(map);
        MapYaml m = map.Metadata;
        int r = (int)Math.Ceiling(clearanceM / m.ResolutionM);
        int cx = map.Width / 2, cy = map.Height / 2;
        int maxRing = Math.Max(map.Width, map.Height);
        for (int ring = 0; ring < maxRing; ring += Math.Max(1, r / 2))
        {
            for (int dy = -ring; dy <= ring; dy += Math.Max(1, r / 2))
            {
                for (int dx = -ring; dx <= ring; dx += Math.Max(1, r / 2))
                {
                    if (Math.Max(Math.Abs(dx), Math.Abs(dy)) != ring || !Clear(map, cx + dx, cy + dy, r))
                    {
                        continue;
                    }

                    return (m.OriginXM + ((cx + dx + 0.5) * m.ResolutionM), m.OriginYM + ((cy + dy + 0.5) * m.ResolutionM));
                }
            }
        }

        throw new InvalidOperationException($"map '{m.ImagePath}' has no free area of ±{clearanceM} m");
    }

    private static bool Clear(OccupancyGridMap map, int x0, int y0, int r)
    {
        if (x0 - r < 0 || y0 - r < 0 || x0 + r >= map.Width || y0 + r >= map.Height)
        {
            return false;
        }

        for (int y = y0 - r; y <= y0 + r; y++)
        {
            for (int x = x0 - r; x <= x0 + r; x++)
            {
                if (map[x, y] != OccupancyGridMap.Free)
                {
                    return false;
                }
            }
        }

        return true;
    }
}
