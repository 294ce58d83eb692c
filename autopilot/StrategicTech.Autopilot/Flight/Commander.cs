using StrategicTech.Autopilot.Control;
using StrategicTech.Autopilot.Control.Detection;
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
    private const double BrakeLockSpeedMps = 0.3;

    private static readonly string[] ModeTexts = [.. Enum.GetValues<FlightMode>().Select(m => $"Mode: {m}")];

    private readonly MulticopterCascade cascade;
    private readonly FlightModeManager navigator;
    private readonly MissionExecutor mission;
    private readonly ReturnSequence returnSequence;
    private readonly StatusTextLog texts = new();
    private readonly FailsafeMonitor failsafes = new();
    private FlightParameters parameters;
    private FlightMode mode = FlightMode.Hold;
    private MulticopterState state;
    private VehicleHealth health;
    private long nowUs;
    private bool homeSet;
    private GeodeticPosition homeGeodetic;
    private ArmingDenial lastDenial;
    private FailsafeKind lastFailsafe;
    private ManualInput manual;
    private bool hasManual;
    private OffboardSetpoint offboard;
    private bool hasOffboard;
    private double pendingTakeoffHeightM = double.NaN;
    private int pendingMissionIndex;
    private double yawSetpointRad;
    private bool horizontalLocked;
    private bool verticalLocked;
    private Vector3 lockNedM;
    private long landedSinceUs = -1;
    private bool wasArmed;
    private bool flownSinceArming;
    private long boundParameterVersion = -1;

    public Commander(FlightParameters parameters, MulticopterCascade cascade, LandDetectorParameters landDetector)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(cascade);
        this.parameters = parameters;
        this.cascade = cascade;
        navigator = new FlightModeManager(parameters, landDetector);
        mission = new MissionExecutor(navigator, texts);
        returnSequence = new ReturnSequence(navigator);
    }

    /// <summary>The autonomous setpoint generator beneath the modes (takeoff, hold, goto, land).</summary>
    public FlightModeManager Navigator => navigator;

    public MissionExecutor Mission => mission;

    public StatusTextLog StatusTexts => texts;

    public FlightParameters Parameters => parameters;

    public bool Armed => navigator.Armed;

    public FlightMode Mode => mode;

    /// <summary>Upper bound on the collective thrust (below 1 only while touching down in a landing).</summary>
    public double ThrustLimit { get; private set; } = 1.0;

    public VehicleStatus Status => new()
    {
        TimeUs = nowUs,
        Armed = navigator.Armed,
        Mode = mode,
        LandState = navigator.LandState switch
        {
            LandState.Landed => VehicleLandState.OnGround,
            LandState.Flying => VehicleLandState.InAir,
            _ => VehicleLandState.MaybeLanded,
        },
        HomeSet = homeSet,
        HomeGeodetic = homeGeodetic,
        HomeNedM = navigator.HomeNedM,
        MissionItemCount = mission.ItemCount,
        MissionCurrentIndex = mission.IsStarted ? mission.CurrentIndex : pendingMissionIndex,
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
        parameters = value;
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
        if (store.Version == boundParameterVersion)
        {
            return true;
        }

        boundParameterVersion = store.Version;
        try
        {
            FlightParameters flight = FlightParameterDefinitions.Bind(store);
            PositionControllerParameters position = MulticopterControlParameters.Position(store);
            VelocityControllerParameters velocity = MulticopterControlParameters.Velocity(store);
            ThrustAttitudeParameters thrust = MulticopterControlParameters.ThrustAttitude(store);
            AttitudeControllerParameters attitude = MulticopterControlParameters.Attitude(store);
            RateControllerParameters rate = MulticopterControlParameters.Rate(store);
            if (!position.Equals(cascade.Position.Parameters))
            {
                cascade.Position.Configure(position);
            }

            if (!velocity.Equals(cascade.Velocity.Parameters))
            {
                cascade.Velocity.Configure(velocity);
            }

            if (!thrust.Equals(cascade.ThrustAttitude.Parameters))
            {
                cascade.ThrustAttitude.Configure(thrust);
            }

            if (!attitude.Equals(cascade.Attitude.Parameters))
            {
                cascade.Attitude.Configure(attitude);
            }

            if (!rate.Equals(cascade.Rate.Parameters))
            {
                cascade.Rate.Configure(rate);
            }

            Configure(flight);
            return true;
        }
        catch (Exception e) when (e is ParameterException or ArgumentException)
        {
            texts.Add(nowUs, StatusSeverity.Error, "Parameters not applied: " + e.Message);
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
            ArmingDenial reason = ArmingChecks.Evaluate(health, state.AttitudeNed, parameters, mode, ManualFresh(), OffboardFresh(), mission.ItemCount);
            if (reason != ArmingDenial.None)
            {
                lastDenial = reason;
                texts.Add(nowUs, StatusSeverity.Critical, ArmingChecks.DenialText(reason));
                return CommandOutcome.Denied;
            }
        }

        if (!navigator.Arm(state))
        {
            return CommandOutcome.Failed;
        }

        lastDenial = ArmingDenial.None;
        cascade.Reset();
        homeSet = true;
        homeGeodetic = health.HasOrigin ? new LocalNedFrame(health.Origin).FromNed(navigator.HomeNedM) : default;
        landedSinceUs = -1;
        wasArmed = true;
        flownSinceArming = false;
        texts.Add(nowUs, StatusSeverity.Info, "Armed");
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
            texts.Add(nowUs, StatusSeverity.Critical, "Disarming denied: not landed");
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
            texts.Add(nowUs, StatusSeverity.Critical, "Offboard denied: no setpoint stream");
            return CommandOutcome.Denied;
        }

        if (IsManual(value) && !ManualFresh())
        {
            texts.Add(nowUs, StatusSeverity.Critical, "Manual mode denied: no manual input");
            return CommandOutcome.Denied;
        }

        if (value == FlightMode.Mission && mission.ItemCount == 0)
        {
            texts.Add(nowUs, StatusSeverity.Critical, "Mission denied: no mission");
            return CommandOutcome.Denied;
        }

        if (value == FlightMode.ReturnToLaunch && !homeSet)
        {
            texts.Add(nowUs, StatusSeverity.Critical, "Return denied: no home");
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
        double heightM = double.IsNaN(altitudeAboveHomeM) ? parameters.TakeoffAltitudeM : altitudeAboveHomeM;
        if (!double.IsFinite(heightM) || heightM <= 0 || heightM > 10_000)
        {
            return CommandOutcome.Failed;
        }

        pendingTakeoffHeightM = heightM;
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
        bool horizontal = double.IsFinite(latitudeDeg) && double.IsFinite(longitudeDeg);
        if ((!horizontal && !(double.IsNaN(latitudeDeg) && double.IsNaN(longitudeDeg)))
            || (horizontal && (Math.Abs(latitudeDeg) > 90 || Math.Abs(longitudeDeg) > 180))
            || double.IsInfinity(heightAboveHomeM) || Math.Abs(heightAboveHomeM) > 10_000 || double.IsInfinity(speedMps))
        {
            return CommandOutcome.Failed;
        }

        if (!navigator.Armed || navigator.LandState != LandState.Flying || !health.HasOrigin
            || navigator.State is AutoState.Land or AutoState.Takeoff)
        {
            texts.Add(nowUs, StatusSeverity.Critical, "Reposition denied: not flying");
            return CommandOutcome.Denied;
        }

        Vector3 current = navigator.Setpoint.PositionNedM.IsFinite ? navigator.Setpoint.PositionNedM : state.PositionNedM;
        Vector3 targetNedM = current;
        if (horizontal)
        {
            Vector3 ned = new LocalNedFrame(health.Origin).ToNed(GeodeticPosition.FromDegrees(latitudeDeg, longitudeDeg, health.Origin.HeightM));
            targetNedM = new Vector3(ned.X, ned.Y, targetNedM.Z);
        }

        if (double.IsFinite(heightAboveHomeM))
        {
            targetNedM = new Vector3(targetNedM.X, targetNedM.Y, navigator.HomeNedM.Z - heightAboveHomeM);
        }

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

        texts.Add(nowUs, StatusSeverity.Info, "Reposition");
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
            texts.Add(nowUs, StatusSeverity.Error, "Mission refused: " + problem);
            return CommandOutcome.Failed;
        }

        pendingMissionIndex = 0;
        if (mode == FlightMode.Mission && navigator.Armed)
        {
            navigator.HoldAt(BrakingPoint());
        }

        return CommandOutcome.Accepted;
    }

    public CommandOutcome StartMission(int firstItemIndex = 0)
    {
        if (mission.ItemCount == 0)
        {
            texts.Add(nowUs, StatusSeverity.Critical, "Mission denied: no mission");
            return CommandOutcome.Denied;
        }

        if ((uint)firstItemIndex >= (uint)mission.ItemCount)
        {
            return CommandOutcome.Failed;
        }

        pendingMissionIndex = firstItemIndex;
        if (!navigator.Armed)
        {
            SwitchTo(FlightMode.Mission);
            return CommandOutcome.Accepted;
        }

        mission.Start(health.Origin, firstItemIndex);
        return EnterMode(FlightMode.Mission, missionStarted: true);
    }

    public CommandOutcome SetCurrentMissionItem(int index)
    {
        if ((uint)index >= (uint)mission.ItemCount)
        {
            return CommandOutcome.Failed;
        }

        pendingMissionIndex = index;
        if (mission.IsStarted)
        {
            mission.SetCurrent(index);
        }

        return CommandOutcome.Accepted;
    }

    /// <summary>The newest pilot sticks accepted (MANUAL_CONTROL or RC), clamped; default before the first.</summary>
    public ManualInput LastManualInput => manual;

    public void SetManualInput(in ManualInput input)
    {
        if (!input.IsFinite)
        {
            return;
        }

        manual = input with
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

        offboard = setpoint;
        hasOffboard = true;
        return CommandOutcome.Accepted;
    }

    /// <summary>
    /// One position-loop update: failsafes, the mode's setpoint, the land detector, and the cascade's outer loops (the
    /// attitude/thrust setpoint the host's attitude and rate loops then follow). <paramref name="estimate"/> comes from
    /// the estimator, in its local frame.
    /// </summary>
    public void Update(long timeUs, double dtS, in MulticopterState estimate, in VehicleHealth vehicleHealth)
    {
        nowUs = timeUs;
        state = estimate;
        health = vehicleHealth;

        if (navigator.Armed)
        {
            CheckFailsafes();
            RunMode(dtS);
        }

        navigator.Update(timeUs, dtS, state, cascade.ThrustAttitudeSetpoint.CollectiveThrust);
        ThrustLimit = navigator.ThrustLimit;
        if (wasArmed && !navigator.Armed)
        {
            // Let a landing item (or the return) see the touchdown before the mission pauses.
            if (mode == FlightMode.Mission)
            {
                mission.Update(timeUs, state);
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
            RunCascade(dtS);
        }
    }

    private void RunMode(double dtS)
    {
        switch (mode)
        {
            case FlightMode.Mission:
                mission.Update(nowUs, state);
                break;
            case FlightMode.ReturnToLaunch:
                returnSequence.Update(state.PositionNedM);
                break;
            case FlightMode.Offboard:
                navigator.SetExternalSetpoint(OffboardTrajectory(dtS));
                break;
            case FlightMode.Position:
                navigator.SetExternalSetpoint(PositionTrajectory(dtS));
                break;
            case FlightMode.Altitude:
            case FlightMode.Stabilized:
                yawSetpointRad = Wrap(yawSetpointRad + (Deadzone(manual.Yaw) * parameters.ManualYawRateMaxRadps * dtS));
                break;
        }
    }

    private void RunCascade(double dtS)
    {
        switch (mode)
        {
            case FlightMode.Stabilized:
                Stabilized();
                break;
            case FlightMode.Altitude:
                Altitude(dtS);
                break;
            default:
                FollowTrajectory(navigator.Setpoint, dtS);
                break;
        }

        double limit = ThrustLimit;
        ThrustAttitudeSetpoint sp = cascade.ThrustAttitudeSetpoint;
        if (sp.CollectiveThrust > limit)
        {
            double scale = sp.CollectiveThrust > 0 ? limit / sp.CollectiveThrust : 0;
            cascade.SetAttitudeSetpoint(sp with { CollectiveThrust = limit, ThrustNed = sp.ThrustNed * scale }, cascade.YawRateFeedForwardRadps);
        }
    }

    /// <summary>Position where given, velocity (feed-forward only) on the axes whose position is NaN.</summary>
    private void FollowTrajectory(in MulticopterSetpoint sp, double dtS)
    {
        if (sp.PositionNedM.IsFinite)
        {
            cascade.UpdatePosition(sp, state, dtS);
            return;
        }

        PositionControllerParameters gains = cascade.Position.Parameters;
        Vector3 p = sp.PositionNedM;
        Vector3 ff = sp.VelocityFeedForwardNedMps.IsFinite ? sp.VelocityFeedForwardNedMps : Vector3.Zero;
        bool xy = double.IsFinite(p.X) && double.IsFinite(p.Y);
        var velocity = new Vector3(
            xy ? ((p.X - state.PositionNedM.X) * gains.HorizontalGainPerS) + ff.X : ff.X,
            xy ? ((p.Y - state.PositionNedM.Y) * gains.HorizontalGainPerS) + ff.Y : ff.Y,
            double.IsFinite(p.Z) ? ((p.Z - state.PositionNedM.Z) * gains.VerticalGainPerS) + ff.Z : ff.Z);
        velocity = VectorLimits.LimitHorizontal(velocity, gains.MaxHorizontalSpeedMps);
        velocity = VectorLimits.LimitVertical(velocity, gains.MaxUpSpeedMps, gains.MaxDownSpeedMps);
        cascade.UpdateVelocity(velocity, sp.AccelerationFeedForwardNedMps2, sp.YawRad, sp.YawRateRadps, state, dtS);
    }

    /// <summary>Sticks → roll/pitch angles and yaw rate; throttle → collective with hover at mid stick.</summary>
    private void Stabilized()
    {
        ThrustAttitudeParameters limits = cascade.ThrustAttitude.Parameters;
        double t = manual.Throttle;
        double collective = t < 0.5
            ? limits.MinThrust + ((limits.HoverThrust - limits.MinThrust) * (t / 0.5))
            : limits.HoverThrust + ((limits.MaxThrust - limits.HoverThrust) * ((t - 0.5) / 0.5));
        SetTiltAndThrust(collective);
    }

    /// <summary>Sticks tilt as in Stabilized; the vertical velocity loop holds altitude (throttle → climb rate).</summary>
    private void Altitude(double dtS)
    {
        double vz = VerticalVelocitySetpoint();
        Vector3 v = state.VelocityNedMps;
        cascade.UpdateVelocity(new Vector3(v.X, v.Y, vz), Vector3.Zero, yawSetpointRad, 0, state, dtS);
        double up = -cascade.ThrustAttitudeSetpoint.ThrustNed.Z;
        (double roll, double pitch) = StickTilt();
        double collective = up / Math.Max(0.5, Math.Cos(roll) * Math.Cos(pitch));
        SetTiltAndThrust(Math.Min(collective, cascade.ThrustAttitude.Parameters.MaxThrust));
    }

    private void SetTiltAndThrust(double collective)
    {
        (double roll, double pitch) = StickTilt();
        Quaternion q = Quaternion.FromEuler(roll, pitch, yawSetpointRad);
        Vector3 thrustNed = q.Rotate(new Vector3(0, 0, -collective));
        double yawRate = Deadzone(manual.Yaw) * parameters.ManualYawRateMaxRadps;
        cascade.SetAttitudeSetpoint(new ThrustAttitudeSetpoint(q, collective, thrustNed), yawRate);
    }

    private (double RollRad, double PitchRad) StickTilt() =>
        (manual.Roll * parameters.ManualTiltMaxRad, -manual.Pitch * parameters.ManualTiltMaxRad);

    /// <summary>Throttle stick → climb rate; centred → hold the altitude locked when the stick came back (NED down m/s).</summary>
    private double VerticalVelocitySetpoint()
    {
        double stick = Deadzone((manual.Throttle * 2) - 1);
        if (stick != 0)
        {
            verticalLocked = false;
            return stick > 0 ? -stick * parameters.MaxClimbSpeedMps : -stick * parameters.MaxDescentSpeedMps;
        }

        if (!verticalLocked)
        {
            verticalLocked = true;
            lockNedM = new Vector3(lockNedM.X, lockNedM.Y, state.PositionNedM.Z);
        }

        double vz = (lockNedM.Z - state.PositionNedM.Z) * cascade.Position.Parameters.VerticalGainPerS;
        return Math.Clamp(vz, -parameters.MaxClimbSpeedMps, parameters.MaxDescentSpeedMps);
    }

    /// <summary>Position mode: sticks → horizontal velocity in the heading frame, climb rate and yaw rate; centred → brake, then hold.</summary>
    private MulticopterSetpoint PositionTrajectory(double dtS)
    {
        double forward = Deadzone(manual.Pitch);
        double right = Deadzone(manual.Roll);
        double yawRate = Deadzone(manual.Yaw) * parameters.ManualYawRateMaxRadps;
        yawSetpointRad = Wrap(yawSetpointRad + (yawRate * dtS));
        double c = Math.Cos(yawSetpointRad), s = Math.Sin(yawSetpointRad);
        double speed = parameters.ManualSpeedMps;
        double north = double.NaN, east = double.NaN, vn = 0, ve = 0;
        if (forward != 0 || right != 0)
        {
            horizontalLocked = false;
            vn = ((forward * c) - (right * s)) * speed;
            ve = ((forward * s) + (right * c)) * speed;
        }
        else
        {
            if (!horizontalLocked && VectorLimits.HorizontalLength(state.VelocityNedMps) < BrakeLockSpeedMps)
            {
                horizontalLocked = true;
                lockNedM = new Vector3(state.PositionNedM.X, state.PositionNedM.Y, lockNedM.Z);
            }

            if (horizontalLocked)
            {
                north = lockNedM.X;
                east = lockNedM.Y;
            }
        }

        double throttle = Deadzone((manual.Throttle * 2) - 1);
        double down = double.NaN, vd = 0;
        if (throttle != 0)
        {
            verticalLocked = false;
            vd = throttle > 0 ? -throttle * parameters.MaxClimbSpeedMps : -throttle * parameters.MaxDescentSpeedMps;
        }
        else
        {
            if (!verticalLocked)
            {
                verticalLocked = true;
                lockNedM = new Vector3(lockNedM.X, lockNedM.Y, state.PositionNedM.Z);
            }

            down = lockNedM.Z;
        }

        return new MulticopterSetpoint(new Vector3(north, east, down), new Vector3(vn, ve, vd), default, yawSetpointRad, yawRate);
    }

    private MulticopterSetpoint OffboardTrajectory(double dtS)
    {
        OffboardSetpoint o = offboard;
        if (o.UsesYaw && double.IsFinite(o.YawRad))
        {
            yawSetpointRad = o.YawRad;
        }

        double yawRate = o.UsesYawRate && double.IsFinite(o.YawRateRadps) ? o.YawRateRadps : 0;
        yawSetpointRad = Wrap(yawSetpointRad + (yawRate * dtS));
        Vector3 nan = new(double.NaN, double.NaN, double.NaN);
        return new MulticopterSetpoint(
            o.UsesPosition ? o.PositionNedM : nan,
            o.UsesVelocity ? o.VelocityNedMps : Vector3.Zero,
            default,
            yawSetpointRad,
            yawRate);
    }

    private void CheckFailsafes()
    {
        FailsafeDecision decision = failsafes.Evaluate(new FailsafeInputs(mode, ManualFresh(), OffboardFresh(), health.HasOrigin, homeSet), parameters);
        if (decision.IsNone)
        {
            return;
        }

        lastFailsafe = decision.Kind;
        texts.Add(nowUs, StatusSeverity.Critical, decision.Text);
        EnterMode(decision.Mode);
    }

    /// <summary>Auto-disarm COM_DISARM_LAND after a landing outside the Land logic (manual modes, Hold on the ground).</summary>
    private void AutoDisarmWhenLanded()
    {
        flownSinceArming |= navigator.LandState == LandState.Flying;
        bool landed = navigator.LandState == LandState.Landed && navigator.State != AutoState.Takeoff && navigator.State != AutoState.Land;
        bool idleThrottle = !IsManual(mode) || manual.Throttle < 0.3;
        if (!landed || !idleThrottle || !flownSinceArming)
        {
            landedSinceUs = -1;
            return;
        }

        if (landedSinceUs < 0)
        {
            landedSinceUs = nowUs;
        }
        else if (nowUs - landedSinceUs >= LandedDisarmUs && navigator.Disarm())
        {
            OnDisarmed("Landed, disarmed");
        }
    }

    private CommandOutcome EnterMode(FlightMode value, bool missionStarted = false)
    {
        if (mode == FlightMode.Mission && value != FlightMode.Mission)
        {
            mission.Pause();
        }

        if (value != FlightMode.ReturnToLaunch)
        {
            returnSequence.Stop();
        }

        switch (value)
        {
            case FlightMode.Hold:
                navigator.HoldAt(BrakingPoint());
                break;
            case FlightMode.Takeoff:
            {
                double heightM = double.IsFinite(pendingTakeoffHeightM) ? pendingTakeoffHeightM : parameters.TakeoffAltitudeM;
                pendingTakeoffHeightM = double.NaN;
                if (navigator.State == AutoState.External)
                {
                    navigator.HoldAt(state.PositionNedM);
                }

                if (!navigator.Takeoff(heightM))
                {
                    return CommandOutcome.Denied;
                }

                texts.Add(nowUs, StatusSeverity.Info, "Takeoff");
                break;
            }

            case FlightMode.Land:
                if (!navigator.Land())
                {
                    return CommandOutcome.Denied;
                }

                break;
            case FlightMode.ReturnToLaunch:
                if (navigator.State == AutoState.External)
                {
                    navigator.HoldAt(state.PositionNedM);
                }

                if (!returnSequence.Start(state.PositionNedM))
                {
                    return CommandOutcome.Denied;
                }

                break;
            case FlightMode.Mission:
                if (navigator.State == AutoState.External)
                {
                    navigator.HoldAt(state.PositionNedM);
                }

                if (!missionStarted)
                {
                    if (mission.IsStarted && !mission.IsFinished)
                    {
                        mission.Resume();
                    }
                    else
                    {
                        mission.Start(health.Origin, mission.IsFinished ? 0 : pendingMissionIndex);
                    }
                }

                break;
            default:
                // Manual and offboard: the setpoint comes from here; start from where the vehicle is.
                navigator.EnterExternal();
                yawSetpointRad = state.AttitudeNed.ToEuler().Z;
                lockNedM = state.PositionNedM;
                horizontalLocked = false;
                verticalLocked = false;
                break;
        }

        SwitchTo(value);
        return CommandOutcome.Accepted;
    }

    private void SwitchTo(FlightMode value)
    {
        if (mode != value)
        {
            mode = value;
            texts.Add(nowUs, StatusSeverity.Info, ModeTexts[(int)value]);
        }
    }

    private void OnDisarmed(string text)
    {
        wasArmed = false;
        mission.Pause();
        returnSequence.Stop();
        landedSinceUs = -1;
        texts.Add(nowUs, StatusSeverity.Info, text);
    }

    /// <summary>Where the vehicle stops when braking at MPC_ACC_HOR from its current velocity.</summary>
    private Vector3 BrakingPoint()
    {
        Vector3 v = state.VelocityNedMps;
        double speed = VectorLimits.HorizontalLength(v);
        double distance = speed * speed / (2 * parameters.BrakeAccelerationMps2);
        Vector3 p = state.PositionNedM;
        return speed > 0.1 ? new Vector3(p.X + (v.X / speed * distance), p.Y + (v.Y / speed * distance), p.Z) : p;
    }

    private bool ManualFresh() => hasManual && nowUs - manual.TimeUs <= (long)(parameters.ManualLossTimeoutS * 1e6);

    private bool OffboardFresh() => hasOffboard && nowUs - offboard.TimeUs <= (long)(parameters.OffboardLossTimeoutS * 1e6);

    private static bool IsManual(FlightMode m) => m is FlightMode.Stabilized or FlightMode.Altitude or FlightMode.Position;

    private double Deadzone(double stick)
    {
        double dz = parameters.StickDeadzone;
        double a = Math.Abs(stick);
        return a <= dz ? 0 : Math.Sign(stick) * (a - dz) / (1 - dz);
    }

    private static double Wrap(double angleRad) => Math.IEEERemainder(angleRad, 2 * Math.PI);
}
