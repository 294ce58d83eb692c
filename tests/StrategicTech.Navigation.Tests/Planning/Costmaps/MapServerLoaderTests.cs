using StrategicTech.Navigation.Planning.Costmaps;
using StrategicTech.TestSupport;

namespace StrategicTech.Navigation.Tests.Planning.Costmaps;

// Tolerances in this class are rounding epsilons on exact identities (YAML metadata read back, cell centres).
/// <summary>
/// The shared ROS maps load with the right size, origin and cell classes. Counts are checked against an independent
/// count made here straight from the PGM bytes, and against the figures in shared/maps/ros/SOURCE.md.
/// </summary>
public class MapServerLoaderTests
{
    public static TheoryData<string, string, int, int, double, double, double, int, int, int> Maps => new()
    {
        { "nav2_warehouse", "warehouse.yaml", 1006, 1674, 0.03, -15.1, -25, 30951, 1422292, 230801 },
        { "nav2_depot", "depot.yaml", 604, 307, 0.05, 0.0, 0.0, 5947, 179481, 0 },
        { "aws_small_warehouse", "map.yaml", 1536, 1504, 0.02, -10.0, -20.24, 14173, 585573, 1710398 },
    };

    [SharedDataTheory]
    [MemberData(nameof(Maps))]
    public void Shared_map_loads_with_size_origin_and_cell_counts(string folder, string yamlName, int width, int height,
        double resolution, double originX, double originY, int occupied, int free, int unknown)
    {
        string yamlPath = SharedData.PathOf("maps", "ros", folder, yamlName);
        OccupancyGridMap map = MapServerLoader.Load(yamlPath);
        Assert.Equal(width, map.Width);
        Assert.Equal(height, map.Height);
        Assert.Equal(resolution, map.Metadata.ResolutionM, 12);
        Assert.Equal(originX, map.Metadata.OriginXM, 12);
        Assert.Equal(originY, map.Metadata.OriginYM, 12);
        Assert.Equal(0.0, map.Metadata.OriginYawRad);

        // Independent count: parse the P5 header by hand and classify raw bytes with the thresholds.
        byte[] bytes = File.ReadAllBytes(map.Metadata.ImagePath);
        (int w, int h, int offset) = ReadP5Header(bytes);
        Assert.Equal((width, height), (w, h));
        int occ = 0, fre = 0, unk = 0;
        double occupiedThreshold = map.Metadata.OccupiedThreshold, freeThreshold = map.Metadata.FreeThreshold;
        for (int i = 0; i < w * h; i++)
        {
            double p = (255.0 - bytes[offset + i]) / 255.0;
            if (p > occupiedThreshold)
            {
                occ++;
            }
            else if (p < freeThreshold)
            {
                fre++;
            }
            else
            {
                unk++;
            }
        }

        Assert.Equal((occupied, free, unknown), (occ, fre, unk)); // SOURCE.md's figures
        int[] loaded = new int[3];
        foreach (sbyte v in map.Data)
        {
            loaded[v == OccupancyGridMap.Occupied ? 0 : v == OccupancyGridMap.Free ? 1 : 2]++;
        }

        Assert.Equal(new[] { occ, fre, unk }, loaded);

        // Image row 0 is the top of the map (y = height − 1); spot-check the flip on a few pixels.
        for (int k = 0; k < 50; k++)
        {
            int x = (k * 7919) % w, row = (k * 104729) % h;
            double p = (255.0 - bytes[offset + (row * w) + x]) / 255.0;
            sbyte expected = p > occupiedThreshold ? (sbyte)100 : p < freeThreshold ? (sbyte)0 : (sbyte)-1;
            Assert.Equal(expected, map[x, h - 1 - row]);
        }

        Costmap2D costmap = map.ToCostmap();
        Assert.Equal(occ, costmap.Count(CostValues.Lethal));
        Assert.Equal(fre, costmap.Count(CostValues.Free));
        Assert.Equal(unk, costmap.Count(CostValues.Unknown));
        (double cx, double cy) = costmap.CellCenterToWorld(0, 0);
        Assert.Equal(originX + (resolution / 2), cx, 9);
        Assert.Equal(originY + (resolution / 2), cy, 9);
        Assert.True(costmap.TryWorldToCell(originX + (resolution * 10.5), originY + (resolution * 3.5), out int cellX, out int cellY));
        Assert.Equal((10, 3), (cellX, cellY));
        Assert.False(costmap.TryWorldToCell(originX - 0.001, originY, out _, out _));
    }

    [SharedDataFact]
    public void Depot_gray_205_is_free_because_free_thresh_is_025()
    {
        OccupancyGridMap map = MapServerLoader.Load(SharedData.PathOf("maps", "ros", "nav2_depot", "depot.yaml"));
        Assert.Equal(0.25, map.Metadata.FreeThreshold);
        Assert.Equal(MapMode.Trinary, map.Metadata.Mode);
        Assert.Equal(OccupancyGridMap.Free, MapServerLoader.Interpret(205 / 255.0, map.Metadata));
        MapYaml aws = MapYaml.Load(SharedData.PathOf("maps", "ros", "aws_small_warehouse", "map.yaml"));
        Assert.Equal(MapMode.Trinary, aws.Mode); // no mode key → trinary
        Assert.Equal(OccupancyGridMap.Unknown, MapServerLoader.Interpret(205 / 255.0, aws));
    }

    private static (int Width, int Height, int Offset) ReadP5Header(byte[] bytes)
    {
        var fields = new List<int>();
        int pos = 2;
        while (fields.Count < 3)
        {
            if (bytes[pos] == '#')
            {
                while (bytes[pos] != '\n')
                {
                    pos++;
                }
            }
            else if (char.IsAsciiDigit((char)bytes[pos]))
            {
                int v = 0;
                while (char.IsAsciiDigit((char)bytes[pos]))
                {
                    v = (v * 10) + (bytes[pos++] - '0');
                }

                fields.Add(v);
                continue;
            }

            pos++;
        }

        Assert.Equal(255, fields[2]);
        return (fields[0], fields[1], pos + 1);
    }
}
