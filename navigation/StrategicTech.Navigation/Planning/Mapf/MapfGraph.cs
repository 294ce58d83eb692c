using StrategicTech.Navigation.Planning.Grid;

namespace StrategicTech.Navigation.Planning.Mapf;

/// <summary>
/// The free cells of a grid map as a 4-connected graph for multi-agent path finding: vertices are the passable
/// cells numbered row-major, each with up to four neighbours (E, W, S, N). Immutable; solvers share one.
/// </summary>
public sealed class MapfGraph
{
    private const int MaxDegree = 4;
    private readonly int[] _vertexOfCell;
    private readonly int[] _cellOfVertex;
    private readonly int[] _neighbors;
    private readonly byte[] _degree;

    private MapfGraph(int width, int height, int[] vertexOfCell, int[] cellOfVertex, int[] neighbors, byte[] degree)
    {
        Width = width;
        Height = height;
        _vertexOfCell = vertexOfCell;
        _cellOfVertex = cellOfVertex;
        _neighbors = neighbors;
        _degree = degree;
    }

    public int Width { get; }

    public int Height { get; }

    public int VertexCount => _cellOfVertex.Length;

    public static MapfGraph FromMap(MovingAiMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        int w = map.Width, h = map.Height;
        var vertexOfCell = new int[w * h];
        int count = 0;
        for (int c = 0; c < vertexOfCell.Length; c++)
        {
            vertexOfCell[c] = map.Passable[c] ? count++ : -1;
        }

        var cellOfVertex = new int[count];
        var neighbors = new int[count * MaxDegree];
        var degree = new byte[count];
        for (int c = 0; c < vertexOfCell.Length; c++)
        {
            int v = vertexOfCell[c];
            if (v < 0)
            {
                continue;
            }

            cellOfVertex[v] = c;
            int x = c % w, y = c / w;
            Link(x + 1, y);
            Link(x - 1, y);
            Link(x, y + 1);
            Link(x, y - 1);

            void Link(int nx, int ny)
            {
                if (map.IsPassable(nx, ny))
                {
                    neighbors[(v * MaxDegree) + degree[v]++] = vertexOfCell[(ny * w) + nx];
                }
            }
        }

        return new MapfGraph(w, h, vertexOfCell, cellOfVertex, neighbors, degree);
    }

    /// <summary>Vertex of cell (x, y), or -1 when the cell is outside the map or blocked.</summary>
    public int VertexAt(int x, int y) =>
        (uint)x < (uint)Width && (uint)y < (uint)Height ? _vertexOfCell[(y * Width) + x] : -1;

    public int VertexAt(GridCell cell) => VertexAt(cell.X, cell.Y);

    public GridCell CellOf(int vertex)
    {
        int c = _cellOfVertex[vertex];
        return new GridCell(c % Width, c / Width);
    }

    public int Degree(int vertex) => _degree[vertex];

    public ReadOnlySpan<int> Neighbors(int vertex) => new(_neighbors, vertex * MaxDegree, _degree[vertex]);
}
