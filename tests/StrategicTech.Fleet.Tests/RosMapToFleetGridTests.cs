using StrategicTech.Fleet.Site;
using StrategicTech.Navigation.Planning.Costmaps;
using StrategicTech.TestSupport;

namespace StrategicTech.Fleet.Tests;

public class RosMapToFleetGridTests
{
    private static string AwsYaml => SharedData.PathOf("maps", "ros", "aws_small_warehouse", "map.yaml");

    [Fact]
    public void The_bundled_aws_grid_is_the_conversion_of_the_shared_ros_map()
    {
        RosMapToFleetGrid.Result grid = RosMapToFleetGrid.Convert(MapServerLoader.Load(AwsYaml), FleetSite.AwsCellSizeM, FleetSite.AwsRobotRadiusM);
        FleetSite bundled = FleetSite.BundledAwsWarehouse();
        string generated = Path.Combine(Path.GetTempPath(), "aws_small_warehouse.map.generated");
        File.WriteAllText(generated, grid.MapText);
        Assert.True(grid.Width == bundled.Map.Width && grid.Height == bundled.Map.Height, $"{grid.Width}x{grid.Height}; written to {generated}");
        for (int y = 0; y < grid.Height; y++)
        {
            for (int x = 0; x < grid.Width; x++)
            {
                Assert.True(bundled.Map.IsPassable(x, y) == (grid.MapText.Split('\n')[4 + y][x] == '.'), $"cell {x},{y}; written to {generated}");
            }
        }

        Assert.Equal(grid.FreeCells, bundled.Graph.VertexCount);
    }

    [Fact]
    public void Every_segment_between_adjacent_free_cells_keeps_the_robot_disk_on_free_pixels_of_the_ros_map()
    {
        OccupancyGridMap ros = MapServerLoader.Load(AwsYaml);
        RosMapToFleetGrid.Result grid = RosMapToFleetGrid.Convert(ros, FleetSite.AwsCellSizeM, FleetSite.AwsRobotRadiusM);
        string[] rows = grid.MapText.Split('\n')[4..];
        double res = ros.Metadata.ResolutionM, r = FleetSite.AwsRobotRadiusM;
        int checkedSegments = 0;
        for (int y = 0; y < grid.Height; y++)
        {
            for (int x = 0; x < grid.Width; x++)
            {
                foreach ((int nx, int ny) in new[] { (x + 1, y), (x, y + 1) })
                {
                    if (rows[y][x] != '.' || nx >= grid.Width || ny >= grid.Height || rows[ny][nx] != '.')
                    {
                        continue;
                    }

                    // 21 robot positions along the segment, in the ROS map frame (row 0 is the top).
                    for (int k = 0; k <= 20; k++)
                    {
                        double t = k / 20.0;
                        double xm = grid.LeftXM + ((x + 0.5 + ((nx - x) * t)) * grid.CellSizeM);
                        double ym = grid.TopYM - ((y + 0.5 + ((ny - y) * t)) * grid.CellSizeM);
                        AssertDiskFree(ros, xm, ym, r, res);
                    }

                    checkedSegments++;
                }
            }
        }

        Assert.True(checkedSegments > 50, $"{checkedSegments} segments");
    }

    [Fact]
    public void The_aws_grid_is_one_connected_region_with_room_for_a_fleet()
    {
        FleetSite site = FleetSite.BundledAwsWarehouse();
        Assert.True(site.Graph.VertexCount >= 100, $"{site.Graph.VertexCount} free cells");
        // Breadth-first from vertex 0 reaches every vertex: the converter kept only the largest region.
        var seen = new bool[site.Graph.VertexCount];
        var queue = new Queue<int>([0]);
        seen[0] = true;
        int reached = 1;
        while (queue.Count > 0)
        {
            int v = queue.Dequeue();
            var c = site.Graph.CellOf(v);
            foreach ((int dx, int dy) in new[] { (1, 0), (-1, 0), (0, 1), (0, -1) })
            {
                int n = site.Graph.VertexAt(c.X + dx, c.Y + dy);
                if (n >= 0 && !seen[n])
                {
                    seen[n] = true;
                    reached++;
                    queue.Enqueue(n);
                }
            }
        }

        Assert.Equal(site.Graph.VertexCount, reached);
    }

    [Fact]
    public void A_cell_smaller_than_the_robot_radius_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => RosMapToFleetGrid.Convert(MapServerLoader.Load(AwsYaml), 0.3, 0.35));

    private static void AssertDiskFree(OccupancyGridMap ros, double xm, double ym, double r, double res)
    {
        double px = (xm - ros.Metadata.OriginXM) / res, py = (ym - ros.Metadata.OriginYM) / res, rp = r / res;
        for (int y = (int)Math.Floor(py - rp); y <= (int)Math.Ceiling(py + rp); y++)
        {
            for (int x = (int)Math.Floor(px - rp); x <= (int)Math.Ceiling(px + rp); x++)
            {
                double dx = x + 0.5 - px, dy = y + 0.5 - py;
                if ((dx * dx) + (dy * dy) <= rp * rp)
                {
                    Assert.True(ros[x, y] == OccupancyGridMap.Free, $"pixel {x},{y} ({ros[x, y]}) within {r} m of robot at ({xm:F2}, {ym:F2})");
                }
            }
        }
    }
}
