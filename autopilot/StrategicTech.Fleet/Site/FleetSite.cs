using System.Globalization;
using StrategicTech.Navigation.Planning.Grid;
using StrategicTech.Navigation.Planning.Mapf;

namespace StrategicTech.Fleet.Site;

/// <summary>
/// The warehouse as the fleet sees it: a grid of square cells (Moving AI map format; cell (x, y) has its centre at
/// ((x + 0.5)·size, (y + 0.5)·size) in the site frame, metres) and its 4-connected graph for multi-robot planning.
/// A location (order source or destination, VDA 5050 node id) is a free cell named <c>c{x}_{y}</c>.
/// </summary>
public sealed class FleetSite
{
    public const string BundledMapName = "small_warehouse.map";

    /// <summary>The AWS RoboMaker small warehouse (MIT-0), converted from its ROS map with <see cref="AwsCellSizeM"/> cells.</summary>
    public const string AwsMapName = "aws_small_warehouse.map";

    /// <summary>Cell size of the bundled AWS grid: robots of <see cref="AwsRobotRadiusM"/> on adjacent centres keep 0.1 m apart.</summary>
    public const double AwsCellSizeM = 0.8;

    /// <summary>Footprint (inflation) radius the bundled AWS grid was made for (the simulated AGV's circumscribed radius is 0.344 m).</summary>
    public const double AwsRobotRadiusM = 0.35;

    public FleetSite(MovingAiMap map, double cellSizeM, string mapId)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentException.ThrowIfNullOrEmpty(mapId);
        if (!(cellSizeM > 0 && double.IsFinite(cellSizeM)))
        {
            throw new ArgumentOutOfRangeException(nameof(cellSizeM), $"cell size {cellSizeM} m must be positive");
        }

        Map = map;
        Graph = MapfGraph.FromMap(map);
        CellSizeM = cellSizeM;
        MapId = mapId;
    }

    public MovingAiMap Map { get; }

    public MapfGraph Graph { get; }

    public double CellSizeM { get; }

    public string MapId { get; }

    /// <summary>The map shipped inside the product (32 × 18 cells: three rows of racks, aisles and cross aisles), 1 m cells.</summary>
    public static FleetSite Bundled()
    {
        using Stream stream = typeof(FleetSite).Assembly.GetManifestResourceStream("StrategicTech.Fleet." + BundledMapName)
            ?? throw new InvalidOperationException("bundled map resource missing");
        using var reader = new StreamReader(stream);
        return new FleetSite(MovingAiMap.Parse(reader.ReadToEnd(), BundledMapName), 1.0, "small_warehouse");
    }

    /// <summary>The AWS small warehouse grid shipped inside the product (derived from the ROS map, see <see cref="AwsMapName"/>).</summary>
    public static FleetSite BundledAwsWarehouse()
    {
        using Stream stream = typeof(FleetSite).Assembly.GetManifestResourceStream("StrategicTech.Fleet." + AwsMapName)
            ?? throw new InvalidOperationException("bundled AWS map resource missing");
        using var reader = new StreamReader(stream);
        return new FleetSite(MovingAiMap.Parse(reader.ReadToEnd(), AwsMapName), AwsCellSizeM, "aws_small_warehouse");
    }

    /// <summary>A site from a ROS map_server map (YAML + PGM) at the given cell size and robot footprint radius.</summary>
    public static FleetSite FromRosMap(string yamlPath, double cellSizeM, double robotRadiusM)
    {
        ArgumentNullException.ThrowIfNull(yamlPath);
        RosMapToFleetGrid.Result grid = RosMapToFleetGrid.Convert(Navigation.Planning.Costmaps.MapServerLoader.Load(yamlPath), cellSizeM, robotRadiusM);
        string name = Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(yamlPath))) ?? "ros_map";
        return new FleetSite(MovingAiMap.Parse(grid.MapText, yamlPath), grid.CellSizeM, name.Length == 0 ? "ros_map" : name);
    }

    public static string NodeId(GridCell cell) => string.Create(CultureInfo.InvariantCulture, $"c{cell.X}_{cell.Y}");

    public string NodeIdOfVertex(int vertex) => NodeId(Graph.CellOf(vertex));

    /// <summary>Parses a location id; false when it is malformed, outside the map or blocked (no reason built: no allocation, for every robot state).</summary>
    public bool TryParseLocation(string? id, out int vertex)
    {
        vertex = TryParseCell(id, out int x, out int y) ? Graph.VertexAt(x, y) : -1;
        return vertex >= 0;
    }

    /// <summary>Parses a location id; false (with the reason) when it is malformed, outside the map or blocked.</summary>
    public bool TryParseLocation(string? id, out int vertex, out string? problem)
    {
        bool wellFormed = TryParseCell(id, out int x, out int y);
        vertex = wellFormed ? Graph.VertexAt(x, y) : -1;
        problem = !wellFormed ? $"location '{id}' is not of the form c<x>_<y>"
            : vertex < 0 ? $"location '{id}' is outside the {Map.Width}x{Map.Height} map or on a blocked cell"
            : null;
        return problem is null;
    }

    private static bool TryParseCell(string? id, out int x, out int y)
    {
        x = y = -1;
        if (string.IsNullOrEmpty(id) || id[0] != 'c')
        {
            return false;
        }

        int sep = id.IndexOf('_', StringComparison.Ordinal);
        return sep >= 2
            && int.TryParse(id.AsSpan(1, sep - 1), NumberStyles.None, CultureInfo.InvariantCulture, out x)
            && int.TryParse(id.AsSpan(sep + 1), NumberStyles.None, CultureInfo.InvariantCulture, out y);
    }

    /// <summary>Centre of the vertex's cell in the site frame (m).</summary>
    public (double XM, double YM) PositionOf(int vertex)
    {
        GridCell c = Graph.CellOf(vertex);
        return ((c.X + 0.5) * CellSizeM, (c.Y + 0.5) * CellSizeM);
    }
}
