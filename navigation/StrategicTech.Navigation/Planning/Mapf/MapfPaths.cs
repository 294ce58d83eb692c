using StrategicTech.Navigation.Planning.Grid;

namespace StrategicTech.Navigation.Planning.Mapf;

/// <summary>Conversions between a solver's vertex paths and map cells.</summary>
public static class MapfPaths
{
    public static GridCell[][] ToCells(MapfGraph graph, int[][] vertexPaths)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(vertexPaths);
        var cells = new GridCell[vertexPaths.Length][];
        for (int i = 0; i < vertexPaths.Length; i++)
        {
            cells[i] = Array.ConvertAll(vertexPaths[i], graph.CellOf);
        }

        return cells;
    }

    public static GridCell[] ToCells(MapfGraph graph, int[] vertices)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(vertices);
        return Array.ConvertAll(vertices, graph.CellOf);
    }
}
