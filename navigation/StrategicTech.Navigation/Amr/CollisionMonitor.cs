using StrategicTech.Navigation.Localization;

namespace StrategicTech.Navigation.Amr;

/// <summary>
/// Nav2's collision_monitor on raw laser points, the last guard between the controller and the base: points inside
/// the stop polygon zero the command, inside the slowdown polygon scale it by the ratio, and the footprint simulated
/// forward along the command scales it so the first contact stays <see cref="CollisionMonitorParameters.TimeBeforeCollisionS"/>
/// away. Scan points are kept in preallocated base-frame arrays; nothing allocates after construction.
/// </summary>
public sealed class CollisionMonitor
{
    private readonly CollisionMonitorParameters _p;
    private readonly double[] _px;
    private readonly double[] _py;
    private int _count;
    private long _scanTimeUs = long.MinValue;

    public CollisionMonitor(CollisionMonitorParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.Validate();
        _p = parameters;
        _px = new double[parameters.MaxPoints];
        _py = new double[parameters.MaxPoints];
    }

    public CollisionMonitorParameters Parameters => _p;

    public int PointCount => _count;

    /// <summary>Times the monitor changed a command (stop, slowdown or approach).</summary>
    public long Interventions { get; private set; }

    /// <summary>Nearest scan point to the base origin in the last scan, metres (infinity when none).</summary>
    public double NearestPointM { get; private set; } = double.PositiveInfinity;

    /// <summary>Takes a scan: returns with a finite range in [min, max) become base-frame points.</summary>
    public void SetScan(ReadOnlySpan<float> rangesM, double angleMinRad, double angleIncrementRad, double rangeMinM, double rangeMaxM,
        Pose2D laserInBase, long timeUs)
    {
        _count = 0;
        _scanTimeUs = timeUs;
        double nearest = double.PositiveInfinity;
        double c = Math.Cos(laserInBase.YawRad), s = Math.Sin(laserInBase.YawRad);
        for (int i = 0; i < rangesM.Length && _count < _px.Length; i++)
        {
            double r = rangesM[i];
            if (!(r >= rangeMinM && r < rangeMaxM))
            {
                continue; // NaN, ±inf and out-of-range are no return (REP 117)
            }

            double a = angleMinRad + (i * angleIncrementRad);
            double lx = r * Math.Cos(a), ly = r * Math.Sin(a);
            double bx = laserInBase.XM + (c * lx) - (s * ly);
            double by = laserInBase.YM + (s * lx) + (c * ly);
            _px[_count] = bx;
            _py[_count] = by;
            _count++;
            nearest = Math.Min(nearest, Math.Sqrt((bx * bx) + (by * by)));
        }

        NearestPointM = nearest;
    }

    /// <summary>Filters <paramref name="command"/> against the latest scan; <paramref name="action"/> says what was done.</summary>
    public VelocityCommand Filter(VelocityCommand command, long nowUs, out CollisionAction action)
    {
        if (_scanTimeUs == long.MinValue || nowUs - _scanTimeUs > _p.SourceTimeoutUs)
        {
            action = CollisionAction.StopNoData;
            Interventions += command == default ? 0 : 1;
            return default;
        }

        bool moving = command.LinearMps != 0 || command.AngularRadps != 0;
        if (moving && CountInside(_p.StopPolygon) >= _p.MinPoints)
        {
            action = CollisionAction.Stop;
            Interventions++;
            return default;
        }

        action = CollisionAction.None;
        VelocityCommand result = command;
        if (moving && CountInside(_p.SlowdownPolygon) >= _p.MinPoints)
        {
            action = CollisionAction.Slowdown;
            result = new VelocityCommand(command.LinearMps * _p.SlowdownRatio, command.AngularRadps * _p.SlowdownRatio);
        }

        if (moving && _p.Footprint is { } footprint)
        {
            double ratio = ApproachRatio(footprint, command);
            if (ratio < 1)
            {
                var approach = new VelocityCommand(command.LinearMps * ratio, command.AngularRadps * ratio);
                if (action == CollisionAction.None || Math.Abs(approach.LinearMps) < Math.Abs(result.LinearMps))
                {
                    action = CollisionAction.Approach;
                    result = approach;
                }
            }
        }

        if (action != CollisionAction.None)
        {
            Interventions++;
        }

        return result;
    }

    private int CountInside(CollisionPolygon polygon)
    {
        int n = 0;
        for (int i = 0; i < _count; i++)
        {
            if (polygon.Contains(_px[i], _py[i]))
            {
                n++;
            }
        }

        return n;
    }

    /// <summary>
    /// Simulates the base along the command in <see cref="CollisionMonitorParameters.SimulationStepS"/> steps; at the
    /// first pose whose footprint holds enough points, returns time-to-collision / time-before-collision (1 if none).
    /// </summary>
    private double ApproachRatio(CollisionPolygon footprint, VelocityCommand command)
    {
        double x = 0, y = 0, yaw = 0;
        double dt = _p.SimulationStepS;
        for (double t = dt; t <= _p.TimeBeforeCollisionS + 1e-9; t += dt)
        {
            double mid = yaw + (0.5 * command.AngularRadps * dt);
            x += command.LinearMps * dt * Math.Cos(mid);
            y += command.LinearMps * dt * Math.Sin(mid);
            yaw += command.AngularRadps * dt;
            double c = Math.Cos(yaw), s = Math.Sin(yaw);
            int inside = 0;
            for (int i = 0; i < _count && inside < _p.MinPoints; i++)
            {
                // The point in the simulated pose's frame.
                double dx = _px[i] - x, dy = _py[i] - y;
                if (footprint.Contains((c * dx) + (s * dy), (-s * dx) + (c * dy)))
                {
                    inside++;
                }
            }

            if (inside >= _p.MinPoints)
            {
                return (t - dt) / _p.TimeBeforeCollisionS;
            }
        }

        return 1;
    }
}
