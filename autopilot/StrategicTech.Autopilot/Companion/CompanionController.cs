using System.Globalization;
using StrategicTech.Drivers.Mavlink;
using StrategicTech.Drivers.Mavlink.Dialects.Common;
using StrategicTech.Drivers.Mavlink.Dialects.Minimal;
using StrategicTech.Drivers.Mavlink.Microservices;
using StrategicTech.Drivers.Mavlink.Microservices.Command.Client;
using StrategicTech.Drivers.Mavlink.Microservices.Heartbeat.Server;
using StrategicTech.Navigation.Geodesy;
using StrategicTech.Navigation.Numerics;
using StrategicTech.Navigation.Time;

namespace StrategicTech.Autopilot.Companion;

/// <summary>
/// A companion computer driving an external PX4 or ArduPilot flight controller over MAVLink, as MAVSDK's offboard
/// plugin or MAVROS do. It sends its own HEARTBEAT (MAV_TYPE_ONBOARD_CONTROLLER), tells the firmware from the FC's
/// HEARTBEAT, waits for position and home, plans its route from home, then runs the handshakes (COMMAND_ACK judged,
/// retransmitted by the command client, repeated on TEMPORARILY_REJECTED or when the HEARTBEAT does not confirm):
/// PX4 streams setpoints first, switches to OFFBOARD, arms and climbs by streamed setpoints; ArduCopter switches to
/// GUIDED, arms and takes off by MAV_CMD_NAV_TAKEOFF. The route is then streamed as SET_POSITION_TARGET_LOCAL_NED
/// (position with velocity feed-forward) every tick, and the landing commanded. Its own failsafe stops streaming and
/// hands the vehicle to the FC's hold when the link is lost, the position goes stale, its own stream degrades, the FC
/// leaves OFFBOARD/GUIDED or disarms; after a link loss it takes over again and rejoins the route when the FC is
/// heard again. Every state change is a <see cref="CompanionTransition"/>.
/// <para>
/// Time comes from the node's injected clock; <see cref="Tick"/> is called at <see cref="CompanionOptions.RateHz"/>
/// and, while streaming, allocates nothing (handshakes and transitions allocate, once each). Frames go out through
/// the sink given (a queue to a transport thread in the CLI) and come in through <see cref="Receive"/>.
/// </para>
/// </summary>
public sealed class CompanionController : IMavlinkService
{
    private const PositionTargetTypemask IgnoreAcceleration = PositionTargetTypemask.AxIgnore | PositionTargetTypemask.AyIgnore | PositionTargetTypemask.AzIgnore;
    private const PositionTargetTypemask IgnoreVelocity = PositionTargetTypemask.VxIgnore | PositionTargetTypemask.VyIgnore | PositionTargetTypemask.VzIgnore;

    private readonly CompanionOptions _options;
    private readonly Func<HomeReference, CompanionRoute>? _planRoute;
    private readonly CommandClient _commands;
    private readonly HeartbeatPublisher _heartbeat;
    private readonly List<CompanionTransition> _transitions = [];
    private readonly Handshake _handshake;

    // The flight controller as last heard.
    private bool _fcKnown;
    private byte _fcSystem;
    private byte _fcComponent;
    private MavType _fcType;
    private MavAutopilot _detectedAutopilot;
    private long _lastFrameUs;
    private long _lastHeartbeatUs;
    private uint _customMode;
    private bool _armed;
    private bool _positionKnown;
    private long _positionUs;
    private Vector3 _localNedM;
    private bool _homeKnown;
    private HomeReference _home;
    private double _yawRad = double.NaN;
    private MavLandedState _landedState;
    private bool _prearmReported;
    private bool _prearmHealthy;
    private string _lastFcText = string.Empty;

    // What the companion does.
    private FlightControllerProfile? _profile;
    private CompanionRoute? _route;
    private RouteFollower? _follower;
    private RouteFollower? _climb;
    private Vector3 _holdNedM;
    private double _holdYawRad;
    private long _stateSinceUs;
    private long _lastSetpointUs = long.MinValue;
    private long _sendFailuresSeen;
    private bool _streaming;
    private bool _airborne;
    private CompanionState _resumeState;

    public CompanionController(IMavlinkFrameSink sink, IClock clock, CompanionOptions? options = null, Func<HomeReference, CompanionRoute>? planRoute = null)
    {
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(clock);
        _options = options ?? new CompanionOptions();
        _planRoute = planRoute;
        Node = new MavlinkNode(_options.SystemId, _options.ComponentId, sink, clock);
        _heartbeat = Node.Add(new HeartbeatPublisher(Node, MavType.OnboardController, MavAutopilot.Invalid) { SystemStatus = MavState.Active });
        _commands = Node.Add(new CommandClient(Node, _options.CommandTimeoutUs, _options.CommandRetries));
        Node.Add(this);
        _handshake = new Handshake(this);
        _stateSinceUs = clock.TimeUs;
    }

    public MavlinkNode Node { get; }

    public CompanionOptions Options => _options;

    public CompanionState State { get; private set; } = CompanionState.WaitingForFlightController;

    /// <summary>Why the failsafe acted last (None until it does).</summary>
    public CompanionFailsafeReason LastFailsafe { get; private set; }

    /// <summary>The firmware detected from the FC's HEARTBEAT.</summary>
    public FlightControllerKind FlightController => _profile?.Kind ?? FlightControllerKind.Unknown;

    /// <summary>Every state change so far, in order.</summary>
    public IReadOnlyList<CompanionTransition> Transitions => _transitions;

    /// <summary>Called on each state change (on the tick's thread).</summary>
    public event Action<CompanionTransition>? Transitioned;

    /// <summary>The FC's STATUSTEXTs, as they come (on the receiving thread).</summary>
    public event Action<string>? FlightControllerText;

    /// <summary>The route being flown (null until planned).</summary>
    public CompanionRoute? Route => _route;

    /// <summary>Fraction of the route flown, 0..1.</summary>
    public double RouteProgress => _follower?.Progress ?? 0;

    /// <summary>Distance of the route still to fly (m).</summary>
    public double RouteRemainingM => _follower?.RemainingM ?? 0;

    /// <summary>The FC's position in home-relative NED (m), as its LOCAL_POSITION_NED says.</summary>
    public Vector3 PositionNedM => _localNedM - _home.LocalNedM;

    public HomeReference Home => _home;

    public bool Armed => _armed;

    /// <summary>Setpoints sent so far.</summary>
    public long SetpointsSent { get; private set; }

    /// <summary>Longest gap between two consecutive setpoints of one stream (µs).</summary>
    public long MaxSetpointGapUs { get; private set; }

    /// <summary>True once <see cref="State"/> is Completed or Failed.</summary>
    public bool Finished => State is CompanionState.Completed or CompanionState.Failed;

    /// <summary>Received bytes (any chunking): parsed and dispatched at once.</summary>
    public void Receive(ReadOnlySpan<byte> bytes) => Node.Receive(bytes);

    /// <summary>One period: the command client's retries, our heartbeat, the state machine and the setpoint.</summary>
    public void Tick() => Node.Tick();

    public void OnFrame(MavlinkFrame frame, long nowUs)
    {
        uint id = frame.MessageId;
        if (id == Drivers.Mavlink.Dialects.Minimal.Heartbeat.MsgId)
        {
            Drivers.Mavlink.Dialects.Minimal.Heartbeat h = Drivers.Mavlink.Dialects.Minimal.Heartbeat.Decode(frame.Payload);
            if (!_fcKnown && FlightControllerKinds.IsFlightController(h.Type, h.Autopilot))
            {
                _fcKnown = true;
                _fcSystem = frame.SystemId;
                _fcComponent = frame.ComponentId;
                _fcType = h.Type;
                _profile = FlightControllerProfile.For(FlightControllerKinds.Detect(h.Autopilot), h.Type);
                _detectedAutopilot = h.Autopilot;
            }

            if (_fcKnown && frame.SystemId == _fcSystem && frame.ComponentId == _fcComponent)
            {
                _lastHeartbeatUs = nowUs;
                _lastFrameUs = nowUs;
                _customMode = h.CustomMode;
                _armed = (h.BaseMode & MavModeFlag.SafetyArmed) != 0;
            }

            return;
        }

        if (!_fcKnown || frame.SystemId != _fcSystem)
        {
            return;
        }

        _lastFrameUs = nowUs;
        if (id == LocalPositionNed.MsgId)
        {
            LocalPositionNed p = LocalPositionNed.Decode(frame.Payload);
            _localNedM = new Vector3(p.X, p.Y, p.Z);
            _positionUs = nowUs;
            _positionKnown = true;
        }
        else if (id == HomePosition.MsgId)
        {
            // Frozen once the route is planned: its points are relative to the home it was planned from.
            if (_route is not null)
            {
                return;
            }

            HomePosition h = HomePosition.Decode(frame.Payload);
            _home = new HomeReference(GeodeticPosition.FromDegrees(h.Latitude / 1e7, h.Longitude / 1e7, h.Altitude / 1000.0), new Vector3(h.X, h.Y, h.Z));
            _homeKnown = true;
        }
        else if (id == Attitude.MsgId)
        {
            _yawRad = Attitude.Decode(frame.Payload).Yaw;
        }
        else if (id == SysStatus.MsgId)
        {
            SysStatus status = SysStatus.Decode(frame.Payload);
            _prearmReported = (status.OnboardControlSensorsPresent & MavSysStatusSensor.MavSysStatusPrearmCheck) != 0;
            _prearmHealthy = (status.OnboardControlSensorsHealth & MavSysStatusSensor.MavSysStatusPrearmCheck) != 0;
        }
        else if (id == ExtendedSysState.MsgId)
        {
            _landedState = ExtendedSysState.Decode(frame.Payload).LandedState;
        }
        else if (id == Statustext.MsgId)
        {
            // Rare: kept (and allocated) so a refused handshake can quote the FC's reason.
            Statustext text = Statustext.Decode(frame.Payload);
            _lastFcText = MavlinkText.ToString(text.Text);
            FlightControllerText?.Invoke(_lastFcText);
        }
    }

    public void Tick(long nowUs)
    {
        if (CheckFailsafes(nowUs))
        {
            return;
        }

        switch (State)
        {
            case CompanionState.WaitingForFlightController:
                if (_fcKnown)
                {
                    if (_profile is null)
                    {
                        Enter(nowUs, CompanionState.Failed, CompanionFailsafeReason.None, string.Create(CultureInfo.InvariantCulture,
                            $"system {_fcSystem} is {_detectedAutopilot} {_fcType}: the companion drives PX4 and ArduCopter multirotors"));
                    }
                    else
                    {
                        Enter(nowUs, CompanionState.WaitingForPosition, CompanionFailsafeReason.None, string.Create(CultureInfo.InvariantCulture,
                            $"flight controller {_profile.Kind} ({_fcType}) at system {_fcSystem} component {_fcComponent}, mode {_profile.ModeName(_customMode)}"));
                    }
                }

                break;
            case CompanionState.WaitingForPosition:
                WaitForPosition(nowUs);
                break;
            case CompanionState.PreStreaming:
                StreamHold(nowUs);
                if (nowUs - _stateSinceUs >= _options.PreStreamUs)
                {
                    StartModeSwitch(nowUs);
                }

                break;
            case CompanionState.SwitchingMode:
                if (_profile!.StreamsBeforeModeSwitch)
                {
                    StreamHold(nowUs);
                }

                if (Advance(nowUs, _handshake.Step(nowUs)))
                {
                    AfterModeSwitch(nowUs);
                }

                break;
            case CompanionState.Arming:
                if (_profile!.StreamsBeforeModeSwitch)
                {
                    StreamHold(nowUs);
                }

                if (Advance(nowUs, _handshake.Step(nowUs)))
                {
                    StartTakeoff(nowUs);
                }

                break;
            case CompanionState.TakingOff:
                TakeOff(nowUs);
                break;
            case CompanionState.FlyingRoute:
                FlyRoute(nowUs);
                break;
            case CompanionState.Landing:
                Land(nowUs);
                break;
            case CompanionState.Failsafe:
                TryResume(nowUs);
                break;
        }
    }

    private void WaitForPosition(long nowUs)
    {
        // PX4 and ArduPilot report their pre-arm checks in SYS_STATUS; arming before they pass is refused.
        if (!PositionFresh(nowUs) || !_homeKnown || (!_armed && _prearmReported && !_prearmHealthy))
        {
            return;
        }

        _airborne = _armed && _landedState == MavLandedState.InAir;
        if (_route is null)
        {
            try
            {
                _route = _planRoute?.Invoke(_home) ?? new CompanionRoute([new Vector3(0, 0, -_options.TakeoffHeightM)], _options.LandAtEnd, "takeoff and land");
            }
            catch (CompanionPlanException e)
            {
                Enter(nowUs, CompanionState.Failed, CompanionFailsafeReason.None, "route not planned: " + e.Message);
                return;
            }

            _follower = new RouteFollower(_route.PointsNedM, _options.CruiseSpeedMps, _options.CornerSpeedMps, _options.DecelerationMps2, _options.MaxLeadM);
        }

        SetHoldHere();
        _resumeState = _airborne ? CompanionState.FlyingRoute : CompanionState.TakingOff;
        string where = string.Create(CultureInfo.InvariantCulture,
            $"home {_home.Geodetic.LatitudeDeg:F7},{_home.Geodetic.LongitudeDeg:F7},{_home.Geodetic.HeightM:F1} m; {(_airborne ? "in the air" : "on the ground")}; route {_route.Description}, {_follower!.TotalLengthM:F0} m");
        if (_profile!.StreamsBeforeModeSwitch)
        {
            Enter(nowUs, CompanionState.PreStreaming, CompanionFailsafeReason.None, where);
        }
        else
        {
            Enter(nowUs, CompanionState.SwitchingMode, CompanionFailsafeReason.None, where);
            _handshake.Start(nowUs, _profile.GuidedModeCommand(_fcSystem, _fcComponent), HandshakeConfirm.Guided);
        }
    }

    private void StartModeSwitch(long nowUs)
    {
        Enter(nowUs, CompanionState.SwitchingMode, CompanionFailsafeReason.None,
            string.Create(CultureInfo.InvariantCulture, $"{SetpointsSent} setpoints streamed; asking for {_profile!.ModeName(_profile.GuidedCustomMode)}"));
        _handshake.Start(nowUs, _profile.GuidedModeCommand(_fcSystem, _fcComponent), HandshakeConfirm.Guided);
    }

    private void AfterModeSwitch(long nowUs)
    {
        if (_armed)
        {
            // Already flying (the companion took over in the air, or resumes after a failsafe).
            if (_resumeState == CompanionState.FlyingRoute)
            {
                _follower!.Rejoin(PositionNedM);
                Enter(nowUs, CompanionState.FlyingRoute, CompanionFailsafeReason.None,
                    string.Create(CultureInfo.InvariantCulture, $"in {_profile!.ModeName(_customMode)}: flying the route from {PositionNedM.X:F1} m N, {PositionNedM.Y:F1} m E"));
            }
            else
            {
                StartTakeoff(nowUs);
            }

            return;
        }

        Enter(nowUs, CompanionState.Arming, CompanionFailsafeReason.None, "in " + _profile!.ModeName(_customMode) + ": arming");
        _handshake.Start(nowUs, FlightControllerProfile.ArmCommand(_fcSystem, _fcComponent, true), HandshakeConfirm.Armed);
    }

    private void StartTakeoff(long nowUs)
    {
        Vector3 here = PositionNedM;
        var top = new Vector3(here.X, here.Y, -_options.TakeoffHeightM);
        _climb = new RouteFollower([here, top], _options.ClimbSpeedMps, 0, _options.DecelerationMps2, _options.MaxLeadM);
        Enter(nowUs, CompanionState.TakingOff, CompanionFailsafeReason.None,
            string.Create(CultureInfo.InvariantCulture, $"armed; climbing to {_options.TakeoffHeightM:F1} m above home"));
        if (_profile!.TakesOffByCommand)
        {
            _handshake.Start(nowUs, _profile.TakeoffCommand(_fcSystem, _fcComponent, _options.TakeoffHeightM, _home.Geodetic.HeightM), HandshakeConfirm.None);
        }
    }

    private void TakeOff(long nowUs)
    {
        Vector3 here = PositionNedM;
        if (_profile!.TakesOffByCommand)
        {
            HandshakeResult result = _handshake.Step(nowUs);
            if (result == HandshakeResult.Failed)
            {
                Enter(nowUs, CompanionState.Failed, CompanionFailsafeReason.None, _handshake.Problem);
                return;
            }
        }
        else
        {
            _climb!.Step(1.0 / _options.RateHz, here);
            Stream(nowUs, _climb.CarrotNedM, _climb.VelocityNedMps, true);
        }

        if (Math.Abs(here.Z + _options.TakeoffHeightM) <= _options.AcceptanceRadiusM && (_climb!.CarrotAtEnd || _profile.TakesOffByCommand))
        {
            Enter(nowUs, CompanionState.FlyingRoute, CompanionFailsafeReason.None,
                string.Create(CultureInfo.InvariantCulture, $"at {-here.Z:F1} m: flying the route ({_follower!.PointCount - 1} legs, {_follower.TotalLengthM:F0} m)"));
            _follower.Rejoin(here);
        }
    }

    private void FlyRoute(long nowUs)
    {
        RouteFollower follower = _follower!;
        Vector3 here = PositionNedM;
        follower.Step(1.0 / _options.RateHz, here);
        Stream(nowUs, follower.CarrotNedM, follower.VelocityNedMps, true);
        if (follower.CarrotAtEnd && (here - follower.EndNedM).Length <= _options.AcceptanceRadiusM)
        {
            if (_route!.LandAtEnd)
            {
                Enter(nowUs, CompanionState.Landing, CompanionFailsafeReason.None,
                    string.Create(CultureInfo.InvariantCulture, $"route flown ({follower.TotalLengthM:F0} m); landing"));
                _handshake.Start(nowUs, _profile!.LandCommand(_fcSystem, _fcComponent), HandshakeConfirm.None);
            }
            else
            {
                Enter(nowUs, CompanionState.Completed, CompanionFailsafeReason.None, "route flown; hovering at its end (no landing asked)");
            }
        }
    }

    private void Land(long nowUs)
    {
        HandshakeResult result = _handshake.Step(nowUs);
        if (result == HandshakeResult.Failed)
        {
            Enter(nowUs, CompanionState.Failed, CompanionFailsafeReason.None, _handshake.Problem);
            return;
        }

        if (result == HandshakeResult.Pending && _profile!.StreamsBeforeModeSwitch && _profile.IsGuided(_customMode))
        {
            // Until PX4 has left OFFBOARD for LAND, keep it fed.
            StreamHold(nowUs);
        }
        else
        {
            _streaming = false;
        }

        if (result == HandshakeResult.Done && !_armed)
        {
            Enter(nowUs, CompanionState.Completed, CompanionFailsafeReason.None, "landed and disarmed");
        }
    }

    private void TryResume(long nowUs)
    {
        if (LastFailsafe != CompanionFailsafeReason.LinkLost || !_options.ResumeAfterLinkLoss)
        {
            return;
        }

        if (nowUs - _lastHeartbeatUs > _options.HeartbeatTimeoutUs || !PositionFresh(nowUs))
        {
            return;
        }

        if (!_armed)
        {
            Enter(nowUs, CompanionState.Failed, CompanionFailsafeReason.None, "link back, but the vehicle disarmed meanwhile: not resuming");
            return;
        }

        SetHoldHere();
        _resumeState = CompanionState.FlyingRoute;
        string text = string.Create(CultureInfo.InvariantCulture,
            $"link back: the FC is in {_profile!.ModeName(_customMode)} at {PositionNedM.X:F1} m N, {PositionNedM.Y:F1} m E, {-PositionNedM.Z:F1} m up; taking over again");
        if (_profile.StreamsBeforeModeSwitch)
        {
            Enter(nowUs, CompanionState.PreStreaming, CompanionFailsafeReason.None, text);
        }
        else
        {
            Enter(nowUs, CompanionState.SwitchingMode, CompanionFailsafeReason.None, text);
            _handshake.Start(nowUs, _profile.GuidedModeCommand(_fcSystem, _fcComponent), HandshakeConfirm.Guided);
        }
    }

    /// <summary>The companion's own failsafe; true when it acted this tick.</summary>
    private bool CheckFailsafes(long nowUs)
    {
        CompanionState s = State;
        if (s is CompanionState.WaitingForFlightController or CompanionState.Completed or CompanionState.Failed or CompanionState.Failsafe)
        {
            return false;
        }

        // Silence on every stream is a lost link; a missing heartbeat alone, after its own (longer) timeout.
        long silenceUs = nowUs - _lastFrameUs;
        bool linkLost = silenceUs > _options.LinkTimeoutUs || nowUs - _lastHeartbeatUs > _options.HeartbeatTimeoutUs;
        if (s == CompanionState.WaitingForPosition)
        {
            if (nowUs - _lastHeartbeatUs > _options.HeartbeatTimeoutUs)
            {
                Enter(nowUs, CompanionState.WaitingForFlightController, CompanionFailsafeReason.None, "flight controller heartbeat lost before the takeoff");
                _fcKnown = false;
            }

            return false;
        }

        if (linkLost)
        {
            _streaming = false;
            Enter(nowUs, CompanionState.Failsafe, CompanionFailsafeReason.LinkLost, string.Create(CultureInfo.InvariantCulture,
                $"link lost: nothing from the FC for {(nowUs - _lastFrameUs) / 1000} ms (heartbeat {(nowUs - _lastHeartbeatUs) / 1000} ms ago); setpoints stopped, the FC's own offboard-loss failsafe holds"));
            return true;
        }

        if (s == CompanionState.Landing)
        {
            return false;
        }

        // A stale position while nothing else arrives either is the link going: wait for the link timeout to say so.
        if (!PositionFresh(nowUs) && silenceUs <= _options.LinkTimeoutUs / 4)
        {
            return ActFailsafe(nowUs, CompanionFailsafeReason.PositionStale, string.Create(CultureInfo.InvariantCulture,
                $"position stale: no LOCAL_POSITION_NED for {(nowUs - _positionUs) / 1000} ms"));
        }

        if (_streaming && _lastSetpointUs != long.MinValue && nowUs - _lastSetpointUs > _options.StreamTimeoutUs)
        {
            return ActFailsafe(nowUs, CompanionFailsafeReason.StreamDegraded, string.Create(CultureInfo.InvariantCulture,
                $"setpoint stream degraded: {(nowUs - _lastSetpointUs) / 1000} ms since the last setpoint (limit {_options.StreamTimeoutUs / 1000} ms)"));
        }

        if (_streaming && Node.SendFailures > _sendFailuresSeen)
        {
            return ActFailsafe(nowUs, CompanionFailsafeReason.StreamDegraded, string.Create(CultureInfo.InvariantCulture,
                $"setpoint stream degraded: {Node.SendFailures - _sendFailuresSeen} frames refused by the link"));
        }

        bool guidedConfirmed = s is CompanionState.Arming or CompanionState.TakingOff or CompanionState.FlyingRoute;
        if (guidedConfirmed && !_profile!.IsGuided(_customMode))
        {
            _streaming = false;
            return Enter(nowUs, CompanionState.Failsafe, CompanionFailsafeReason.LeftGuidedMode,
                "the FC left " + _profile.ModeName(_profile.GuidedCustomMode) + " for " + _profile.ModeName(_customMode) + ": setpoints stopped, the FC keeps control");
        }

        if (s is CompanionState.TakingOff or CompanionState.FlyingRoute && !_armed)
        {
            _streaming = false;
            return Enter(nowUs, CompanionState.Failsafe, CompanionFailsafeReason.Disarmed, "the FC disarmed before the route was flown: setpoints stopped");
        }

        return false;
    }

    /// <summary>Stops streaming and asks the FC for its own position hold.</summary>
    private bool ActFailsafe(long nowUs, CompanionFailsafeReason reason, string text)
    {
        _streaming = false;
        Enter(nowUs, CompanionState.Failsafe, reason, text + "; setpoints stopped, FC asked to hold (" + _profile!.ModeName(_profile.HoldCustomMode) + ")");
        _ = _commands.SendAsync(_profile.HoldModeCommand(_fcSystem, _fcComponent));
        return true;
    }

    private bool PositionFresh(long nowUs) => _positionKnown && nowUs - _positionUs <= _options.PositionTimeoutUs;

    private void SetHoldHere()
    {
        _holdNedM = PositionNedM;
        _holdYawRad = double.IsFinite(_yawRad) ? _yawRad : double.NaN;
    }

    private void StreamHold(long nowUs) => Stream(nowUs, _holdNedM, Vector3.Zero, false);

    private void Stream(long nowUs, Vector3 homeNedM, Vector3 velocityNedMps, bool withVelocity)
    {
        Vector3 local = homeNedM + _home.LocalNedM;
        PositionTargetTypemask mask = IgnoreAcceleration | PositionTargetTypemask.YawRateIgnore | (withVelocity ? 0 : IgnoreVelocity);
        if (!double.IsFinite(_holdYawRad))
        {
            mask |= PositionTargetTypemask.YawIgnore;
        }

        var setpoint = new SetPositionTargetLocalNed
        {
            TimeBootMs = (uint)(nowUs / 1000),
            TargetSystem = _fcSystem,
            TargetComponent = _fcComponent,
            CoordinateFrame = MavFrame.LocalNed,
            TypeMask = mask,
            X = (float)local.X,
            Y = (float)local.Y,
            Z = (float)local.Z,
            Vx = (float)velocityNedMps.X,
            Vy = (float)velocityNedMps.Y,
            Vz = (float)velocityNedMps.Z,
            Yaw = double.IsFinite(_holdYawRad) ? (float)_holdYawRad : 0,
        };
        if (_streaming && _lastSetpointUs != long.MinValue)
        {
            MaxSetpointGapUs = Math.Max(MaxSetpointGapUs, nowUs - _lastSetpointUs);
        }

        _sendFailuresSeen = Node.SendFailures;
        Node.Send(setpoint);
        _streaming = true;
        _lastSetpointUs = nowUs;
        SetpointsSent++;
    }

    /// <summary>True when the handshake is done; a failed one ends the companion's run.</summary>
    private bool Advance(long nowUs, HandshakeResult result)
    {
        if (result == HandshakeResult.Failed)
        {
            _streaming = false;
            Enter(nowUs, CompanionState.Failed, CompanionFailsafeReason.None, _handshake.Problem);
        }

        return result == HandshakeResult.Done;
    }

    private bool Enter(long nowUs, CompanionState next, CompanionFailsafeReason failsafe, string reason)
    {
        var transition = new CompanionTransition(nowUs, State, next, failsafe, reason);
        State = next;
        _stateSinceUs = nowUs;
        if (failsafe != CompanionFailsafeReason.None)
        {
            LastFailsafe = failsafe;
        }

        if (!_streaming)
        {
            _lastSetpointUs = long.MinValue;
        }

        _heartbeat.SystemStatus = next switch
        {
            CompanionState.Failsafe => MavState.Critical,
            CompanionState.Failed => MavState.Emergency,
            _ => MavState.Active,
        };
        _transitions.Add(transition);
        Transitioned?.Invoke(transition);
        return true;
    }

    private enum HandshakeConfirm
    {
        None,
        Guided,
        Armed,
    }

    private enum HandshakeResult
    {
        Pending,
        Done,
        Failed,
    }

    /// <summary>
    /// One command handshake: sent through the command client (which retransmits without an ACK); ACCEPTED must then
    /// show in the HEARTBEAT (mode, armed) within the confirm timeout; TEMPORARILY_REJECTED, a lost ACK or a missing
    /// confirmation repeat the command a second later, up to the attempt limit; DENIED, UNSUPPORTED or FAILED end it.
    /// </summary>
    private sealed class Handshake(CompanionController owner)
    {
        private CommandLong _command;
        private HandshakeConfirm _confirm;
        private Task<MavResult>? _pending;
        private int _attempts;
        private long _waitUntilUs;
        private long _ackedAtUs;
        private bool _acked;

        public string Problem { get; private set; } = string.Empty;

        public void Start(long nowUs, CommandLong command, HandshakeConfirm confirm)
        {
            _command = command;
            _confirm = confirm;
            _attempts = 0;
            _acked = false;
            _pending = null;
            _waitUntilUs = nowUs;
            Problem = string.Empty;
        }

        public HandshakeResult Step(long nowUs)
        {
            if (_acked && Confirmed())
            {
                return HandshakeResult.Done;
            }

            if (_pending is null)
            {
                if (nowUs < _waitUntilUs)
                {
                    return HandshakeResult.Pending;
                }

                if (_attempts >= owner._options.HandshakeAttempts)
                {
                    return Fail(string.Create(CultureInfo.InvariantCulture, $"{Name()} not confirmed after {_attempts} attempts{(Problem.Length > 0 ? " (" + Problem + ")" : string.Empty)}"));
                }

                _attempts++;
                _acked = false;
                _pending = owner._commands.SendAsync(_command);
                return HandshakeResult.Pending;
            }

            if (!_pending.IsCompleted)
            {
                return HandshakeResult.Pending;
            }

            if (!_acked)
            {
                if (_pending.IsFaulted || _pending.IsCanceled)
                {
                    Problem = _pending.Exception?.InnerException?.Message ?? "cancelled";
                    Retry(nowUs);
                    return HandshakeResult.Pending;
                }

                MavResult result = _pending.Result;
                switch (result)
                {
                    case MavResult.Accepted:
                        _acked = true;
                        _ackedAtUs = nowUs;
                        return Confirmed() ? HandshakeResult.Done : HandshakeResult.Pending;
                    case MavResult.TemporarilyRejected:
                        Problem = Name() + " temporarily rejected";
                        Retry(nowUs);
                        return HandshakeResult.Pending;
                    default:
                        return Fail(string.Create(CultureInfo.InvariantCulture,
                            $"{Name()} refused by the FC: {result}{(owner._lastFcText.Length > 0 ? " (last FC text: '" + owner._lastFcText + "')" : string.Empty)}"));
                }
            }

            if (nowUs - _ackedAtUs > owner._options.ConfirmTimeoutUs)
            {
                Problem = Name() + " accepted but the HEARTBEAT never showed it";
                Retry(nowUs);
            }

            return HandshakeResult.Pending;
        }

        private void Retry(long nowUs)
        {
            _pending = null;
            _acked = false;
            _waitUntilUs = nowUs + owner._options.CommandTimeoutUs;
        }

        private HandshakeResult Fail(string problem)
        {
            Problem = problem;
            return HandshakeResult.Failed;
        }

        private bool Confirmed() => _confirm switch
        {
            HandshakeConfirm.Guided => owner._profile!.IsGuided(owner._customMode),
            HandshakeConfirm.Armed => owner._armed,
            _ => true,
        };

        private string Name() => _command.Command switch
        {
            MavCmd.DoSetMode => string.Create(CultureInfo.InvariantCulture, $"DO_SET_MODE ({owner._profile!.Kind} {_command.Param2:G}/{_command.Param3:G})"),
            MavCmd.ComponentArmDisarm => "arming",
            MavCmd.NavTakeoff => "takeoff",
            MavCmd.NavLand => "land",
            _ => _command.Command.ToString(),
        };
    }
}
