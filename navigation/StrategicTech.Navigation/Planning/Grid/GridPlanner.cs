using System.Runtime.CompilerServices;

namespace StrategicTech.Navigation.Planning.Grid;

/// <summary>
/// Shared machinery of the grid planners: node array with generation stamps (no clearing between queries), the open
/// list, the path buffer and the query checks that produce typed failures. Everything is allocated in the
/// constructor; a query allocates nothing. One instance serves one thread.
/// </summary>
public abstract class GridPlanner
{
    private readonly GridCell[] _path;
    private int _pathCount;
    private int _generation;

    /// <param name="grid">The grid searched.</param>
    /// <param name="sharedSearchState">False when the planner keeps its own node records (then <see cref="Nodes"/> is
    /// empty and <see cref="ParentOf"/> must be overridden).</param>
    private protected GridPlanner(SearchGrid grid, bool sharedSearchState = true)
    {
        ArgumentNullException.ThrowIfNull(grid);
        Grid = grid;
        Nodes = sharedSearchState ? new SearchNode[grid.CellCount] : [];
        Open = new OpenList(sharedSearchState ? grid.CellCount : 0);
        _path = new GridCell[grid.CellCount];
    }

    public SearchGrid Grid { get; }

    /// <summary>Waypoints of the last successful query, start first (cells; JPS and Theta* give turning points only).</summary>
    public ReadOnlySpan<GridCell> Path => _path.AsSpan(0, _pathCount);

    private protected SearchNode[] Nodes { get; }

    private protected OpenList Open { get; }

    /// <summary>Plans from <paramref name="start"/> to <paramref name="goal"/>; see <see cref="GridPlanResult"/>.</summary>
    public GridPlanResult Plan(GridCell start, GridCell goal) => Plan(start, goal, SearchLimits.None);

    /// <summary>Plans within the given limits.</summary>
    public GridPlanResult Plan(GridCell start, GridCell goal, in SearchLimits limits)
    {
        _pathCount = 0;
        SearchGrid grid = Grid;
        if (!grid.Contains(start.X, start.Y))
        {
            return new GridPlanResult(PlanStatus.StartOutOfBounds, 0, 0, 0);
        }

        if (!grid.Contains(goal.X, goal.Y))
        {
            return new GridPlanResult(PlanStatus.GoalOutOfBounds, 0, 0, 0);
        }

        if (!grid.IsPassable(start.X, start.Y))
        {
            return new GridPlanResult(PlanStatus.StartOccupied, 0, 0, 0);
        }

        if (!grid.IsPassable(goal.X, goal.Y))
        {
            return new GridPlanResult(PlanStatus.GoalOccupied, 0, 0, 0);
        }

        int s = grid.Index(start.X, start.Y);
        int t = grid.Index(goal.X, goal.Y);
        int generation = NextGeneration();
        Open.Clear();
        GridPlanResult result = Search(s, t, generation, limits);
        if (result.Status == PlanStatus.Success)
        {
            _pathCount = BuildPath(t);
            result = _pathCount == 0
                ? result with { Status = PlanStatus.NoPath, Cost = 0 }
                : result with { PathCount = _pathCount, Cost = FinalCost(result.Cost, Path) };
        }

        return result;
    }

    /// <summary>Runs the search between padded indices; the start node is not yet initialised.</summary>
    private protected abstract GridPlanResult Search(int start, int goal, int generation, in SearchLimits limits);

    /// <summary>Cost to report for the built path; any-angle search recomputes it from the segments.</summary>
    private protected virtual double FinalCost(double searchCost, ReadOnlySpan<GridCell> path) => searchCost;

    /// <summary>Parent of a node reached in the last query (−1 at the start).</summary>
    private protected virtual int ParentOf(int index) => Nodes[index].Parent;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private protected static GridPlanResult Stopped(PlanStatus status, int expansions) => new(status, 0, expansions, 0);

    private int BuildPath(int goal)
    {
        int count = 0;
        for (int i = goal; i >= 0; i = ParentOf(i))
        {
            if (++count > _path.Length)
            {
                return 0; // a parent cycle would be a planner bug; never loop forever in a real-time path
            }
        }

        int k = count;
        for (int i = goal; i >= 0; i = ParentOf(i))
        {
            _path[--k] = Grid.CellOf(i);
        }

        return count;
    }

    private int NextGeneration()
    {
        if (_generation == int.MaxValue)
        {
            Array.Clear(Nodes);
            _generation = 0;
        }

        return ++_generation;
    }
}
