using StrategicTech.Navigation.Localization;
using StrategicTech.Navigation.Planning;
using StrategicTech.Navigation.Planning.Costmaps;

namespace StrategicTech.Navigation.Amr;

/// <summary>
/// Nav2's Regulated Pure Pursuit path follower for a differential-drive base: a carrot at a speed-scaled lookahead on
/// the path, curvature 2y/L² toward it, linear speed regulated down on tight curves (radius below
/// <see cref="RppParameters.RegulatedMinRadiusM"/>), near obstacles (distance recovered from the inflated cost at the
/// robot) and over the last metres to the goal; rotate-in-place toward the path when the carrot is far off the heading
/// and to the goal heading at the goal; acceleration limits against the previous command; and a check of the
/// projected arc on the costmap that stops the robot before it drives into an inscribed or lethal cell. The path is
/// copied into preallocated buffers by <see cref="SetPath"/>; <see cref="ComputeVelocity"/> allocates nothing.
/// </summary>
public sealed class RegulatedPurePursuit
{
    private readonly RppParameters _p;
    private readonly double[] _x;
    private readonly double[] _y;
    private readonly double[] _cumulativeM;
    private int _count;
    private int _closest;
    private double _goalYawRad;
    private VelocityCommand _last;

    public RegulatedPurePursuit(RppParameters parameters, int maxPathPoints = 20_000)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPathPoints, 2);
        _p = parameters;
        _x = new double[maxPathPoints];
        _y = new double[maxPathPoints];
        _cumulativeM = new double[maxPathPoints];
    }

    public RppParameters Parameters => _p;

    public int PathCount => _count;

    /// <summary>Path length in metres of the current path.</summary>
    public double PathLengthM => _count == 0 ? 0 : _cumulativeM[_count - 1];

    /// <summary>The last command returned (the accel limits work from it).</summary>
    public VelocityCommand LastCommand => _last;

    /// <summary>Replaces the path (map frame) and the goal heading; keeps the last command so speed changes stay smooth.</summary>
    public void SetPath(ReadOnlySpan<PathPose> path, double goalYawRad)
    {
        if (path.Length > _x.Length)
        {
            throw new ArgumentException($"path has {path.Length} points, capacity is {_x.Length}", nameof(path));
        }

        _count = path.Length;
        _closest = 0;
        _goalYawRad = goalYawRad;
        for (int i = 0; i < path.Length; i++)
        {
            _x[i] = path[i].X;
            _y[i] = path[i].Y;
            _cumulativeM[i] = i == 0 ? 0 : _cumulativeM[i - 1] + Math.Sqrt(Sq(_x[i] - _x[i - 1]) + Sq(_y[i] - _y[i - 1]));
        }
    }

    /// <summary>Drops the path and the command history (the robot is known to be stopped).</summary>
    public void Reset()
    {
        _count = 0;
        _closest = 0;
        _last = default;
    }

    /// <summary>One control cycle: the command for the robot at <paramref name="robot"/> (map frame) on <paramref name="costmap"/>.</summary>
    public RppOutput ComputeVelocity(Pose2D robot, Costmap2D costmap, double dtS)
    {
        ArgumentNullException.ThrowIfNull(costmap);
        if (_count == 0)
        {
            _last = default;
            return new RppOutput(default, RppStatus.NoPath, 0, 0, 0, robot.XM, robot.YM);
        }

        UpdateClosest(robot);
        double lookahead = Math.Clamp(Math.Abs(_last.LinearMps) * _p.LookaheadTimeS, _p.MinLookaheadM, _p.MaxLookaheadM);
        (double carrotX, double carrotY) = FindCarrot(robot, lookahead);
        double cos = Math.Cos(robot.YawRad), sin = Math.Sin(robot.YawRad);
        double dx = carrotX - robot.XM, dy = carrotY - robot.YM;
        double localX = (cos * dx) + (sin * dy), localY = (-sin * dx) + (cos * dy);
        double carrotDist2 = (localX * localX) + (localY * localY);
        double curvature = carrotDist2 > 1e-9 ? 2.0 * localY / carrotDist2 : 0;
        double goalDist = Math.Sqrt(Sq(_x[_count - 1] - robot.XM) + Sq(_y[_count - 1] - robot.YM));

        if (goalDist < _p.GoalXyToleranceM)
        {
            double error = Pose2D.WrapPi(_goalYawRad - robot.YawRad);
            _last = new VelocityCommand(0, RotateToward(error, dtS, brakeToTarget: true));
            return new RppOutput(_last, RppStatus.RotatingToGoalHeading, lookahead, curvature, goalDist, carrotX, carrotY);
        }

        double angleToCarrot = Math.Atan2(localY, localX);
        if (Math.Abs(angleToCarrot) > _p.RotateToHeadingMinAngleRad)
        {
            _last = new VelocityCommand(0, RotateToward(angleToCarrot, dtS, brakeToTarget: false));
            return new RppOutput(_last, RppStatus.RotatingToPath, lookahead, curvature, goalDist, carrotX, carrotY);
        }

        double v = RegulatedSpeed(robot, curvature, costmap);
        v = Math.Clamp(v, _last.LinearMps - (_p.MaxLinearDecelMps2 * dtS), _last.LinearMps + (_p.MaxLinearAccelMps2 * dtS));
        double w = v * curvature;
        if (Math.Abs(w) > _p.MaxAngularRadps)
        {
            // Keep the curvature: slow down rather than leave the arc.
            v *= _p.MaxAngularRadps / Math.Abs(w);
            w = Math.CopySign(_p.MaxAngularRadps, w);
        }

        if (ArcCollides(robot, v, w, Math.Sqrt(carrotDist2), costmap))
        {
            _last = default;
            return new RppOutput(default, RppStatus.CollisionAhead, lookahead, curvature, goalDist, carrotX, carrotY);
        }

        _last = new VelocityCommand(v, w);
        return new RppOutput(_last, RppStatus.Following, lookahead, curvature, goalDist, carrotX, carrotY);
    }

    /// <summary>Path length from the robot's closest path point to the goal (plus the gap to that point).</summary>
    public double RemainingLengthM(Pose2D robot)
    {
        if (_count == 0)
        {
            return 0;
        }

        double gap = Math.Sqrt(Sq(_x[_closest] - robot.XM) + Sq(_y[_closest] - robot.YM));
        return gap + _cumulativeM[_count - 1] - _cumulativeM[_closest];
    }

    private double RegulatedSpeed(Pose2D robot, double curvature, Costmap2D costmap)
    {
        double v = _p.DesiredLinearMps;
        double curvatureV = v;
        double radius = Math.Abs(curvature) > 1e-9 ? 1.0 / Math.Abs(curvature) : double.PositiveInfinity;
        if (radius < _p.RegulatedMinRadiusM)
        {
            curvatureV *= radius / _p.RegulatedMinRadiusM;
        }

        double costV = v;
        if (costmap.TryWorldToCell(robot.XM, robot.YM, out int cx, out int cy))
        {
            byte cost = costmap[cx, cy];
            if (cost is not CostValues.Free and not CostValues.Unknown)
            {
                // Invert the inflation decay cost = 252·exp(−k(d − r_inscribed)) for the obstacle distance d.
                double d = cost >= CostValues.Inscribed
                    ? _p.InscribedRadiusM
                    : (-Math.Log(cost / (double)CostValues.MaxNonObstacle) / _p.InflationCostScalingFactor) + _p.InscribedRadiusM;
                if (d < _p.CostScalingDistM)
                {
                    costV *= _p.CostScalingGain * d / _p.CostScalingDistM;
                }
            }
        }

        v = Math.Max(Math.Min(curvatureV, costV), Math.Min(_p.RegulatedMinSpeedMps, v));
        double remaining = _cumulativeM[_count - 1] - _cumulativeM[_closest] + Math.Sqrt(Sq(_x[_closest] - robot.XM) + Sq(_y[_closest] - robot.YM));
        if (remaining < _p.ApproachScalingDistM)
        {
            double approachV = Math.Max(_p.MinApproachLinearMps, v * remaining / _p.ApproachScalingDistM);
            v = Math.Min(v, approachV);
        }

        return v;
    }

    private double RotateToward(double errorRad, double dtS, bool brakeToTarget)
    {
        double target = Math.CopySign(_p.RotateToHeadingAngularRadps, errorRad);
        if (brakeToTarget)
        {
            // Fast enough to stop on the heading with the angular decel (v² = 2aθ), and never past it in one cycle.
            double braking = Math.Min(Math.Sqrt(2 * _p.MaxAngularAccelRadps2 * Math.Abs(errorRad)), Math.Abs(errorRad) / Math.Max(dtS, 1e-3));
            target = Math.CopySign(Math.Min(Math.Abs(target), braking), errorRad);
        }

        double step = _p.MaxAngularAccelRadps2 * dtS;
        return Math.Clamp(target, _last.AngularRadps - step, _last.AngularRadps + step);
    }

    private void UpdateClosest(Pose2D robot)
    {
        // Search forward only, within a window beyond the largest lookahead: the path is never pruned backwards, so a
        // self-crossing path cannot make the carrot jump back.
        double window = _cumulativeM[_closest] + (2 * _p.MaxLookaheadM) + 1.0;
        double best = double.PositiveInfinity;
        int bestIndex = _closest;
        for (int i = _closest; i < _count && _cumulativeM[i] <= window; i++)
        {
            double d = Sq(_x[i] - robot.XM) + Sq(_y[i] - robot.YM);
            if (d < best)
            {
                best = d;
                bestIndex = i;
            }
        }

        _closest = bestIndex;
    }

    private (double X, double Y) FindCarrot(Pose2D robot, double lookahead)
    {
        double l2 = lookahead * lookahead;
        for (int i = _closest + 1; i < _count; i++)
        {
            double d2 = Sq(_x[i] - robot.XM) + Sq(_y[i] - robot.YM);
            if (d2 < l2)
            {
                continue;
            }

            // Intersect segment (i−1, i) with the lookahead circle: the far root of |p0 + t(p1 − p0) − robot| = L.
            double ax = _x[i - 1] - robot.XM, ay = _y[i - 1] - robot.YM;
            double sx = _x[i] - _x[i - 1], sy = _y[i] - _y[i - 1];
            double a = (sx * sx) + (sy * sy);
            double b = 2 * ((ax * sx) + (ay * sy));
            double c = (ax * ax) + (ay * ay) - l2;
            double disc = (b * b) - (4 * a * c);
            if (a < 1e-12 || disc < 0)
            {
                return (_x[i], _y[i]);
            }

            double t = Math.Clamp((-b + Math.Sqrt(disc)) / (2 * a), 0, 1);
            return (_x[i - 1] + (t * sx), _y[i - 1] + (t * sy));
        }

        return (_x[_count - 1], _y[_count - 1]);
    }

    private bool ArcCollides(Pose2D robot, double v, double w, double carrotDistM, Costmap2D costmap)
    {
        if (Math.Abs(v) < 1e-3)
        {
            return false; // a circular base turning in place sweeps no new cells
        }

        double horizonS = Math.Min(_p.MaxTimeToCollisionS, carrotDistM / Math.Abs(v));
        double stepS = costmap.ResolutionM / Math.Abs(v);
        double x = robot.XM, y = robot.YM, yaw = robot.YawRad;
        for (double t = stepS; t <= horizonS + 1e-9; t += stepS)
        {
            double mid = yaw + (0.5 * w * stepS);
            x += v * stepS * Math.Cos(mid);
            y += v * stepS * Math.Sin(mid);
            yaw += w * stepS;
            if (!costmap.TryWorldToCell(x, y, out int cx, out int cy))
            {
                return true;
            }

            byte cost = costmap[cx, cy];
            if (cost is CostValues.Inscribed or CostValues.Lethal)
            {
                return true;
            }
        }

        return false;
    }

    private static double Sq(double v) => v * v;
}
