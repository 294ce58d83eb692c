using StrategicTech.Autopilot.Control;
using StrategicTech.Autopilot.Control.Detection;
using StrategicTech.Autopilot.Flight.Tasks;
using StrategicTech.Autopilot.Parameters;
using StrategicTech.Navigation.Geodesy;
using StrategicTech.Navigation.Missions;
using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Autopilot.Flight;

/// <summary>
/// The vehicle's command layer (PX4's commander + navigator + flight tasks in one): arming checks, the flight modes,
/// the mission, failsafes and status, driving a <see cref="MulticopterCascade"/>'s outer loops. The same class runs
/// on hardware and in SITL: the host calls <see cref="Update"/> at the position-loop rate with the estimate (never
/// truth) and the health inputs, then runs the attitude and rate loops itself while <see cref="Armed"/>. Commands
/// (<see cref="IVehicleCommands"/>) are called between updates on the same thread. No allocation per update; status
/// texts allocate their string when an event happens (arming, mode change, landing, failsafe).
/// </summary>
public sealed class Commander : IVehicleCommands
{
    private const long LandedDisarmUs = 2_000_000; // COM_DISARM_LAND

    private static readonly string[] ModeTexts = [.. Enum.GetValues<FlightMode>().Select(m => $"Mode: {m}")];

    private readonly MulticopterCascade cascade;
    private readonly Navigator navigator;
    private readonly MissionExecutor mission;
    private readonly StatusTextLog texts = new();
    private readonly FailsafeMonitor failsafes = new();
    private readonly FlightParameterBinder binder;
    private readonly FlightTaskContext context;
    private readonly IFlightTask[] tasks;
    private readonly MissionTask missionTask;
    private FlightMode mode = FlightMode.Hold;
    private bool homeSet;
    private GeodeticPosition homeGeodetic;
    private ArmingDenial lastDenial;
    private FailsafeKind lastFailsafe;
    private bool hasManual;
    private bool hasOffboard;
    private long landedSinceUs = -1;
    private bool wasArmed;
    private bool flownSinceArming;

    public Commander(FlightParameters parameters, MulticopterCascade cascade, LandDetectorParameters landDetector)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(cascade);
        this.cascade = cascade;
        navigator = new Navigator(parameters, landDetector);
        mission = new MissionExecutor(navigator, texts);
        binder = new FlightParameterBinder(cascade);
        context = new FlightTaskContext(cascade, navigator, mission, texts, parameters);
        missionTask = new MissionTask(context);

        // One task per mode, indexed by the mode's value.
        tasks = new IFlightTask[Enum.GetValues<FlightMode>().Length];
        tasks[(int)FlightMode.Stabilized] = new StabilizedTask(context);
        tasks[(int)FlightMode.Altitude] = new AltitudeTask(context);
        tasks[(int)FlightMode.Position] = new PositionTask(context);
        tasks[(int)FlightMode.Mission] = missionTask;
        tasks[(int)FlightMode.Takeoff] = new TakeoffTask(context);
        tasks[(int)FlightMode.Land] = new LandTask(context);
        tasks[(int)FlightMode.ReturnToLaunch] = new ReturnTask(context);
        tasks[(int)FlightMode.Hold] = new HoldTask(context);
        tasks[(int)FlightMode.Offboard] = new OffboardTask(context);
    }

    /// <summary>The autonomous setpoint generator beneath the modes (takeoff, hold, goto, land).</summary>
    public Navigator Navigator => navigator;

    public MissionExecutor Mission => mission;

    public StatusTextLog StatusTexts => texts;

    public FlightParameters Parameters => context.Parameters;

    public bool Armed => navigator.Armed;

    public FlightMode Mode => mode;

    /// <summary>Upper bound on the collective thrust (below 1 only while touching down in a landing).</summary>
    public double ThrustLimit { get; private set; } = 1.0;

    public VehicleStatus Status => new()
    {
        TimeUs = context.NowUs,
        Armed = navigator.Armed,
        Mode = mode,
        LandState = navigator.LandState,
        HomeSet = homeSet,
        HomeGeodetic = homeGeodetic,
        HomeNedM = navigator.HomeNedM,
        MissionItemCount = mission.ItemCount,
        MissionCurrentIndex = mission.IsStarted ? mission.CurrentIndex : context.PendingMissionIndex,
        MissionVersion = mission.Version,
        ReachedCount = mission.ReachedCount,
        LastReachedIndex = mission.LastReachedIndex,
        ReachedItems = mission.ReachedLog,
        MissionFinished = mission.IsFinished,
        MissionSkippedCount = mission.SkippedItemCount,
        LastArmingDenial = lastDenial,
        StatusTextCount = texts.Count,
        StatusTexts = texts,
        LastFailsafe = lastFailsafe,
    };

    /// <summary>Replaces the parameters (after a parameter change; start-up work).</summary>
    public void Configure(FlightParameters value)
    {
        ArgumentNullException.ThrowIfNull(value);
        context.Parameters = value;
        navigator.Configure(value);
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
            FlightParameters? flight = binder.Bind(store);
            if (flight is not null)
            {
                Configure(flight);
            }

            return true;
        }
        catch (Exception e) when (e is ParameterException or ArgumentException)
        {
            texts.Add(context.NowUs, StatusSeverity.Error, "Parameters not applied: " + e.Message);
            return false;
        }
    }

    public CommandOutcome Arm(bool force = false)
    {
        if (navigator.Armed)
        {
            return CommandOutcome.Accepted;
        }

        if (!force)
        {
            ArmingDenial reason = ArmingChecks.Evaluate(context.Health, context.State.AttitudeNed, context.Parameters, mode, ManualFresh(), OffboardFresh(), mission.ItemCount);
            if (reason != ArmingDenial.None)
            {
                lastDenial = reason;
                texts.Add(context.NowUs, StatusSeverity.Critical, ArmingChecks.DenialText(reason));
                return CommandOutcome.Denied;
            }
        }

        if (!navigator.Arm(context.State))
        {
            return CommandOutcome.Failed;
        }

        lastDenial = ArmingDenial.None;
        cascade.Reset();
        homeSet = true;
        homeGeodetic = context.Health.HasOrigin ? new LocalNedFrame(context.Health.Origin).FromNed(navigator.HomeNedM) : default;
        landedSinceUs = -1;
        wasArmed = true;
        flownSinceArming = false;
        texts.Add(context.NowUs, StatusSeverity.Info, "Armed");
        if (EnterMode(mode) != CommandOutcome.Accepted)
        {
            EnterMode(FlightMode.Hold);
        }

        return CommandOutcome.Accepted;
    }

    public CommandOutcome Disarm(bool force = false)
    {
        if (!navigator.Armed)
        {
            return CommandOutcome.Accepted;
        }

        if (!navigator.Disarm(force))
        {
            texts.Add(context.NowUs, StatusSeverity.Critical, "Disarming denied: not landed");
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
            texts.Add(context.NowUs, StatusSeverity.Critical, "Offboard denied: no setpoint stream");
            return CommandOutcome.Denied;
        }

        if (IsManual(value) && !ManualFresh())
        {
            texts.Add(context.NowUs, StatusSeverity.Critical, "Manual mode denied: no context.Manual input");
            return CommandOutcome.Denied;
        }

        if (value == FlightMode.Mission && mission.ItemCount == 0)
        {
            texts.Add(context.NowUs, StatusSeverity.Critical, "Mission denied: no mission");
            return CommandOutcome.Denied;
        }

        if (value == FlightMode.ReturnToLaunch && !homeSet)
        {
            texts.Add(context.NowUs, StatusSeverity.Critical, "Return denied: no home");
            return CommandOutcome.Denied;
        }

        if (!navigator.Armed)
        {
            SwitchTo(value);
            return CommandOutcome.Accepted;
        }

        return EnterMode(value);
    }

    public CommandOutcome Takeoff(double altitudeAboveHomeM)
    {
        double heightM = double.IsNaN(altitudeAboveHomeM) ? context.Parameters.TakeoffAltitudeM : altitudeAboveHomeM;
        if (!double.IsFinite(heightM) || heightM <= 0 || heightM > 10_000)
        {
            return CommandOutcome.Failed;
        }

        context.PendingTakeoffHeightM = heightM;
        if (!navigator.Armed)
        {
            FlightMode previous = mode;
            SwitchTo(FlightMode.Takeoff);
            CommandOutcome armed = Arm();
            if (armed != CommandOutcome.Accepted)
            {
                mode = previous;
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

        if (!navigator.Armed || navigator.LandState != LandState.Flying || !context.Health.HasOrigin
            || navigator.State is AutoState.Land or AutoState.Takeoff)
        {
            texts.Add(context.NowUs, StatusSeverity.Critical, "Reposition denied: not flying");
            return CommandOutcome.Denied;
        }

        Vector3 current = navigator.Setpoint.PositionNedM.IsFinite ? navigator.Setpoint.PositionNedM : context.State.PositionNedM;
        Vector3 targetNedM = RepositionGeodesy.TargetNedM(context.Health.Origin, current, navigator.HomeNedM, latitudeDeg, longitudeDeg, heightAboveHomeM);

        if (mode != FlightMode.Hold)
        {
            CommandOutcome held = SetMode(FlightMode.Hold);
            if (held != CommandOutcome.Accepted)
            {
                return held;
            }
        }

        if (!navigator.GoTo(targetNedM, speedMps))
        {
            return CommandOutcome.Denied;
        }

        texts.Add(context.NowUs, StatusSeverity.Info, "Reposition");
        return CommandOutcome.Accepted;
    }

    public CommandOutcome ReplaceMission(IReadOnlyList<MissionItem> items)
    {
        if (items is null)
        {
            return CommandOutcome.Failed;
        }

        string? problem = mission.Replace(items);
        if (problem is not null)
        {
            texts.Add(context.NowUs, StatusSeverity.Error, "Mission refused: " + problem);
            return CommandOutcome.Failed;
        }

        context.PendingMissionIndex = 0;
        if (mode == FlightMode.Mission && navigator.Armed)
        {
            navigator.HoldAt(context.BrakingPointNedM());
        }

        return CommandOutcome.Accepted;
    }

    public CommandOutcome StartMission(int firstItemIndex = 0)
    {
        if (mission.ItemCount == 0)
        {
            texts.Add(context.NowUs, StatusSeverity.Critical, "Mission denied: no mission");
            return CommandOutcome.Denied;
        }

        if ((uint)firstItemIndex >= (uint)mission.ItemCount)
        {
            return CommandOutcome.Failed;
        }

        context.PendingMissionIndex = firstItemIndex;
        if (!navigator.Armed)
        {
            SwitchTo(FlightMode.Mission);
            return CommandOutcome.Accepted;
        }

        missionTask.RequestStart(firstItemIndex);
        return EnterMode(FlightMode.Mission);
    }

    public CommandOutcome SetCurrentMissionItem(int index)
    {
        if ((uint)index >= (uint)mission.ItemCount)
        {
            return CommandOutcome.Failed;
        }

        context.PendingMissionIndex = index;
        if (mission.IsStarted)
        {
            mission.SetCurrent(index);
        }

        return CommandOutcome.Accepted;
    }

    /// <summary>The newest pilot sticks accepted (MANUAL_CONTROL or RC), clamped; default before the first.</summary>
    public ManualInput LastManualInput => context.Manual;

    public void SetManualInput(in ManualInput input)
    {
        if (!input.IsFinite)
        {
            return;
        }

        context.Manual = input with
        {
            Roll = Math.Clamp(input.Roll, -1, 1),
            Pitch = Math.Clamp(input.Pitch, -1, 1),
            Yaw = Math.Clamp(input.Yaw, -1, 1),
            Throttle = Math.Clamp(input.Throttle, 0, 1),
        };
        hasManual = true;
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

        context.Offboard = setpoint;
        hasOffboard = true;
        return CommandOutcome.Accepted;
    }

    /// <summary>
    /// One position-loop update: failsafes, the mode's flight task, the land detector, and the cascade's outer loops
    /// (the attitude/thrust setpoint the host's attitude and rate loops then follow). <paramref name="estimate"/> comes
    /// from the estimator, in its local frame.
    /// </summary>
    public void Update(long timeUs, double dtS, in MulticopterState estimate, in VehicleHealth vehicleHealth)
    {
        context.NowUs = timeUs;
        context.State = estimate;
        context.Health = vehicleHealth;

        if (navigator.Armed)
        {
            CheckFailsafes();
            tasks[(int)mode].Update(dtS);
        }

        navigator.Update(timeUs, dtS, context.State, cascade.ThrustAttitudeSetpoint.CollectiveThrust);
        ThrustLimit = navigator.ThrustLimit;
        if (wasArmed && !navigator.Armed)
        {
            // Let a landing item (or the return) see the touchdown before the mission pauses.
            if (mode == FlightMode.Mission)
            {
                mission.Update(timeUs, context.State);
            }

            OnDisarmed("Landed, disarmed");
            return;
        }

        if (!navigator.Armed)
        {
            return;
        }

        if (mode == FlightMode.Takeoff && navigator.State == AutoState.Hold)
        {
            texts.Add(timeUs, StatusSeverity.Info, "Takeoff complete");
            SwitchTo(FlightMode.Hold);
        }

        AutoDisarmWhenLanded();
        if (navigator.Armed)
        {
            tasks[(int)mode].Control(dtS);
            LimitThrust();
        }
    }

    /// <summary>Caps the collective (and scales the thrust vector) at <see cref="ThrustLimit"/> while touching down.</summary>
    private void LimitThrust()
    {
        double limit = ThrustLimit;
        ThrustAttitudeSetpoint sp = cascade.ThrustAttitudeSetpoint;
        if (sp.CollectiveThrust > limit)
        {
            double scale = sp.CollectiveThrust > 0 ? limit / sp.CollectiveThrust : 0;
            cascade.SetAttitudeSetpoint(sp with { CollectiveThrust = limit, ThrustNed = sp.ThrustNed * scale }, cascade.YawRateFeedForwardRadps);
        }
    }

    private void CheckFailsafes()
    {
        FailsafeDecision decision = failsafes.Evaluate(
            new FailsafeInputs(mode, ManualFresh(), OffboardFresh(), context.Health.HasOrigin, homeSet), context.Parameters);
        if (decision.IsNone)
        {
            return;
        }

        lastFailsafe = decision.Kind;
        texts.Add(context.NowUs, StatusSeverity.Critical, decision.Text);
        EnterMode(decision.Mode);
    }

    /// <summary>Auto-disarm COM_DISARM_LAND after a landing outside the Land logic (manual modes, Hold on the ground).</summary>
    private void AutoDisarmWhenLanded()
    {
        flownSinceArming |= navigator.LandState == LandState.Flying;
        bool landed = navigator.LandState == LandState.Landed && navigator.State != AutoState.Takeoff && navigator.State != AutoState.Land;
        bool idleThrottle = !IsManual(mode) || context.Manual.Throttle < 0.3;
        if (!landed || !idleThrottle || !flownSinceArming)
        {
            landedSinceUs = -1;
            return;
        }

        if (landedSinceUs < 0)
        {
            landedSinceUs = context.NowUs;
        }
        else if (context.NowUs - landedSinceUs >= LandedDisarmUs && navigator.Disarm())
        {
            OnDisarmed("Landed, disarmed");
        }
    }

    /// <summary>Leaves the current mode's task and activates the new one; the mode changes only when it accepts.</summary>
    private CommandOutcome EnterMode(FlightMode value)
    {
        if (value != mode)
        {
            tasks[(int)mode].Deactivate();
        }

        if (!tasks[(int)value].Activate())
        {
            return CommandOutcome.Denied;
        }

        SwitchTo(value);
        return CommandOutcome.Accepted;
    }

    private void SwitchTo(FlightMode value)
    {
        if (mode != value)
        {
            mode = value;
            texts.Add(context.NowUs, StatusSeverity.Info, ModeTexts[(int)value]);
        }
    }

    private void OnDisarmed(string text)
    {
        wasArmed = false;
        foreach (IFlightTask task in tasks)
        {
            task.Deactivate();
        }

        landedSinceUs = -1;
        texts.Add(context.NowUs, StatusSeverity.Info, text);
    }

    private bool ManualFresh() =>
        hasManual && context.NowUs - context.Manual.TimeUs <= (long)(context.Parameters.ManualLossTimeoutS * 1e6);

    private bool OffboardFresh() =>
        hasOffboard && context.NowUs - context.Offboard.TimeUs <= (long)(context.Parameters.OffboardLossTimeoutS * 1e6);

    private static bool IsManual(FlightMode m) => m is FlightMode.Stabilized or FlightMode.Altitude or FlightMode.Position;
}
