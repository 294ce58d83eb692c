using System.Globalization;
using System.Text;
using StrategicTech.Drivers.Vda5050.Messages;
using StrategicTech.Drivers.Vda5050.Zones;
using StrategicTech.Navigation.Planning.Grid;
using StrategicTech.Navigation.Planning.Mapf;

namespace StrategicTech.Fleet.Site;

/// <summary>
/// The warehouse as the fleet sees it: a grid of square cells (Moving AI map format; cell (x, y) has its centre at
/// ((x + 0.5)·size, (y + 0.5)·size) in the site frame, metres) and its 4-connected graph for multi-robot planning.
/// A location (order source or destination, VDA 5050 node id) is a free cell named <c>c{x}_{y}</c>.
/// With a 3.0 zone set (<see cref="WithZones"/>) the graph is the zones' as the master's planner must see them: a cell
/// whose centre is in a BLOCKED zone is no location, a move (centre to centre) that a zone forbids
/// (<see cref="ZoneTravelRules.Violation"/>: BLOCKED, DIRECTED and BIDIRECTED RESTRICTED/STRICT) is no arc, and the
/// moves PRIORITY, PENALTY and SOFT direction zones touch are weighted by their cost factors
/// (<see cref="ZoneTravelRules.CostFactor"/>), which the planner's distances to goal follow. LINE_GUIDED needs nothing
/// here: every move of the graph is a straight edge the robot follows, and our orders give no corridor.
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
        : this(map, cellSizeM, mapId, null)
    {
    }

    private FleetSite(MovingAiMap map, double cellSizeM, string mapId, ZoneSetDefinition? zones)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentException.ThrowIfNullOrEmpty(mapId);
        if (!(cellSizeM > 0 && double.IsFinite(cellSizeM)))
        {
            throw new ArgumentOutOfRangeException(nameof(cellSizeM), $"cell size {cellSizeM} m must be positive");
        }

        CellSizeM = cellSizeM;
        MapId = mapId;
        Zones = zones;
        Map = zones is null ? map : MapWithout(map, (x, y) => InBlockedZone(zones, CellCentre(x, y)), mapId + " with its BLOCKED zones");
        Graph = BuildGraph(Map);
    }

    /// <summary>The map as planned on: with a zone set, its BLOCKED cells are obstacles.</summary>
    public MovingAiMap Map { get; }

    /// <summary>The 3.0 zone set the graph follows, or null.</summary>
    public ZoneSetDefinition? Zones { get; }

    /// <summary>This site with the zone set's rules in its graph; the set must describe this site's map.</summary>
    public FleetSite WithZones(ZoneSetDefinition zones)
    {
        ArgumentNullException.ThrowIfNull(zones);
        if (zones.MapId != MapId)
        {
            throw new ArgumentException($"zoneSet.mapId '{zones.MapId}' is not the site's map '{MapId}'", nameof(zones));
        }

        string? problem = ZoneSetRules.Check(zones, foreignMembersAllowed: false);
        return problem is null ? new FleetSite(Map, CellSizeM, MapId, zones) : throw new ArgumentException(problem, nameof(zones));
    }

    /// <summary>The graph of a map of this site's size (this site's, or one with more cells blocked) under this site's zone rules.</summary>
    public MapfGraph BuildGraph(MovingAiMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        ZoneSetDefinition? zones = Zones;
        return zones is null ? MapfGraph.FromMap(map) : MapfGraph.FromMap(map, (a, b) => ArcCostFactor(zones, CellCentre(a.X, a.Y), CellCentre(b.X, b.Y)));
    }

    /// <summary>The map with the cells <paramref name="blocked"/> says made obstacles.</summary>
    public static MovingAiMap MapWithout(MovingAiMap map, Func<int, int, bool> blocked, string name)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(blocked);
        var text = new StringBuilder();
        text.Append("type octile\nheight ").Append(map.Height).Append("\nwidth ").Append(map.Width).Append("\nmap\n");
        for (int y = 0; y < map.Height; y++)
        {
            for (int x = 0; x < map.Width; x++)
            {
                text.Append(map.IsPassable(x, y) && !blocked(x, y) ? '.' : '@');
            }

            text.Append('\n');
        }

        return MovingAiMap.Parse(text.ToString(), name);
    }

    private (double XM, double YM) CellCentre(int x, int y) => ((x + 0.5) * CellSizeM, (y + 0.5) * CellSizeM);

    private static bool InBlockedZone(ZoneSetDefinition zones, (double XM, double YM) p) =>
        zones.Zones.Exists(z => z.ZoneType == ZoneType.Blocked && ZonePolygon.Contains(z, p.XM, p.YM));

    /// <summary>A move's cost factor under the zones: positive infinity when a zone forbids it.</summary>
    private static double ArcCostFactor(ZoneSetDefinition zones, (double XM, double YM) a, (double XM, double YM) b)
    {
        double factor = 1;
        foreach (Zone zone in zones.Zones)
        {
            if (!ZoneTravelRules.Touches(zone, a.XM, a.YM, b.XM, b.YM))
            {
                continue;
            }

            if (ZoneTravelRules.Violation(zone, a.XM, a.YM, b.XM, b.YM) is not null)
            {
                return double.PositiveInfinity;
            }

            factor *= ZoneTravelRules.CostFactor(zone, a.XM, a.YM, b.XM, b.YM);
        }

        return factor;
    }

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
