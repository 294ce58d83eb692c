namespace StrategicTech.Navigation.Planning.Costmaps;

/// <summary>
/// Loads a ROS map_server map (map.yaml + PGM) the way Nav2's map_io does: shade = sample/maxval, occupancy
/// p = 1 − shade (or shade when negate), then trinary: p &gt; occupied_thresh → 100, p &lt; free_thresh → 0, else −1
/// (a pixel exactly on a threshold is unknown, as in Nav2); scale: the band between the thresholds (inclusive) maps
/// linearly to 0..100, rounded half to even like <c>std::rint</c>; raw: round(shade·255) when in 0..100, else −1.
/// Image row 0 is the top of the map, so it becomes y = height − 1.
/// </summary>
public static class MapServerLoader
{
    public static OccupancyGridMap Load(string yamlPath)
    {
        MapYaml yaml = MapYaml.Load(yamlPath);
        if (!File.Exists(yaml.ImagePath))
        {
            throw MapFormatException.At(yamlPath, 0, "image", $"file '{yaml.ImagePath}' does not exist");
        }

        PgmImage image = PgmImage.Load(yaml.ImagePath);
        return FromImage(yaml, image);
    }

    public static OccupancyGridMap FromImage(MapYaml yaml, PgmImage image)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(image);
        int w = image.Width, h = image.Height;
        var data = new sbyte[w * h];
        ReadOnlySpan<ushort> samples = image.Samples;
        double max = image.MaxValue;
        for (int row = 0; row < h; row++)
        {
            int y = h - 1 - row;
            for (int x = 0; x < w; x++)
            {
                double shade = samples[(row * w) + x] / max;
                data[(y * w) + x] = Interpret(shade, yaml);
            }
        }

        return new OccupancyGridMap(w, h, yaml, data);
    }

    /// <summary>Occupancy (−1, 0..100) of one pixel shade in [0, 1].</summary>
    public static sbyte Interpret(double shade, MapYaml yaml)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        double occupancy = yaml.Negate ? shade : 1.0 - shade;
        switch (yaml.Mode)
        {
            case MapMode.Raw:
                double raw = Math.Round(shade * 255.0, MidpointRounding.AwayFromZero); // std::round
                return raw is >= 0 and <= 100 ? (sbyte)raw : OccupancyGridMap.Unknown;
            case MapMode.Scale:
                if (occupancy > yaml.OccupiedThreshold)
                {
                    return OccupancyGridMap.Occupied;
                }

                if (occupancy < yaml.FreeThreshold)
                {
                    return OccupancyGridMap.Free;
                }

                return (sbyte)Math.Round((occupancy - yaml.FreeThreshold) / (yaml.OccupiedThreshold - yaml.FreeThreshold) * 100.0, MidpointRounding.ToEven);
            default:
                return occupancy > yaml.OccupiedThreshold ? OccupancyGridMap.Occupied
                    : occupancy < yaml.FreeThreshold ? OccupancyGridMap.Free
                    : OccupancyGridMap.Unknown;
        }
    }
}
