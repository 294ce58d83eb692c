using StrategicTech.Navigation.Planning.Costmaps;

namespace StrategicTech.Sim.Amr;

/// <summary>
/// The built-in warehouse for <c>amr demo</c> without <c>--map</c>: a walled 16 × 10 m hall at 5 cm with three rows
/// of shelving (each 10 × 1 m) leaving 1.5 m aisles between them and a 2.5 m cross aisle at each end.
/// </summary>
public static class WarehouseMap
{
    public const double WidthM = 16, HeightM = 10, ResolutionM = 0.05;

    /// <summary>Shelf rows (x0, y0, x1, y1) in metres.</summary>
    public static readonly (double X0, double Y0, double X1, double Y1)[] Shelves =
    [
        (3, 2.0, 13, 3.0),
        (3, 4.5, 13, 5.5),
        (3, 7.0, 13, 8.0),
    ];

    public static OccupancyGridMap Create()
    {
        int w = (int)Math.Round(WidthM / ResolutionM), h = (int)Math.Round(HeightM / ResolutionM);
        var data = new sbyte[w * h];
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                double cx = (x + 0.5) * ResolutionM, cy = (y + 0.5) * ResolutionM;
                bool wall = x < 2 || y < 2 || x >= w - 2 || y >= h - 2;
                bool shelf = Shelves.Any(s => cx >= s.X0 && cx < s.X1 && cy >= s.Y0 && cy < s.Y1);
                data[(y * w) + x] = wall || shelf ? OccupancyGridMap.Occupied : OccupancyGridMap.Free;
            }
        }

        var yaml = new MapYaml("(built-in warehouse)", ResolutionM, 0, 0, 0, false, 0.65, 0.25, MapMode.Trinary);
        return new OccupancyGridMap(w, h, yaml, data);
    }
}
