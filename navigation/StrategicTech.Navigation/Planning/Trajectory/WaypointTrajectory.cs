using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Navigation.Planning.Trajectory;

/// <summary>
/// Jerk-limited time parameterisation of a waypoint path (3-D for UAVs; 2-D for AMRs with Z = 0). The path is
/// followed exactly: consecutive collinear segments (turn below <see cref="CollinearToleranceRad"/>) are merged into
/// one straight move, and the vehicle comes to rest at every real corner, where the direction of travel changes.
/// Each straight move is a time-optimal double-S profile, so speed, acceleration and jerk stay within the limits
/// everywhere (vector magnitudes: each move is along one direction), the motion is rest-to-rest and progress along
/// the path never goes backwards. <see cref="Sample"/> is allocation-free (binary search over move start times).
/// </summary>
public sealed class WaypointTrajectory
{
    /// <summary>Turns smaller than this (rad) are treated as straight and flown through without stopping.</summary>
    public const double CollinearToleranceRad = 1e-6;

    private readonly Vector3[] _moveStart;
    private readonly Vector3[] _moveDirection;
    private readonly DoubleSProfile[] _profiles;
    private readonly double[] _moveStartTimeS;
    private readonly double[] _moveStartDistanceM;

    public WaypointTrajectory(ReadOnlySpan<Vector3> waypoints, MotionLimits limits)
    {
        limits.Validate();
        Limits = limits;
        List<Vector3> corners = PathCorners.Simplify(waypoints, CollinearToleranceRad);
        int moves = Math.Max(0, corners.Count - 1);
        _moveStart = new Vector3[Math.Max(1, moves)];
        _moveDirection = new Vector3[Math.Max(1, moves)];
        _profiles = new DoubleSProfile[Math.Max(1, moves)];
        _moveStartTimeS = new double[Math.Max(1, moves)];
        _moveStartDistanceM = new double[Math.Max(1, moves)];
        _moveStart[0] = corners[0];
        double time = 0;
        double distance = 0;
        for (int m = 0; m < moves; m++)
        {
            Vector3 delta = corners[m + 1] - corners[m];
            double length = delta.Length;
            _moveStart[m] = corners[m];
            _moveDirection[m] = delta / length;
            _profiles[m] = new DoubleSProfile(length, limits);
            _moveStartTimeS[m] = time;
            _moveStartDistanceM[m] = distance;
            time += _profiles[m].DurationS;
            distance += length;
        }

        MoveCount = moves;
        DurationS = time;
        LengthM = distance;
        End = corners[^1];
    }

    public MotionLimits Limits { get; }

    public double DurationS { get; }

    public double LengthM { get; }

    /// <summary>Number of straight rest-to-rest moves (corners + 1).</summary>
    public int MoveCount { get; }

    public Vector3 Start => _moveStart[0];

    public Vector3 End { get; }

    /// <summary>The state at time t in seconds from the start (clamped to [0, duration]).</summary>
    public TrajectorySample Sample(double timeS)
    {
        if (MoveCount == 0 || timeS <= 0)
        {
            return new TrajectorySample(Start, default, default, default, 0);
        }

        if (timeS >= DurationS)
        {
            return new TrajectorySample(End, default, default, default, LengthM);
        }

        int lo = 0;
        int hi = MoveCount - 1;
        while (lo < hi)
        {
            int mid = (lo + hi + 1) >> 1;
            if (_moveStartTimeS[mid] <= timeS)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }

        _profiles[lo].Sample(timeS - _moveStartTimeS[lo], out double s, out double v, out double a, out double j);
        Vector3 direction = _moveDirection[lo];
        return new TrajectorySample(_moveStart[lo] + (direction * s), direction * v, direction * a, direction * j, _moveStartDistanceM[lo] + s);
    }

    /// <summary>A lower bound on any trajectory's duration over this path: every metre at no more than the speed limit.</summary>
    public double SpeedLowerBoundS => LengthM / Limits.MaxSpeedMps;
}
