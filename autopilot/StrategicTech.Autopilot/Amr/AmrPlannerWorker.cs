using StrategicTech.Navigation.Amr;
using StrategicTech.Navigation.Localization;
using StrategicTech.Navigation.Planning;
using StrategicTech.Navigation.Planning.Costmaps;
using StrategicTech.Navigation.Planning.Grid;

namespace StrategicTech.Autopilot.Amr;

/// <summary>
/// The AMR's global planner on a thread of its own, met through one preallocated request/response pair so the
/// control cycle never plans and never allocates: <see cref="TrySubmit"/> copies the costmap into the request's
/// snapshot (same geometry, a memcpy) with start and goal and wakes the worker; the worker builds a search grid, runs
/// the cost-aware A* and resamples the path into the response buffer (it allocates; the control thread does not);
/// <see cref="TryTake"/> hands the path back and <see cref="Release"/> frees the pair for the next request. One
/// request is in flight at a time; the sequence number lets the caller drop a plan made for an older goal.
/// </summary>
public sealed class AmrPlannerWorker : IDisposable
{
    private const int Idle = 0, Requested = 1, Ready = 2;

    private readonly Costmap2D _snapshot;
    private readonly PathPose[] _path;
    private readonly double _costWeight;
    private readonly Thread _thread;
    private readonly AutoResetEvent _wake = new(false);
    private int _state;
    private volatile bool _stopping;
    private Pose2D _start, _goal;
    private long _sequence;
    private int _pathCount;
    private bool _succeeded;
    private long _plansCompleted;

    public AmrPlannerWorker(Costmap2D geometry, double costWeight, int pathCapacity)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        _snapshot = new Costmap2D(geometry.Width, geometry.Height, geometry.ResolutionM, geometry.OriginXM, geometry.OriginYM, geometry.OriginYawRad);
        _path = new PathPose[pathCapacity];
        _costWeight = costWeight;
        _thread = new Thread(Run) { IsBackground = true, Name = "amr-planner" };
        _thread.Start();
    }

    /// <summary>Plans finished (found or not) since start.</summary>
    public long PlansCompleted => Interlocked.Read(ref _plansCompleted);

    /// <summary>True while a request is being planned.</summary>
    public bool IsBusy => Volatile.Read(ref _state) == Requested;

    /// <summary>True when a response waits for <see cref="TryTake"/>.</summary>
    public bool HasResult => Volatile.Read(ref _state) == Ready;

    /// <summary>Queues a plan from <paramref name="start"/> to <paramref name="goal"/> on a copy of <paramref name="costmap"/>; false while the pair is in use.</summary>
    public bool TrySubmit(Costmap2D costmap, Pose2D start, Pose2D goal, long sequence)
    {
        ArgumentNullException.ThrowIfNull(costmap);
        if (Volatile.Read(ref _state) != Idle)
        {
            return false;
        }

        costmap.Costs.CopyTo(_snapshot.Costs);
        (_start, _goal, _sequence) = (start, goal, sequence);
        Volatile.Write(ref _state, Requested);
        _wake.Set();
        return true;
    }

    /// <summary>The finished plan, valid until <see cref="Release"/>: its sequence, whether a path was found, and the path.</summary>
    public bool TryTake(out long sequence, out bool succeeded, out ReadOnlySpan<PathPose> path)
    {
        if (Volatile.Read(ref _state) != Ready)
        {
            sequence = 0;
            succeeded = false;
            path = default;
            return false;
        }

        sequence = _sequence;
        succeeded = _succeeded;
        path = _path.AsSpan(0, _pathCount);
        return true;
    }

    /// <summary>Returns the request/response pair after <see cref="TryTake"/>.</summary>
    public void Release()
    {
        if (Volatile.Read(ref _state) == Ready)
        {
            Volatile.Write(ref _state, Idle);
        }
    }

    public void Dispose()
    {
        _stopping = true;
        _wake.Set();
        _thread.Join();
        _wake.Dispose();
    }

    private void Run()
    {
        while (true)
        {
            _wake.WaitOne();
            if (_stopping)
            {
                return;
            }

            if (Volatile.Read(ref _state) != Requested)
            {
                continue;
            }

            _pathCount = PlanInto(_snapshot, _start, _goal, _costWeight, _path);
            _succeeded = _pathCount > 0;
            Interlocked.Increment(ref _plansCompleted);
            Volatile.Write(ref _state, Ready);
        }
    }

    /// <summary>
    /// Plans from <paramref name="start"/> to <paramref name="goal"/> on <paramref name="costmap"/> into
    /// <paramref name="path"/> (resampled at 5 cm, ending on the goal itself); returns the point count, 0 when no path.
    /// </summary>
    public static int PlanInto(Costmap2D costmap, Pose2D start, Pose2D goal, double costWeight, PathPose[] path)
    {
        ArgumentNullException.ThrowIfNull(costmap);
        ArgumentNullException.ThrowIfNull(path);
        SearchGrid grid = SearchGrid.FromCosts(costmap.Width, costmap.Height, costmap.Costs);
        if (!costmap.TryWorldToCell(start.XM, start.YM, out int sx, out int sy)
            || !costmap.TryWorldToCell(goal.XM, goal.YM, out int gx, out int gy)
            || !grid.IsPassable(gx, gy)
            || !NearestPassable(grid, ref sx, ref sy, (int)Math.Ceiling(0.5 / costmap.ResolutionM)))
        {
            return 0;
        }

        var planner = new AStarPlanner(grid, costWeight);
        GridPlanResult result = planner.Plan(new GridCell(sx, sy), new GridCell(gx, gy));
        if (!result.Succeeded)
        {
            return 0;
        }

        ReadOnlySpan<GridCell> cells = planner.Path;
        var points = new (double X, double Y)[cells.Length + 1];
        for (int i = 0; i < cells.Length; i++)
        {
            points[i] = costmap.CellCenterToWorld(cells[i].X, cells[i].Y);
        }

        points[^1] = (goal.XM, goal.YM); // end on the goal itself, not its cell centre
        return PathPostProcessing.Resample(points, 0.05, path);
    }

    /// <summary>Moves a start inside inscribed space (after a recovery, say) to the nearest passable cell within <paramref name="radius"/>.</summary>
    private static bool NearestPassable(SearchGrid grid, ref int x, ref int y, int radius)
    {
        if (grid.IsPassable(x, y))
        {
            return true;
        }

        for (int r = 1; r <= radius; r++)
        {
            for (int dy = -r; dy <= r; dy++)
            {
                for (int dx = -r; dx <= r; dx++)
                {
                    if (Math.Max(Math.Abs(dx), Math.Abs(dy)) == r && grid.IsPassable(x + dx, y + dy))
                    {
                        x += dx;
                        y += dy;
                        return true;
                    }
                }
            }
        }

        return false;
    }
}
