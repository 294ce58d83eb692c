using StrategicTech.Navigation.Planning.Grid;

namespace StrategicTech.Navigation.Planning.Mapf;

/// <summary>
/// The free cells of a grid map as a 4-connected graph for multi-agent path finding: vertices are the passable
/// cells numbered row-major, each with up to four neighbours (E, W, S, N). Immutable; solvers share one.
/// Built with an arc rule (<see cref="FromMap(MovingAiMap, Func{GridCell, GridCell, double})"/>) it may be directed
/// (a one-way arc: its reverse is forbidden) and weighted (a move costs its factor times <see cref="CostUnit"/>):
/// <see cref="Neighbors"/> are then the vertices one may move to, <see cref="Predecessors"/> those one may come from,
/// and the solvers' distances to goal weigh the moves (the solution's cost in time steps is unchanged).
/// </summary>
public sealed class MapfGraph
{
    /// <summary>The cost of a plain move on a weighted graph (a factor 1); factors below 1 cost less, down to 1.</summary>
    public const int CostUnit = 8;

    private const int MaxDegree = 4;
    private readonly int[] _vertexOfCell;
    private readonly int[] _cellOfVertex;
    private readonly int[] _neighbors;
    private readonly byte[] _degree;
    private readonly int[]? _predecessors;
    private readonly byte[]? _predecessorDegree;
    private readonly int[]? _predecessorCost;
    private readonly int[]? _neighborCost;

    private MapfGraph(int width, int height, int[] vertexOfCell, int[] cellOfVertex, int[] neighbors, byte[] degree,
        int[]? predecessors = null, byte[]? predecessorDegree = null, int[]? predecessorCost = null, int[]? neighborCost = null, bool directed = false)
    {
        Width = width;
        Height = height;
        _vertexOfCell = vertexOfCell;
        _cellOfVertex = cellOfVertex;
        _neighbors = neighbors;
        _degree = degree;
        _predecessors = predecessors;
        _predecessorDegree = predecessorDegree;
        _predecessorCost = predecessorCost;
        _neighborCost = neighborCost;
        IsDirected = directed;
    }

    /// <summary>Some arc's reverse is forbidden.</summary>
    public bool IsDirected { get; }

    /// <summary>Moves have costs other than one unit each (<see cref="PredecessorCosts"/>).</summary>
    public bool IsWeighted => _predecessorCost is not null;

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

    /// <summary>The vertices one may move to from <paramref name="vertex"/>.</summary>
    public ReadOnlySpan<int> Neighbors(int vertex) => new(_neighbors, vertex * MaxDegree, _degree[vertex]);

    /// <summary>The vertices one may move from to <paramref name="vertex"/> (the neighbours, on an undirected graph).</summary>
    public ReadOnlySpan<int> Predecessors(int vertex) =>
        _predecessors is null ? Neighbors(vertex) : new(_predecessors, vertex * MaxDegree, _predecessorDegree![vertex]);

    /// <summary>Weighted graphs: the cost of the move from each of <see cref="Predecessors"/> to <paramref name="vertex"/>, in <see cref="CostUnit"/>ths of a plain move.</summary>
    public ReadOnlySpan<int> PredecessorCosts(int vertex) =>
        _predecessorCost is null ? throw new InvalidOperationException("an unweighted graph's moves cost one step each") : new(_predecessorCost, vertex * MaxDegree, _predecessorDegree![vertex]);

    /// <summary>Weighted graphs: the cost of the move to each of <see cref="Neighbors"/>, in <see cref="CostUnit"/>ths of a plain move.</summary>
    public ReadOnlySpan<int> NeighborCosts(int vertex) =>
        _neighborCost is null ? throw new InvalidOperationException("an unweighted graph's moves cost one step each") : new(_neighborCost, vertex * MaxDegree, _degree[vertex]);

    /// <summary>Whether the move from <paramref name="from"/> to <paramref name="to"/> is an arc.</summary>
    public bool HasArc(int from, int to) => Neighbors(from).Contains(to);

    /// <summary>
    /// The map's 4-connected graph with an arc rule: <paramref name="arcCostFactor"/>(from, to) is the move's cost
    /// factor (1 a plain move; positive infinity or NaN: no arc). Factors are kept in <see cref="CostUnit"/>ths (at
    /// least 1), and capped so no distance overflows; a graph whose factors are all 1 is unweighted.
    /// </summary>
    public static MapfGraph FromMap(MovingAiMap map, Func<GridCell, GridCell, double> arcCostFactor)
    {
        ArgumentNullException.ThrowIfNull(arcCostFactor);
        MapfGraph plain = FromMap(map);
        int n = plain.VertexCount;
        long cap = Math.Max(CostUnit, Math.Min(16L * CostUnit * (n + 1), (int.MaxValue / 4) / Math.Max(n, 1)));
        var neighbors = new int[n * MaxDegree];
        var degree = new byte[n];
        var predecessors = new int[n * MaxDegree];
        var predecessorDegree = new byte[n];
        var predecessorCost = new int[n * MaxDegree];
        var neighborCost = new int[n * MaxDegree];
        bool directed = false, weighted = false;
        for (int v = 0; v < n; v++)
        {
            GridCell from = plain.CellOf(v);
            foreach (int w in plain.Neighbors(v))
            {
                double factor = arcCostFactor(from, plain.CellOf(w));
                if (double.IsNaN(factor) || double.IsPositiveInfinity(factor))
                {
                    directed = true; // a forbidden arc whose reverse may be allowed; an arc forbidden both ways is still a directed graph's
                    continue;
                }

                int cost = (int)Math.Clamp(Math.Round(factor * CostUnit), 1, cap);
                weighted |= cost != CostUnit;
                neighborCost[(v * MaxDegree) + degree[v]] = cost;
                neighbors[(v * MaxDegree) + degree[v]++] = w;
                predecessorCost[(w * MaxDegree) + predecessorDegree[w]] = cost;
                predecessors[(w * MaxDegree) + predecessorDegree[w]++] = v;
            }
        }

        return !directed && !weighted
            ? plain
            : new MapfGraph(plain.Width, plain.Height, plain._vertexOfCell, plain._cellOfVertex, neighbors, degree,
                predecessors, predecessorDegree, weighted ? predecessorCost : null, weighted ? neighborCost : null, directed);
    }
}
