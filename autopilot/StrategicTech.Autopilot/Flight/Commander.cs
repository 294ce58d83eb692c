using StrategicTech.Autopilot.Control;
using StrategicTech.Autopilot.Control.Detection;
using StrategicTech.Autopilot.Flight.Geofence;
using StrategicTech.Autopilot.Flight.Tasks;
using StrategicTech.Autopilot.Parameters;
using StrategicTech.Navigation.Geodesy;
using StrategicTech.Navigation.Missions;
using StrategicTech.Navigation.Numerics;
using FenceShapes = StrategicTech.Navigation.Missions.Geofence;

namespace StrategicTech.Autopilot.Flight;

/// <summary>
/// The vehicle's command layer (PX4's commander): a state machine over <see cref="FlightMode"/> that gates mode
/// changes, arms and disarms (<see cref="ArmingChecks"/>), applies failsafes (<see cref="FailsafeMonitor"/>) and
/// reports status, and runs the flight task of the current mode (<c>Tasks/</c>, one <c>IFlightTask</c> per mode) above
/// the <see cref="Navigator"/>, driving a <see cref="MulticopterCascade"/>'s outer loops. The same class runs
/// on hardware and in SITL: the host calls <see cref="Update"/> at the position-loop rate with the estimate (never
/// truth) and the health inputs, then runs the attitude and rate loops itself while <see cref="Armed"/>. Commands
/// (<see cref="IVehicleCommands"/>) are called between updates on the same thread. No allocation per update; status
/// texts allocate their string when an event happens (arming, mode change, landing, failsafe).
/// </summary>
public sealed class Commander : IVehicleCommands
{
    // Indexed by the lowest FenceViolation bit set.
    private static readonly string[] StopTexts =
    [
        "Geofence: stopping before the inclusion boundary",
        "Geofence: stopping before an exclusion zone",
        "Geofence: stopping below the maximum altitude",
        "Geofence: stopping within the maximum distance",
    ];

    private static readonly string[] ModeTexts = [.. Enum.GetValues<FlightMode>().Select(m => $"Mode: {m}")];

    private readonly MulticopterCascade _cascade;
    private readonly Navigator _navigator;
    private readonly MissionExecutor _mission;
    private readonly StatusTextLog _texts = new();
    private readonly FailsafeMonitor _failsafes = new();
    private readonly GeofenceMonitor _geofence = new();
    private readonly FlightParameterBinder _binder;
    private readonly FlightTaskContext _context;
    private readonly IFlightTask[] _tasks;
    private readonly MissionTask _missionTask;
    private FlightMode _mode = FlightMode.Hold;
    private bool _homeSet;
    private GeodeticPosition _homeGeodetic;
    private ArmingDenial _lastDenial;
    private FailsafeKind _lastFailsafe;
    private bool _hasManual;
    private bool _hasOffboard;
    private long _landedSinceUs = -1;
    private bool _wasArmed;
    private bool _flownSinceArming;
    private bool _fenceStopActive;
    private Vector3 _fenceStopNedM;
    private long _groundStationHeardUs = -1;
    private long _rcHeardUs = -1;
    private long _armedAtUs;

    public Commander(FlightParameters parameters, MulticopterCascade cascade, LandDetectorParameters landDetector)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(cascade);
        _cascade = cascade;
        _navigator = new Navigator(parameters, landDetector);
        _mission = new MissionExecutor(_navigator, _texts, _geofence);
        _binder = new FlightParameterBinder(cascade);
        _context = new FlightTaskContext(cascade, _navigator, _mission, _texts, parameters) { Geofence = _geofence };
        _missionTask = new MissionTask(_context);

        // One task per mode, indexed by the mode's value.
        _tasks = new IFlightTask[Enum.GetValues<FlightMode>().Length];
        _tasks[(int)FlightMode.Stabilized] = new StabilizedTask(_context);
        _tasks[(int)FlightMode.Altitude] = new AltitudeTask(_context);
        _tasks[(int)FlightMode.Position] = new PositionTask(_context);
        _tasks[(int)FlightMode.Mission] = _missionTask;
        _tasks[(int)FlightMode.Takeoff] = new TakeoffTask(_context);
        _tasks[(int)FlightMode.Land] = new LandTask(_context);
        _tasks[(int)FlightMode.ReturnToLaunch] = new ReturnTask(_context);
        _tasks[(int)FlightMode.Hold] = new HoldTask(_context);
        _tasks[(int)FlightMode.Offboard] = new OffboardTask(_context);
    }

    /// <summary>The autonomous setpoint generator beneath the modes (takeoff, hold, goto, land).</summary>
    public Navigator Navigator => _navigator;

    public MissionExecutor Mission => _mission;

    /// <summary>The geofence and rally points the vehicle enforces, and its last verdict.</summary>
    public GeofenceMonitor Geofence => _geofence;

    public StatusTextLog StatusTexts => _texts;

    public FlightParameters Parameters => _context.Parameters;

    public bool Armed => _navigator.Armed;

    public FlightMode Mode => _mode;

    /// <summary>Upper bound on the collective thrust (below 1 only while touching down in a landing).</summary>
    public double ThrustLimit { get; private set; } = 1.0;

    public VehicleStatus Status => new()
    {
        TimeUs = _context.NowUs,
        Armed = _navigator.Armed,
        Mode = _mode,
        LandState = _navigator.LandState,
        HomeSet = _homeSet,
        HomeGeodetic = _homeGeodetic,
        HomeNedM = _navigator.HomeNedM,
        MissionItemCount = _mission.ItemCount,
        MissionCurrentIndex = _mission.IsStarted ? _mission.CurrentIndex : _context.PendingMissionIndex,
        MissionVersion = _mission.Version,
        ReachedCount = _mission.ReachedCount,
        LastReachedIndex = _mission.LastReachedIndex,
        ReachedItems = _mission.ReachedLog,
        MissionFinished = _mission.IsFinished,
        MissionSkippedCount = _mission.SkippedItemCount,
        LastArmingDenial = _lastDenial,
        StatusTextCount = _texts.Count,
        StatusTexts = _texts,
        LastFailsafe = _lastFailsafe,
        ActiveFailsafes = _failsafes.ActiveConditions,
        ActiveFailsafeAction = _failsafes.ActiveAction,
    };

    /// <summary>The failsafe ladder (its active conditions and the winning action).</summary>
    public FailsafeMonitor Failsafes => _failsafes;

    /// <summary>
    /// A ground station's HEARTBEAT arrived (stamped with the commander's time): the data-link-loss failsafe
    /// (NAV_DLL_ACT) watches for silence longer than COM_DL_LOSS_T after the first one.
    /// </summary>
    public void NoteGroundStationHeartbeat() => _groundStationHeardUs = Math.Max(_context.NowUs, 0);

    /// <summary>Replaces the parameters (after a parameter change; start-up work).</summary>
    public void Configure(FlightParameters value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _context.Parameters = value;
        _navigator.Configure(value);
    }

    /// <summary>
    /// Applies a changed parameter table (e.g. after PARAM_SET) to the flight modes and the cascade's stages; a cheap
    /// version compare when nothing changed, so the host may call it every update. Allocates only on a change; a
    /// controller whose values did not change is left untouched (its filters keep their state). A set that breaks a
    /// cross-parameter rule is not applied (all or nothing), is announced, and false is returned. The land detector
    /// keeps the values it was built with.
    /// </summary>
    public bool ApplyParameters(ParameterStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        try
        {
            FlightParameters? flight = _binder.Bind(store);
            if (flight is not null)
            {
                Configure(flight);
            }

            return true;
        }
        catch (Exception e) when (e is ParameterException or ArgumentException)
        {
            _texts.Add(_context.NowUs, StatusSeverity.Error, "Parameters not applied: " + e.Message);
            return false;
        }
    }

    public CommandOutcome Arm(bool force = false)
    {
        if (_navigator.Armed)
        {
            return CommandOutcome.Accepted;
        }

        if (!force)
        {
            FailsafeKind blocker = _failsafes.ArmingBlocker;
            ArmingDenial reason = ArmingChecks.Evaluate(_context.Health, _context.State.AttitudeNed, _context.Parameters, _mode, ManualFresh(), OffboardFresh(), _mission.ItemCount, blocker);
            if (reason == ArmingDenial.None && _context.Health.HasOrigin)
            {
                _geofence.SetOrigin(_context.Health.Origin);
                reason = _geofence.Judge(_context.State.PositionNedM, _context.State.PositionNedM, _context.Parameters) != FenceViolation.None
                    ? ArmingDenial.GeofenceBreached : ArmingDenial.None;
            }

            if (reason != ArmingDenial.None)
            {
                _lastDenial = reason;
                _texts.Add(_context.NowUs, StatusSeverity.Critical, reason == ArmingDenial.FailsafeActive
                    ? "Arming denied: " + FailsafeTexts.ConditionName(blocker)
                    : ArmingChecks.DenialText(reason));
                return CommandOutcome.Denied;
            }
        }

        if (!_navigator.Arm(_context.State))
        {
            return CommandOutcome.Failed;
        }

        _lastDenial = ArmingDenial.None;
        _cascade.Reset();
        _homeSet = true;
        _homeGeodetic = _context.Health.HasOrigin ? new LocalNedFrame(_context.Health.Origin).FromNed(_navigator.HomeNedM) : default;
        _landedSinceUs = -1;
        _wasArmed = true;
        _flownSinceArming = false;
        _armedAtUs = _context.NowUs;
        _failsafes.Reset();
        _texts.Add(_context.NowUs, StatusSeverity.Info, "Armed");
        if (EnterMode(_mode) != CommandOutcome.Accepted)
        {
            EnterMode(FlightMode.Hold);
        }

        return CommandOutcome.Accepted;
    }

    public CommandOutcome Disarm(bool force = false)
    {
        if (!_navigator.Armed)
        {
            return CommandOutcome.Accepted;
        }

        if (!_navigator.Disarm(force))
        {
            _texts.Add(_context.NowUs, StatusSeverity.Critical, "Disarming denied: not landed");
            return CommandOutcome.Denied;
        }

        OnDisarmed("Disarmed");
        return CommandOutcome.Accepted;
    }

    public CommandOutcome SetMode(FlightMode value)
    {
        if (!Enum.IsDefined(value))
        {
            return CommandOutcome.Unsupported;
        }

        if (value == FlightMode.Offboard && !OffboardFresh())
        {
            _texts.Add(_context.NowUs, StatusSeverity.Critical, "Offboard denied: no setpoint stream");
            return CommandOutcome.Denied;
        }

        if (IsManual(value) && !ManualFresh())
        {
            _texts.Add(_context.NowUs, StatusSeverity.Critical, "Manual mode denied: no context.Manual input");
            return CommandOutcome.Denied;
        }

        if (value == FlightMode.Mission && _mission.ItemCount == 0)
        {
            _texts.Add(_context.NowUs, StatusSeverity.Critical, "Mission denied: no mission");
            return CommandOutcome.Denied;
        }

        if (value == FlightMode.ReturnToLaunch && !_homeSet)
        {
            _texts.Add(_context.NowUs, StatusSeverity.Critical, "Return denied: no home");
            return CommandOutcome.Denied;
        }

        if (!_navigator.Armed)
        {
            SwitchTo(value);
            return CommandOutcome.Accepted;
        }

        return EnterMode(value);
    }

    public CommandOutcome Takeoff(double altitudeAboveHomeM)
    {
        double heightM = double.IsNaN(altitudeAboveHomeM) ? _context.Parameters.TakeoffAltitudeM : altitudeAboveHomeM;
        if (!double.IsFinite(heightM) || heightM <= 0 || heightM > 10_000)
        {
            return CommandOutcome.Failed;
        }

        _context.PendingTakeoffHeightM = heightM;
        if (!_navigator.Armed)
        {
            FlightMode previous = _mode;
            SwitchTo(FlightMode.Takeoff);
            CommandOutcome armed = Arm();
            if (armed != CommandOutcome.Accepted)
            {
                _mode = previous;
            }

            return armed;
        }

        return EnterMode(FlightMode.Takeoff);
    }

    public CommandOutcome Land() => SetMode(FlightMode.Land);

    public CommandOutcome ReturnToLaunch() => SetMode(FlightMode.ReturnToLaunch);

    public CommandOutcome Hold() => SetMode(FlightMode.Hold);

    public CommandOutcome GoTo(double latitudeDeg, double longitudeDeg, double heightAboveHomeM, double speedMps = 0)
    {
        if (!RepositionGeodesy.IsValid(latitudeDeg, longitudeDeg, heightAboveHomeM, speedMps))
        {
            return CommandOutcome.Failed;
        }

        if (!_navigator.Armed || _navigator.LandState != LandState.Flying || !_context.Health.HasOrigin
            || _navigator.State is AutoState.Land or AutoState.Takeoff)
        {
            _texts.Add(_context.NowUs, StatusSeverity.Critical, "Reposition denied: not flying");
            return CommandOutcome.Denied;
        }

        Vector3 current = _navigator.Setpoint.PositionNedM.IsFinite ? _navigator.Setpoint.PositionNedM : _context.State.PositionNedM;
        Vector3 targetNedM = RepositionGeodesy.TargetNedM(_context.Health.Origin, current, _navigator.HomeNedM, latitudeDeg, longitudeDeg, heightAboveHomeM);

        if (_mode != FlightMode.Hold)
        {
            CommandOutcome held = SetMode(FlightMode.Hold);
            if (held != CommandOutcome.Accepted)
            {
                return held;
            }
        }

        if (!_navigator.GoTo(targetNedM, speedMps))
        {
            return CommandOutcome.Denied;
        }

        _texts.Add(_context.NowUs, StatusSeverity.Info, "Reposition");
        return CommandOutcome.Accepted;
    }

    public CommandOutcome ReplaceMission(IReadOnlyList<MissionItem> items)
    {
        if (items is null)
        {
            return CommandOutcome.Failed;
        }

        string? problem = MissionFeasibility.Check(items, FeasibilityReference(), _geofence, _context.Parameters);
        if (problem is not null)
        {
            _texts.Add(_context.NowUs, StatusSeverity.Error, "Mission refused: " + problem);
            return CommandOutcome.Denied;
        }

        problem = _mission.Replace(items);
        if (problem is not null)
        {
            _texts.Add(_context.NowUs, StatusSeverity.Error, "Mission refused: " + problem);
            return CommandOutcome.Failed;
        }

        _context.PendingMissionIndex = 0;
        if (_mode == FlightMode.Mission && _navigator.Armed)
        {
            _navigator.HoldAt(_context.BrakingPointNedM());
        }

        return CommandOutcome.Accepted;
    }

    /// <summary>
    /// Replaces the geofence (FENCE upload; allocates its local projection and the return planner). Refused while the
    /// vehicle flies outside the new fence's shapes, so an upload cannot trigger the breach action mid-air.
    /// </summary>
    public CommandOutcome ReplaceFence(FenceShapes fence)
    {
        if (fence is null)
        {
            return CommandOutcome.Failed;
        }

        FenceShapes old = _geofence.Fence;
        _geofence.SetFence(fence);
        if (_navigator.Armed && _geofence.Area is GeofenceArea area
            && area.CheckShapes(new(_context.State.PositionNedM.X, _context.State.PositionNedM.Y)) != FenceViolation.None)
        {
            _geofence.SetFence(old);
            _texts.Add(_context.NowUs, StatusSeverity.Error, "Fence refused: the vehicle is outside it");
            return CommandOutcome.Denied;
        }

        return CommandOutcome.Accepted;
    }

    /// <summary>Replaces the rally points (RALLY upload; allocates): a return goes to the nearest when nearer than home.</summary>
    public CommandOutcome ReplaceRallyPoints(IReadOnlyList<RallyPoint> points)
    {
        if (points is null)
        {
            return CommandOutcome.Failed;
        }

        _geofence.SetRallyPoints(points);
        return CommandOutcome.Accepted;
    }

    public CommandOutcome StartMission(int firstItemIndex = 0)
    {
        if (_mission.ItemCount == 0)
        {
            _texts.Add(_context.NowUs, StatusSeverity.Critical, "Mission denied: no mission");
            return CommandOutcome.Denied;
        }

        if ((uint)firstItemIndex >= (uint)_mission.ItemCount)
        {
            return CommandOutcome.Failed;
        }

        _context.PendingMissionIndex = firstItemIndex;
        if (!_navigator.Armed)
        {
            SwitchTo(FlightMode.Mission);
            return CommandOutcome.Accepted;
        }

        _missionTask.RequestStart(firstItemIndex);
        return EnterMode(FlightMode.Mission);
    }

    public CommandOutcome SetCurrentMissionItem(int index)
    {
        if ((uint)index >= (uint)_mission.ItemCount)
        {
            return CommandOutcome.Failed;
        }

        _context.PendingMissionIndex = index;
        if (_mission.IsStarted)
        {
            _mission.SetCurrent(index);
        }

        return CommandOutcome.Accepted;
    }

    /// <summary>The newest pilot sticks accepted (MANUAL_CONTROL or RC), clamped; default before the first.</summary>
    public ManualInput LastManualInput => _context.Manual;

    public void SetManualInput(in ManualInput input)
    {
        if (!input.IsFinite)
        {
            return;
        }

        _context.Manual = input with
        {
            Roll = Math.Clamp(input.Roll, -1, 1),
            Pitch = Math.Clamp(input.Pitch, -1, 1),
            Yaw = Math.Clamp(input.Yaw, -1, 1),
            Throttle = Math.Clamp(input.Throttle, 0, 1),
        };
        _hasManual = true;
    }

    /// <summary>Sticks from the vehicle's own RC receiver: as <see cref="SetManualInput"/>, and its loss is judged in every mode (COM_RCL_EXCEPT).</summary>
    public void SetRcInput(in ManualInput input)
    {
        SetManualInput(in input);
        if (input.IsFinite)
        {
            _rcHeardUs = input.TimeUs;
        }
    }

    public CommandOutcome SetOffboardSetpoint(in OffboardSetpoint setpoint)
    {
        if (setpoint.UsesAcceleration || (setpoint.TypeMask & OffboardTypeMask.ForceSet) != 0)
        {
            return CommandOutcome.Unsupported;
        }

        bool positionOk = !setpoint.UsesPosition || setpoint.PositionNedM.IsFinite;
        bool velocityOk = !setpoint.UsesVelocity || setpoint.VelocityNedMps.IsFinite;
        if (!positionOk || !velocityOk || (!setpoint.UsesPosition && !setpoint.UsesVelocity))
        {
            return CommandOutcome.Failed;
        }

        _context.Offboard = setpoint;
        _hasOffboard = true;
        return CommandOutcome.Accepted;
    }

    /// <summary>
    /// One position-loop update: failsafes, the mode's flight task, the land detector, and the cascade's outer loops
    /// (the attitude/thrust setpoint the host's attitude and rate loops then follow). <paramref name="estimate"/> comes
    /// from the estimator, in its local frame.
    /// </summary>
    public void Update(long timeUs, double dtS, in MulticopterState estimate, in VehicleHealth vehicleHealth)
    {
        _context.NowUs = timeUs;
        _context.State = estimate;
        _context.Health = vehicleHealth;
        if (vehicleHealth.HasOrigin)
        {
            _geofence.SetOrigin(vehicleHealth.Origin);
        }

        if (_navigator.Armed)
        {
            _geofence.Update(estimate.PositionNedM, estimate.VelocityNedMps, Vector3.Zero, _navigator.HomeNedM, _context.Parameters);
        }

        if (CheckFailsafes())
        {
            return;
        }

        if (_navigator.Armed)
        {
            _tasks[(int)_mode].Update(dtS);
            StopBeforeFence();
        }

        _navigator.Update(timeUs, dtS, _context.State, _cascade.ThrustAttitudeSetpoint.CollectiveThrust);
        ThrustLimit = _navigator.ThrustLimit;
        if (_wasArmed && !_navigator.Armed)
        {
            // Let a landing item (or the return) see the touchdown before the mission pauses.
            if (_mode == FlightMode.Mission)
            {
                _mission.Update(timeUs, _context.State);
            }

            OnDisarmed("Landed, disarmed");
            return;
        }

        if (!_navigator.Armed)
        {
            return;
        }

        if (_mode == FlightMode.Takeoff && _navigator.State == AutoState.Hold)
        {
            _texts.Add(timeUs, StatusSeverity.Info, "Takeoff complete");
            SwitchTo(FlightMode.Hold);
        }

        AutoDisarmWhenLanded();
        if (_navigator.Armed)
        {
            _tasks[(int)_mode].Control(dtS);
            LimitThrust();
        }
    }

    /// <summary>
    /// Caps the collective (and scales the thrust vector) at <see cref="ThrustLimit"/> while touching down, and there
    /// holds the attitude the vehicle has: on the ground a horizontal correction cannot move it, and against a drifting
    /// estimate (dead reckoning after a GNSS loss) the tilt it asks for rocks the vehicle on its legs, so the land
    /// detector never sees it still and the drift goes on while it stays armed (PX4 zeroes the body-horizontal thrust
    /// on ground contact for the same reason).
    /// </summary>
    private void LimitThrust()
    {
        double limit = ThrustLimit;
        ThrustAttitudeSetpoint sp = _cascade.ThrustAttitudeSetpoint;
        bool touchingDown = limit < 1;
        if (!touchingDown && sp.CollectiveThrust <= limit)
        {
            return;
        }

        if (sp.CollectiveThrust > limit)
        {
            double scale = sp.CollectiveThrust > 0 ? limit / sp.CollectiveThrust : 0;
            sp = sp with { CollectiveThrust = limit, ThrustNed = sp.ThrustNed * scale };
        }

        _cascade.SetAttitudeSetpoint(touchingDown ? sp with { AttitudeNed = _context.State.AttitudeNed } : sp, touchingDown ? 0 : _cascade.YawRateFeedForwardRadps);
    }

    /// <summary>Runs the failsafe ladder (armed or not) and applies its decision; true when it disarmed the vehicle.</summary>
    private bool CheckFailsafes()
    {
        VehicleHealth h = _context.Health;
        bool armed = _navigator.Armed;
        Vector3 euler = _context.State.AttitudeNed.ToEuler();
        var inputs = new FailsafeInputs(_mode, ManualFresh(), OffboardFresh(), h.HasOrigin, _homeSet)
        {
            TimeUs = _context.NowUs,
            Armed = armed,
            RcSignalLost = _rcHeardUs >= 0 && _context.NowUs - _rcHeardUs > (long)(_context.Parameters.ManualLossTimeoutS * 1e6),
            DataLinkLost = _groundStationHeardUs >= 0
                && _context.NowUs - _groundStationHeardUs > (long)(_context.Parameters.DataLinkLossTimeoutS * 1e6),
            BatteryRemainingFraction = h.BatteryRemainingFraction,
            PositionAidingLost = h.HasOrigin && h.PositionAidingLost,
            EstimatorTestRatio = h.EstimatorTestRatio,
            GeofenceBreached = _navigator.LandState == LandState.Flying && _geofence.Breached,
            MotorFailed = h.MotorFailed,
            HardImpact = h.HardImpact,
            FlightTimeS = armed ? (_context.NowUs - _armedAtUs) / 1e6 : 0,
            RollRad = euler.X,
            PitchRad = euler.Y,
        };
        FailsafeDecision decision = _failsafes.Evaluate(inputs, _context.Parameters);
        if (decision.IsNone)
        {
            return false;
        }

        _lastFailsafe = decision.Kind;
        if (decision.Action == FailsafeAction.Warn)
        {
            _texts.Add(_context.NowUs, StatusSeverity.Warning, decision.Text);
            return false;
        }

        _texts.Add(_context.NowUs, decision.Action is FailsafeAction.Terminate or FailsafeAction.Land ? StatusSeverity.Emergency : StatusSeverity.Critical, decision.Text);
        if (decision.Action is FailsafeAction.Disarm or FailsafeAction.Terminate)
        {
            // Motors off now, in the air too (PX4's termination / lockdown after a crash).
            _navigator.Disarm(force: true);
            ThrustLimit = 0;
            OnDisarmed("Disarmed by failsafe");
            return true;
        }

        EnterMode(decision.Mode);
        return false;
    }

    /// <summary>
    /// GF_PREDICT: when the point the vehicle would brake to (from its velocity, or from the velocity its mode now
    /// commands) breaks the fence while the vehicle itself does not, stop short of it: auto modes (hold, go-to,
    /// mission, return, takeoff) switch to Hold at the braking point; manual and offboard modes hold the braking point
    /// for as long as their command keeps pointing at the fence. Not applied on the ground, while landing, or once
    /// the fence is already breached (the breach action governs then).
    /// </summary>
    private void StopBeforeFence()
    {
        MulticopterSetpoint sp = _navigator.Setpoint;
        Vector3 commanded = sp.VelocityFeedForwardNedMps.IsFinite ? sp.VelocityFeedForwardNedMps : Vector3.Zero;
        MulticopterState state = _context.State;
        _geofence.Update(state.PositionNedM, state.VelocityNedMps, commanded, _navigator.HomeNedM, _context.Parameters);
        // A hold already stands still at a point the prediction accepted when it was set: wind drift must not move it.
        bool applies = _navigator.LandState == LandState.Flying && _mode != FlightMode.Land
            && _navigator.State is not (AutoState.Land or AutoState.Disarmed or AutoState.Hold);
        if (!applies || !_geofence.PredictedBreach)
        {
            _fenceStopActive = false;
            return;
        }

        bool external = _navigator.State == AutoState.External;
        if (!_fenceStopActive)
        {
            _fenceStopActive = true;
            Vector3 brake = _context.BrakingPointNedM();
            _fenceStopNedM = (_geofence.PredictedViolation & FenceViolation.AboveMaxAltitude) != 0 ? brake with { Z = state.PositionNedM.Z } : brake;
            _texts.Add(_context.NowUs, StatusSeverity.Warning, StopTexts[System.Numerics.BitOperations.TrailingZeroCount((int)_geofence.PredictedViolation)]);
            if (!external)
            {
                EnterMode(FlightMode.Hold);
                _navigator.HoldAt(_fenceStopNedM);
            }
        }

        if (external)
        {
            _navigator.SetExternalSetpoint(MulticopterSetpoint.Hold(_fenceStopNedM, _navigator.YawRad));
        }
    }

    /// <summary>Auto-disarm COM_DISARM_LAND after a landing outside the Land logic (manual modes, Hold on the ground).</summary>
    private void AutoDisarmWhenLanded()
    {
        _flownSinceArming |= _navigator.LandState == LandState.Flying;
        bool landed = _navigator.LandState == LandState.Landed && _navigator.State != AutoState.Takeoff && _navigator.State != AutoState.Land;
        bool idleThrottle = !IsManual(_mode) || _context.Manual.Throttle < 0.3;
        if (!landed || !idleThrottle || !_flownSinceArming)
        {
            _landedSinceUs = -1;
            return;
        }

        if (_landedSinceUs < 0)
        {
            _landedSinceUs = _context.NowUs;
        }
        else if (_context.Parameters.DisarmLandedS > 0 && _context.NowUs - _landedSinceUs >= (long)(_context.Parameters.DisarmLandedS * 1e6) && _navigator.Disarm())
        {
            OnDisarmed("Landed, disarmed");
        }
    }

    /// <summary>Leaves the current mode's task and activates the new one; the mode changes only when it accepts.</summary>
    private CommandOutcome EnterMode(FlightMode value)
    {
        if (value != _mode)
        {
            _tasks[(int)_mode].Deactivate();
        }

        if (!_tasks[(int)value].Activate())
        {
            return CommandOutcome.Denied;
        }

        SwitchTo(value);
        return CommandOutcome.Accepted;
    }

    private void SwitchTo(FlightMode value)
    {
        if (_mode != value)
        {
            _mode = value;
            _texts.Add(_context.NowUs, StatusSeverity.Info, ModeTexts[(int)value]);
        }
    }

    private void OnDisarmed(string text)
    {
        _wasArmed = false;
        _failsafes.Reset();
        foreach (IFlightTask task in _tasks)
        {
            task.Deactivate();
        }

        _landedSinceUs = -1;
        _texts.Add(_context.NowUs, StatusSeverity.Info, text);
    }

    /// <summary>Home (or, before the first arming, where the vehicle stands) for the mission checks.</summary>
    private FeasibilityReference FeasibilityReference()
    {
        if (!_context.Health.HasOrigin)
        {
            return default;
        }

        var frame = new LocalNedFrame(_context.Health.Origin);
        Vector3 homeNedM = _homeSet ? _navigator.HomeNedM : _context.State.PositionNedM;
        if (!homeNedM.IsFinite)
        {
            return default;
        }

        _geofence.SetOrigin(_context.Health.Origin);
        return new FeasibilityReference(true, frame, homeNedM, frame.FromNed(homeNedM).HeightM);
    }

    private bool ManualFresh() =>
        _hasManual && _context.NowUs - _context.Manual.TimeUs <= (long)(_context.Parameters.ManualLossTimeoutS * 1e6);

    private bool OffboardFresh() =>
        _hasOffboard && _context.NowUs - _context.Offboard.TimeUs <= (long)(_context.Parameters.OffboardLossTimeoutS * 1e6);

    private static bool IsManual(FlightMode m) => m is FlightMode.Stabilized or FlightMode.Altitude or FlightMode.Position;
}
