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

    public static string NodeId(GridCell cell) => string.Create(CultureInfo.InvariantCulture, $"c{cell.X}_{cell.Y}");

    public string NodeIdOfVertex(int vertex) => NodeId(Graph.CellOf(vertex));

    /// <summary>Parses a location id; false (with the reason) when it is malformed, outside the map or blocked.</summary>
    public bool TryParseLocation(string? id, out int vertex, out string? problem)
    {
        vertex = -1;
        problem = null;
        if (string.IsNullOrEmpty(id) || id[0] != 'c')
        {
            problem = $"location '{id}' is not of the form c<x>_<y>";
            return false;
        }

        int sep = id.IndexOf('_', StringComparison.Ordinal);
        if (sep < 2
            || !int.TryParse(id.AsSpan(1, sep - 1), NumberStyles.None, CultureInfo.InvariantCulture, out int x)
            || !int.TryParse(id.AsSpan(sep + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int y))
        {
            problem = $"location '{id}' is not of the form c<x>_<y>";
            return false;
        }

        vertex = Graph.VertexAt(x, y);
        if (vertex < 0)
        {
            problem = $"location '{id}' is outside the {Map.Width}x{Map.Height} map or on a blocked cell";
            return false;
        }

        return true;
    }

    /// <summary>Centre of the vertex's cell in the site frame (m).</summary>
    public (double XM, double YM) PositionOf(int vertex)
    {
        GridCell c = Graph.CellOf(vertex);
        return ((c.X + 0.5) * CellSizeM, (c.Y + 0.5) * CellSizeM);
    }
}
