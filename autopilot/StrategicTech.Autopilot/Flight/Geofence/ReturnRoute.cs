using StrategicTech.Navigation.Geodesy;
using StrategicTech.Navigation.Missions;
using StrategicTech.Navigation.Numerics;
using StrategicTech.Navigation.Planning.Uav;
using FenceShapes = StrategicTech.Navigation.Missions.Geofence;

namespace StrategicTech.Autopilot.Flight.Geofence;

/// <summary>
/// Where a return goes and which way: the nearest of home and the rally points (horizontally, as PX4's RTL_TYPE 0
/// with rally points), reached along the existing fence-aware planner's path (<see cref="VisibilityGraphPlanner"/>)
/// round the exclusion areas and inside the inclusion areas with <see cref="ClearanceM"/> to spare — or, when the
/// vehicle is already closer than that to a fence (e.g. stopped there by the prediction), with
/// <see cref="NearClearanceM"/>. Without shapes, or when neither planner finds a path, the path is the straight line. Built on a fence/rally upload or an origin change (allocates); queries allocate nothing.
/// </summary>
public sealed class ReturnRoute
{
    /// <summary>Distance the return path keeps from every fence edge (m).</summary>
    public const double ClearanceM = 5.0;

    /// <summary>The fallback clearance when the start lies within <see cref="ClearanceM"/> of a fence (m): below the prediction's stop margin.</summary>
    public const double NearClearanceM = 1.0;

    private readonly Vector3[] _rallyNedM;
    private readonly VisibilityGraphPlanner? _planner;
    private readonly VisibilityGraphPlanner? _nearPlanner;
    private readonly Vector3[] _path;

    /// <summary>A straight-line route to home only.</summary>
    public ReturnRoute()
    {
        _rallyNedM = [];
        _path = new Vector3[2];
    }

    public ReturnRoute(FenceShapes fence, IReadOnlyList<RallyPoint> rallyPoints, LocalNedFrame frame)
    {
        ArgumentNullException.ThrowIfNull(fence);
        ArgumentNullException.ThrowIfNull(rallyPoints);
        _rallyNedM = new Vector3[rallyPoints.Count];
        for (int i = 0; i < _rallyNedM.Length; i++)
        {
            RallyPoint r = rallyPoints[i];
            Vector3 ned = frame.ToNed(GeodeticPosition.FromDegrees(r.LatitudeDeg, r.LongitudeDeg, frame.Origin.HeightM));
            _rallyNedM[i] = new Vector3(ned.X, ned.Y, 0);
        }

        if (!fence.IsEmpty)
        {
            try
            {
                _planner = new VisibilityGraphPlanner(UavAirspace.FromGeofence(fence, frame, ClearanceM, 100_000));
                _nearPlanner = new VisibilityGraphPlanner(UavAirspace.FromGeofence(fence, frame, NearClearanceM, 100_000));
            }
            catch (NotSupportedException)
            {
                _planner = _nearPlanner = null; // more shapes than the planner takes: the return flies straight
            }
        }

        _path = new Vector3[Math.Max(_planner?.MaxPathPoints ?? 2, _nearPlanner?.MaxPathPoints ?? 2)];
    }

    /// <summary>Rally points on the local plane (Z unused).</summary>
    public ReadOnlySpan<Vector3> RallyNedM => _rallyNedM;

    /// <summary>Points of the last <see cref="Plan"/>: start, corners, goal.</summary>
    public ReadOnlySpan<Vector3> Path => _path.AsSpan(0, PathCount);

    public int PathCount { get; private set; }

    /// <summary>True when the last plan went round the fences (false: straight line).</summary>
    public bool LastPlanRouted { get; private set; }

    /// <summary>The return destination (horizontal; Z = home's): home or the nearest rally point when nearer than home.</summary>
    public Vector3 Destination(Vector3 fromNedM, Vector3 homeNedM)
    {
        Vector3 best = homeNedM;
        double bestM = Horizontal(fromNedM, homeNedM);
        foreach (Vector3 rally in _rallyNedM)
        {
            double d = Horizontal(fromNedM, rally);
            if (d < bestM)
            {
                bestM = d;
                best = new Vector3(rally.X, rally.Y, homeNedM.Z);
            }
        }

        return best;
    }

    /// <summary>Plans a level path at <paramref name="fromNedM"/>'s height to above <paramref name="toNedM"/>; see <see cref="Path"/>.</summary>
    public void Plan(Vector3 fromNedM, Vector3 toNedM)
    {
        var goal = new Vector3(toNedM.X, toNedM.Y, fromNedM.Z);
        if (TryPlan(_planner, fromNedM, goal) || TryPlan(_nearPlanner, fromNedM, goal))
        {
            return;
        }

        _path[0] = fromNedM;
        _path[1] = goal;
        PathCount = 2;
        LastPlanRouted = false;
    }

    private bool TryPlan(VisibilityGraphPlanner? planner, Vector3 fromNedM, Vector3 goalNedM)
    {
        UavPlanResult result = planner?.Plan(fromNedM, goalNedM, _path) ?? default;
        if (planner is null || !result.Found)
        {
            return false;
        }

        PathCount = result.PointCount;
        LastPlanRouted = true;
        return true;
    }

    private static double Horizontal(Vector3 a, Vector3 b) => Math.Sqrt(((a.X - b.X) * (a.X - b.X)) + ((a.Y - b.Y) * (a.Y - b.Y)));
}
