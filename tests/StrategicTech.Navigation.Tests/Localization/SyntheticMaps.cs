using StrategicTech.Navigation.Planning.Costmaps;

namespace StrategicTech.Navigation.Tests.Localization;

/// <summary>Small occupancy maps built in code for cases the warehouse maps do not isolate.</summary>
internal static class SyntheticMaps
{
    public const double ResolutionM = 0.05;

    /// <summary>
    /// A straight 2 m wide corridor 50 m long (x 0..50 m, free y 0.1..2.1 m between 0.1 m walls), open at both
    /// ends: away from the ends it looks the same at every x and, turned by π, the same again.
    /// </summary>
    public static OccupancyGridMap Corridor()
    {
        const int width = 1000, height = 44;
        var data = new sbyte[width * height];
        for (int y = 0; y < height; y++)
        {
            sbyte value = y is < 2 or >= 42 ? OccupancyGridMap.Occupied : OccupancyGridMap.Free;
            for (int x = 0; x < width; x++)
            {
                data[(y * width) + x] = value;
            }
        }

        return new OccupancyGridMap(width, height, Yaml(), data);
    }

    /// <summary>A map from rows of text, top row first: '#' occupied, '.' free, '?' unknown.</summary>
    public static OccupancyGridMap FromText(params string[] rows)
    {
        int height = rows.Length, width = rows[0].Length;
        var data = new sbyte[width * height];
        for (int row = 0; row < height; row++)
        {
            for (int x = 0; x < width; x++)
            {
                data[((height - 1 - row) * width) + x] = rows[row][x] switch
                {
                    '#' => OccupancyGridMap.Occupied,
                    '.' => OccupancyGridMap.Free,
                    _ => OccupancyGridMap.Unknown,
                };
            }
        }

        return new OccupancyGridMap(width, height, Yaml(), data);
    }

    private static MapYaml Yaml() => new("synthetic.pgm", ResolutionM, 0, 0, 0, false, 0.65, 0.25, MapMode.Trinary);
}
