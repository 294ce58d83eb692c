using StrategicTech.Navigation.Amr;
using StrategicTech.Navigation.Estimation.Amr;
using StrategicTech.Navigation.Localization;
using StrategicTech.Navigation.Planning;
using StrategicTech.Navigation.Planning.Costmaps;

namespace StrategicTech.Autopilot.Amr;

/// <summary>
/// A NavigateToPose navigator for a differential-drive AMR, transport-free (the rosbridge link feeds it): wheel
/// odometry and gyro are fused in the AMR EKF (odom frame); each scan updates the map localizer, the collision
/// monitor, the obstacle layer of the global layered costmap (static + obstacle with ray-trace clearing + inflation)
/// and the robot-centred rolling local costmap (<see cref="RollingCostmap"/>: static + obstacles marked and cleared by
/// ray tracing + inflation); a cost-aware A* plans on the global costmap at start and every
/// <see cref="AmrNavigatorParameters.ReplanPeriodUs"/>; Regulated Pure Pursuit follows the plan checking its arc on the
/// local costmap (as do the recovery behaviours), and the collision monitor filters its command. Blocked or stalled driving starts the
/// recovery sequence (clear costmaps → spin → back up → wait, bounded); goals end succeeded, canceled or with a typed
/// failure. Global planning runs on <see cref="AmrPlannerWorker"/>'s thread (it allocates there, about once a
/// second); the control cycle only hands it a costmap copy and picks up finished paths, and allocates nothing. One
/// thread calls everything here; dispose to stop the planner thread.
/// </summary>
public sealed partial class AmrNavigator : IDisposable
{
    private readonly AmrNavigatorParameters _p;
    private readonly IMapLocalizer _localizer;
    private readonly LayeredCostmap _costmap;
    private readonly ObstacleCostmapLayer _obstacles;
    private readonly RollingCostmap _local;
    private readonly AmrEkf _ekf = new();
    private readonly RegulatedPurePursuit _rpp;
    private readonly CollisionMonitor _monitor;
    private readonly GoalChecker _goalChecker;
    private readonly RecoverySequence _recoveries;
    private readonly SpinBehavior _spin = new(Math.PI / 2);
    private readonly BackUpBehavior _backUp = new(0.25, 0.1);
    private readonly WaitBehavior _wait = new(2_000_000);
    private readonly PathPose[] _pathBuffer = new PathPose[20_000];
    private readonly AmrPlannerWorker _planner;
    private long _planSequence;
    private RecoveryBehavior? _behavior;
    private NavigationFailure _pendingFailure;
    private Pose2D _goal;
    private long _goalStartUs;
    private long _nextPlanUs;
    private long _lastOdomUs = long.MinValue;
    private long _lastControlUs;
    private long _blockedSinceUs = -1;
    private long _lostSinceUs = -1;
    private Pose2D _progressPose;
    private long _progressUs;
    private Pose2D _laserInBase;
    private Pose2D _lastRawOdom;

    public AmrNavigator(Costmap2D staticMap, IMapLocalizer localizer, AmrNavigatorParameters? parameters = null)
    {
        ArgumentNullException.ThrowIfNull(staticMap);
        _localizer = localizer ?? throw new ArgumentNullException(nameof(localizer));
        _p = parameters ?? new AmrNavigatorParameters();
        _p.Validate();
        _costmap = new LayeredCostmap(staticMap);
        _costmap.AddLayer(new StaticCostmapLayer(staticMap));
        _obstacles = new ObstacleCostmapLayer(staticMap, _p.ObstacleMaxRangeM, _p.RaytraceMaxRangeM);
        _costmap.AddLayer(_obstacles);
        _costmap.AddLayer(new InflationCostmapLayer(staticMap, new InflationLayer(_p.InscribedRadiusM, _p.InflationRadiusM, _p.CostScalingFactor)));
        _costmap.Update();
        _local = new RollingCostmap(staticMap, _p.LocalCostmapSizeM, _p.LocalCostmapResolutionM,
            new InflationLayer(_p.InscribedRadiusM, _p.InflationRadiusM, _p.CostScalingFactor), _p.ObstacleMaxRangeM, _p.RaytraceMaxRangeM);
        _rpp = new RegulatedPurePursuit(_p.Rpp with { GoalXyToleranceM = _p.GoalXyToleranceM, InscribedRadiusM = _p.InscribedRadiusM }, _pathBuffer.Length);
        _monitor = new CollisionMonitor(_p.CollisionMonitor ?? CollisionMonitorParameters.ForRoundRobot(_p.RobotRadiusM));
        _goalChecker = new GoalChecker(_p.GoalXyToleranceM, _p.GoalYawToleranceRad);
        _recoveries = new RecoverySequence(_p.MaxRecoveries);
        _planner = new AmrPlannerWorker(_costmap.Master, _p.PlannerCostWeight, _pathBuffer.Length);
        _recovering = localizer as RecoveringLocalizer;
        if (_recovering is not null && _p.MaxProbes > 0 && _recovering.Parameters.MaxPeaks >= 2)
        {
            _prober = new ProbeMotionPlanner(_recovering.Field, _p.Probe with { RobotRadiusM = _p.RobotRadiusM }, _recovering.Parameters.MaxPeaks);
            _probeHypotheses = new Pose2D[_recovering.Parameters.MaxPeaks];
        }
    }

    /// <summary>The global planner's worker (tests: whether a plan is in flight or waiting).</summary>
    public AmrPlannerWorker Planner => _planner;

    public AmrNavigatorParameters Parameters => _p;

    /// <summary>The layered costmap the planner and controller read.</summary>
    public Costmap2D Costmap => _costmap.Master;

    /// <summary>The rolling robot-centred window the controller and behaviours check.</summary>
    public RollingCostmap LocalCostmap => _local;

    public NavigationState State { get; private set; } = NavigationState.Idle;

    public NavigationFailure Failure { get; private set; }

    public Pose2D Goal => _goal;

    /// <summary>The fused odometry pose (EKF, odom frame).</summary>
    public Pose2D OdomPose => _ekf.IsInitialized ? new Pose2D(_ekf.State.XM, _ekf.State.YM, _ekf.State.YawRad) : default;

    /// <summary>The robot's map pose: the localizer's estimate carried forward with the fused odometry.</summary>
    public Pose2D MapPose => _localizer.Estimate.Propagate(OdomPose);

    public MapPoseEstimate Localization => _localizer.Estimate;

    /// <summary>The map localizer (tests and plots read its particles and counters).</summary>
    public IMapLocalizer Localizer => _localizer;

    /// <summary>The current global path (map frame).</summary>
    public ReadOnlySpan<PathPose> Path => _pathBuffer.AsSpan(0, _rpp.PathCount);

    public int Replans { get; private set; }

    public int PlanFailures { get; private set; }

    /// <summary>Recoveries run for the current goal.</summary>
    public int Recoveries => _recoveries.Attempts;

    /// <summary>Length of the first plan of the current goal, metres.</summary>
    public double PlannedLengthM { get; private set; }

    public RppStatus LastRppStatus { get; private set; }

    public CollisionAction LastCollisionAction { get; private set; }

    public CollisionMonitor Monitor => _monitor;

    public bool HasOdometry => _ekf.IsInitialized;

    public NavigationFeedback Feedback(long nowUs)
    {
        double remaining = _rpp.PathCount > 0 ? _rpp.RemainingLengthM(MapPose) : 0;
        return new NavigationFeedback(State, Failure, remaining, remaining / _p.Rpp.DesiredLinearMps, _recoveries.Attempts,
            (nowUs - _goalStartUs) / 1e6, Replans);
    }

    /// <summary>The laser's pose on the base (default: at the base origin, facing forward).</summary>
    public void SetLaserPose(Pose2D laserInBase) => _laserInBase = laserInBase;

    /// <summary>Wheel odometry (body speed and yaw rate at its stamp); the first one starts the EKF at its pose.</summary>
    public void OnOdometry(long timeUs, Pose2D odomPose, double speedMps, double yawRateRadps)
    {
        if (!_ekf.IsInitialized)
        {
            _ekf.Initialize(timeUs, new AmrState(odomPose.XM, odomPose.YM, odomPose.YawRad, speedMps, yawRateRadps, 0, 1));
        }
        else if (timeUs - _lastOdomUs > _p.SensorTimeoutUs)
        {
            // After a link outage, do not dead-reckon the gap on the last speed: restart the filter at its last pose
            // moved by the robot's own odometry delta across the gap (its encoders kept counting).
            Pose2D resumed = OdomPose.Compose(_lastRawOdom.Between(odomPose));
            AmrState s = _ekf.State;
            _ekf.Initialize(timeUs, new AmrState(resumed.XM, resumed.YM, resumed.YawRad, speedMps, yawRateRadps, s.GyroBiasRadps, s.WheelScale));
        }
        else
        {
            _ekf.FuseOdometry(new AmrOdometrySample(timeUs, speedMps, yawRateRadps));
        }

        _lastRawOdom = odomPose;
        _lastOdomUs = Math.Max(_lastOdomUs, timeUs);
    }

    public void OnGyro(long timeUs, double yawRateRadps)
    {
        if (_ekf.IsInitialized)
        {
            _ekf.FuseGyro(new AmrGyroSample(timeUs, yawRateRadps));
        }
    }

    /// <summary>A laser scan: localizer, collision monitor, global obstacle layer and local costmap (marking and ray-trace clearing).</summary>
    public void OnScan(long timeUs, ReadOnlySpan<float> rangesM, double angleMinRad, double angleIncrementRad, double rangeMinM, double rangeMaxM)
    {
        Pose2D odom = OdomPose;
        _localizer.Update(odom, rangesM, angleMinRad, angleIncrementRad, rangeMinM, rangeMaxM, _laserInBase, timeUs);
        _monitor.SetScan(rangesM, angleMinRad, angleIncrementRad, rangeMinM, rangeMaxM, _laserInBase, timeUs);
        if (_prober is not null)
        {
            // Kept for choosing a probe move clear of what the lidar sees now (people, unmapped things).
            _lastScanBeams = Math.Min(rangesM.Length, _lastScan.Length);
            rangesM[.._lastScanBeams].CopyTo(_lastScan);
            (_lastScanAngleMinRad, _lastScanIncrementRad, _lastScanRangeMinM, _lastScanRangeMaxM) = (angleMinRad, angleIncrementRad, rangeMinM, rangeMaxM);
        }

        if (_localizer.IsLost)
        {
            return; // the map pose is wrong: marking obstacles there would put them in the wrong place
        }

        Pose2D laser = MapPose.Compose(_laserInBase);
        _obstacles.AddScan(laser.XM, laser.YM, laser.YawRad, rangesM, angleMinRad, angleIncrementRad, rangeMinM, rangeMaxM);
        _costmap.Update();
        Pose2D robot = MapPose;
        _local.Recenter(robot.XM, robot.YM);
        _local.AddScan(laser.XM, laser.YM, laser.YawRad, rangesM, angleMinRad, angleIncrementRad, rangeMinM, rangeMaxM);
        _local.Update();
    }

    /// <summary>Seeds the localizer at a map pose (Nav2's /initialpose).</summary>
    public void SetInitialPose(Pose2D mapPose, double sigmaXyM, double sigmaYawRad) =>
        _localizer.SetInitialPose(mapPose, OdomPose, sigmaXyM, sigmaYawRad);

    /// <summary>Starts a NavigateToPose goal (replacing any running one).</summary>
    public void NavigateTo(Pose2D goal, long nowUs)
    {
        _planSequence++; // a plan still in flight for an older goal is dropped when it arrives
        _rpp.Reset();
        _goal = goal;
        _goalStartUs = nowUs;
        _nextPlanUs = nowUs;
        _goalChecker.Reset();
        _recoveries.Reset();
        _behavior = null;
        _blockedSinceUs = -1;
        _lostSinceUs = -1;
        _probePhase = ProbePhase.None;
        ProbesRun = 0;
        _progressPose = MapPose;
        _progressUs = nowUs;
        PlannedLengthM = double.NaN;
        Failure = NavigationFailure.None;
        State = NavigationState.Navigating;
    }

    /// <summary>Cancels the running goal; the next tick commands zero.</summary>
    public void Cancel()
    {
        if (IsActive)
        {
            State = NavigationState.Canceled;
            _behavior = null;
            _rpp.Reset();
        }
    }

    public bool IsActive => State is NavigationState.Navigating or NavigationState.Recovering or NavigationState.WaitingForSensors
        or NavigationState.Relocalizing or NavigationState.Probing;

    /// <summary>One control cycle at <paramref name="nowUs"/>: the command to publish.</summary>
    public VelocityCommand Tick(long nowUs)
    {
        double dtS = _lastControlUs == 0 ? _p.ControlPeriodUs / 1e6 : Math.Clamp((nowUs - _lastControlUs) / 1e6, 1e-3, 0.5);
        _lastControlUs = nowUs;
        if (!IsActive)
        {
            return default;
        }

        if (nowUs - _goalStartUs > _p.GoalTimeoutUs)
        {
            return Fail(NavigationFailure.Timeout);
        }

        long silenceUs = _lastOdomUs == long.MinValue ? nowUs - _goalStartUs : nowUs - _lastOdomUs;
        if (silenceUs > _p.SensorTimeoutUs)
        {
            if (silenceUs > _p.LinkLostFailAfterUs)
            {
                return Fail(NavigationFailure.LocalizationLost);
            }

            // Link down: stop and hold the goal; the clocks of progress and blocking restart when data returns.
            State = NavigationState.WaitingForSensors;
            _probePhase = ProbePhase.None;
            _rpp.Reset();
            _behavior = null;
            _progressUs = nowUs;
            _blockedSinceUs = -1;
            _nextPlanUs = nowUs;
            return default;
        }

        if (State == NavigationState.WaitingForSensors)
        {
            State = NavigationState.Navigating;
        }

        if (_localizer.IsLost)
        {
            // Kidnapped: stop and hold the goal while the localizer searches (its search runs on the scan callback,
            // a bounded slice per scan). When it holds several places that the scans from here do not tell apart,
            // drive a bounded number of short probing moves. The clocks of progress and blocking restart when the
            // pose is found; lost too long (no match, or places no probe told apart) fails the goal, robot stopped.
            if (_lostSinceUs < 0)
            {
                _lostSinceUs = nowUs;
                ProbesRun = 0;
                _probePhase = ProbePhase.None;
                _nextProbeUs = nowUs;
            }

            if (nowUs - _lostSinceUs > _p.RelocalizeTimeoutUs)
            {
                return Fail(NavigationFailure.LocalizationLost);
            }

            _rpp.Reset();
            _behavior = null;
            _progressUs = nowUs;
            _blockedSinceUs = -1;
            VelocityCommand probe = TickProbe(nowUs);
            State = _probePhase == ProbePhase.None ? NavigationState.Relocalizing : NavigationState.Probing;
            return probe;
        }

        if (State is NavigationState.Relocalizing or NavigationState.Probing)
        {
            // Found again: what was marked and planned on the wrong pose is void; plan afresh from the new one.
            State = NavigationState.Navigating;
            _lostSinceUs = -1;
            _probePhase = ProbePhase.None;
            _planSequence++;
            _obstacles.Clear();
            _costmap.Update();
            _local.Clear();
            _local.Update();
            _nextPlanUs = nowUs;
            _progressPose = MapPose;
            _progressUs = nowUs;
        }

        MapPoseEstimate estimate = _localizer.Estimate;
        if (estimate.SigmaXM > _p.MaxLocalizationSigmaM || estimate.SigmaYM > _p.MaxLocalizationSigmaM)
        {
            return Fail(NavigationFailure.LocalizationLost);
        }

        Pose2D pose = MapPose;
        if (_goalChecker.IsGoalReached(pose, _goal))
        {
            State = NavigationState.Succeeded;
            _rpp.Reset();
            return default;
        }

        if (State == NavigationState.Recovering)
        {
            return TickRecovery(pose, nowUs);
        }

        double dx = _goal.XM - pose.XM, dy = _goal.YM - pose.YM;
        bool atGoalPosition = (dx * dx) + (dy * dy) < _p.GoalXyToleranceM * _p.GoalXyToleranceM;
        if (_planner.TryTake(out long sequence, out bool found, out ReadOnlySpan<PathPose> path))
        {
            bool current = sequence == _planSequence;
            if (current && found)
            {
                AcceptPlan(path);
            }

            _planner.Release();
            if (current && !found)
            {
                PlanFailures++;
                return StartRecovery(pose, nowUs, NavigationFailure.NoPath);
            }
        }

        if (nowUs >= _nextPlanUs && !atGoalPosition && _planner.TrySubmit(_costmap.Master, pose, _goal, _planSequence))
        {
            _nextPlanUs = nowUs + _p.ReplanPeriodUs;
        }

        RppOutput output = _rpp.ComputeVelocity(pose, _local.Master, dtS);
        LastRppStatus = output.Status;
        VelocityCommand command = _monitor.Filter(output.Command, nowUs, out CollisionAction action);
        LastCollisionAction = action;
        bool blocked = output.Status == RppStatus.CollisionAhead || action is CollisionAction.Stop or CollisionAction.StopNoData;
        if (!blocked)
        {
            _blockedSinceUs = -1;
        }
        else if (_blockedSinceUs < 0)
        {
            _blockedSinceUs = nowUs;
            _nextPlanUs = Math.Min(_nextPlanUs, nowUs + (_p.ReplanPeriodUs / 4)); // look for a way around soon
        }
        else if (nowUs - _blockedSinceUs > _p.BlockedTimeoutUs)
        {
            return StartRecovery(pose, nowUs, NavigationFailure.CollisionBlocked);
        }

        double px = pose.XM - _progressPose.XM, py = pose.YM - _progressPose.YM;
        if ((px * px) + (py * py) >= _p.RequiredProgressM * _p.RequiredProgressM || output.Status == RppStatus.RotatingToGoalHeading)
        {
            _progressPose = pose;
            _progressUs = nowUs;
        }
        else if (nowUs - _progressUs > _p.ProgressTimeoutUs)
        {
            return StartRecovery(pose, nowUs, NavigationFailure.CollisionBlocked);
        }

        return command;
    }

    private VelocityCommand TickRecovery(Pose2D pose, long nowUs)
    {
        RecoveryBehavior behavior = _behavior!;
        behavior.Tick(OdomPose, pose, _local.Master, nowUs, out VelocityCommand command);
        if (behavior.Status != BehaviorStatus.Running)
        {
            // Whatever the behaviour's outcome, try the goal again with a fresh plan; the bounded count ends loops.
            _behavior = null;
            State = NavigationState.Navigating;
            _nextPlanUs = nowUs;
            _progressPose = pose;
            _progressUs = nowUs;
            _blockedSinceUs = -1;
            return default;
        }

        return _monitor.Filter(command, nowUs, out _);
    }

    private VelocityCommand StartRecovery(Pose2D pose, long nowUs, NavigationFailure reason)
    {
        _pendingFailure = reason;
        _rpp.Reset();
        _blockedSinceUs = -1;
        _progressPose = pose;
        _progressUs = nowUs;
        if (!_recoveries.TryNext(out RecoveryStep step))
        {
            return Fail(_pendingFailure);
        }

        switch (step)
        {
            case RecoveryStep.ClearCostmaps:
                _obstacles.Clear();
                _costmap.Update();
                _local.Clear();
                _local.Update();
                _nextPlanUs = nowUs;
                return default;
            case RecoveryStep.Spin:
                _behavior = _spin;
                break;
            case RecoveryStep.BackUp:
                _behavior = _backUp;
                break;
            default:
                _behavior = _wait;
                break;
        }

        _behavior.Start(OdomPose, nowUs);
        State = NavigationState.Recovering;
        return default;
    }

    private VelocityCommand Fail(NavigationFailure failure)
    {
        _probePhase = ProbePhase.None;
        State = NavigationState.Failed;
        Failure = failure;
        _behavior = null;
        _rpp.Reset();
        return default;
    }

    /// <summary>Hands a finished plan to the controller (copies into preallocated buffers: ours for <see cref="Path"/>, and RPP's).</summary>
    private void AcceptPlan(ReadOnlySpan<PathPose> path)
    {
        path.CopyTo(_pathBuffer);
        _rpp.SetPath(path, _goal.YawRad);
        Replans++;
        if (double.IsNaN(PlannedLengthM))
        {
            PlannedLengthM = _rpp.PathLengthM;
        }
    }

    public void Dispose() => _planner.Dispose();
}
