using StrategicTech.Autopilot.Flight;
using StrategicTech.Drivers.Mavlink;
using StrategicTech.Drivers.Mavlink.Dialects.Common;
using StrategicTech.Drivers.Mavlink.Dialects.Minimal;
using StrategicTech.Drivers.Mavlink.Dialects.Standard;
using StrategicTech.Drivers.Mavlink.Microservices;
using StrategicTech.Drivers.Mavlink.Microservices.Capabilities.Server;
using StrategicTech.Drivers.Mavlink.Microservices.Command.Server;
using StrategicTech.Drivers.Mavlink.Microservices.Heartbeat.Server;
using StrategicTech.Drivers.Mavlink.Microservices.Mission;
using StrategicTech.Drivers.Mavlink.Microservices.Mission.Server;
using StrategicTech.Drivers.Mavlink.Microservices.Parameters;
using StrategicTech.Drivers.Mavlink.Microservices.Parameters.Server;
using StrategicTech.Drivers.Mavlink.Microservices.StatusText.Server;
using StrategicTech.Drivers.Mavlink.Microservices.Telemetry.Server;
using StrategicTech.Drivers.Mavlink.Microservices.TimeSync.Server;
using StrategicTech.Navigation.Geodesy;
using StrategicTech.Navigation.Numerics;
using FenceMissionItems = StrategicTech.Navigation.Missions.FenceMissionItems;
using MissionFileException = StrategicTech.Navigation.Missions.MissionFileException;
using NavMissionItem = StrategicTech.Navigation.Missions.MissionItem;

namespace StrategicTech.Autopilot.Comms;

/// <summary>
/// The vehicle's MAVLink face, as a PX4 vehicle presents itself: HEARTBEAT in PX4's mode encoding, the telemetry
/// streams a ground station expects (rates changeable by SET_MESSAGE_INTERVAL), commands (arm, takeoff, land, RTL,
/// modes, mission start/current), the mission protocol for mission/fence/rally (a completed mission upload replaces
/// the vehicle's mission whole), parameters from the vehicle's store, MANUAL_CONTROL and offboard setpoints,
/// MISSION_ITEM_REACHED and STATUSTEXT from the vehicle's status. Hardware-independent: it sees the vehicle through
/// <see cref="IVehicleCommands"/> and <see cref="IVehicleTelemetrySource"/> and the link through a
/// <see cref="MavlinkNode"/>. A node that signs its frames gets a <see cref="VehicleSigningGuard"/>: unsigned,
/// replayed and MAVLink 1 frames are refused before any service sees them (see <see cref="Signing"/>). The host
/// feeds received bytes to the node and calls <see cref="Tick"/>, both on the
/// loop thread; nothing allocates per tick (a completed mission upload allocates the new list once).
/// </summary>
public sealed class VehicleMavlinkEndpoint : IMavlinkService
{
    /// <summary>COMPONENT_ARM_DISARM param2 that forces arming/disarming (common.xml).</summary>
    public const float ForceMagic = 21196;

    private readonly IVehicleCommands _vehicle;
    private readonly IVehicleTelemetrySource _source;
    private readonly StatusTextSender _statusText;
    private VehicleTelemetry _telemetry;
    private readonly VibrationWindow _vibration = new();
    private long _lastReachedCount;
    private long _lastStatusText;
    private long _lastUploadsApplied;
    private int _lastMissionCurrent = -1;
    private int _lastMissionCount = -1;
    private int _lastMissionVersion;
    private readonly Func<IReadOnlyList<NavMissionItem>>? _vehicleMission;
    private LocalNedFrame _homeFrame;
    private GeodeticPosition _homeFrameOrigin;

    public VehicleMavlinkEndpoint(MavlinkNode node, IVehicleCommands vehicle, IVehicleTelemetrySource telemetry, VehicleMavlinkEndpointOptions? options = null)
    {
        Node = node ?? throw new ArgumentNullException(nameof(node));
        _vehicle = vehicle ?? throw new ArgumentNullException(nameof(vehicle));
        _source = telemetry ?? throw new ArgumentNullException(nameof(telemetry));
        options ??= new VehicleMavlinkEndpointOptions();
        if (node.Signer is not null)
        {
            // A signing vehicle requires signed input: installed before any service, so none ever sees a refused frame.
            Signing = new VehicleSigningGuard(node.Signer, options.Signing);
            node.ReceiveFilter = Signing;
        }
        else if (options.Signing is not null)
        {
            throw new ArgumentException("signing options need a node that signs (give the MavlinkNode a MavlinkSigner with the key)", nameof(options));
        }

        // Order matters: this service refreshes the snapshot and the heartbeat's mode before the others tick, and
        // the mission watcher sees mission frames after the mission server handled them.
        node.Add(this);
        Heartbeat = node.Add(new HeartbeatPublisher(node, options.VehicleType, MavAutopilot.Px4));
        Commands = node.Add(new CommandServer(node));
        Missions = node.Add(new MissionServer(node, options.MissionCapacity));
        Missions.Validator = ValidateUpload;
        node.Add(new MissionWatcher(this));
        if (options.Parameters is not null)
        {
            Parameters = node.Add(new ParameterServer(node, new ParameterStoreProvider(options.Parameters, options.PersistParameters), ParameterEncoding.Bytewise));
        }

        Streams = node.Add(new TelemetryScheduler(node));
        node.Add(new TimesyncResponder(node));
        _statusText = new StatusTextSender(node);
        RegisterStreams();
        RegisterCommands(options);
        VehicleStatus status = vehicle.Status;
        _lastReachedCount = status.ReachedCount;
        _lastStatusText = status.StatusTextCount;
        _vehicleMission = options.VehicleMission;
        _lastMissionVersion = status.MissionVersion;
        ServeVehicleMission();
    }

    public MavlinkNode Node { get; }

    /// <summary>The signing policy on received frames and its counters (null when the node does not sign).</summary>
    public VehicleSigningGuard? Signing { get; }

    public HeartbeatPublisher Heartbeat { get; }

    public CommandServer Commands { get; }

    public MissionServer Missions { get; }

    public ParameterServer? Parameters { get; }

    /// <summary>Telemetry streams (rates changed by SET_MESSAGE_INTERVAL, one-shots by REQUEST_MESSAGE).</summary>
    public TelemetryScheduler Streams { get; }

    /// <summary>The latest telemetry snapshot (refreshed each tick).</summary>
    public ref readonly VehicleTelemetry Telemetry => ref _telemetry;

    /// <summary>Commands the vehicle refused (answered DENIED).</summary>
    public long DeniedCommands { get; private set; }

    /// <summary>MISSION_ITEM_REACHED messages sent.</summary>
    public long ItemsReachedSent { get; private set; }

    /// <summary>STATUSTEXT messages sent.</summary>
    public long StatusTextsSent { get; private set; }

    /// <summary>Completed mission uploads (and clears) handed to the vehicle.</summary>
    public long MissionsApplied { get; private set; }

    /// <summary>Completed mission uploads the vehicle refused (the list stays served, the vehicle keeps its old one).</summary>
    public long MissionsRefused { get; private set; }

    /// <summary>Offboard setpoints in frames we do not support, or refused by the vehicle.</summary>
    public long SetpointsRejected { get; private set; }

    /// <summary>One loop step: reads the vehicle, then runs every service (heartbeat, streams, retries).</summary>
    public void Tick() => Node.Tick();

    /// <summary>Sends a STATUSTEXT (longer than 50 bytes: chunked per the spec; no allocation).</summary>
    public void SendStatusText(MavSeverity severity, ReadOnlySpan<char> text)
    {
        _statusText.Send(severity, text);
        StatusTextsSent++;
    }

    void IMavlinkService.OnFrame(MavlinkFrame frame, long nowUs)
    {
        uint id = frame.MessageId;
        if (id == Drivers.Mavlink.Dialects.Minimal.Heartbeat.MsgId)
        {
            if (Drivers.Mavlink.Dialects.Minimal.Heartbeat.Decode(frame.Payload).Type == MavType.Gcs)
            {
                _vehicle.NoteGroundStationHeartbeat();
            }
        }
        else if (id == ManualControl.MsgId)
        {
            ManualControl m = ManualControl.Decode(frame.Payload);
            if (m.Target == Node.SystemId)
            {
                // x forward (pitch), y right (roll), z thrust 0..1000, r yaw; each ±1000 (INT16_MAX: not used).
                _vehicle.SetManualInput(new ManualInput(nowUs, Axis(m.Y), Axis(m.X), Axis(m.R), m.Z == short.MaxValue ? 0.5 : Math.Clamp(m.Z / 1000.0, 0, 1)));
            }
        }
        else if (id == SetPositionTargetLocalNed.MsgId)
        {
            SetPositionTargetLocalNed m = SetPositionTargetLocalNed.Decode(frame.Payload);
            if (Node.IsForMe(m.TargetSystem, m.TargetComponent))
            {
                OnLocalSetpoint(m, nowUs);
            }
        }
        else if (id == SetPositionTargetGlobalInt.MsgId)
        {
            SetPositionTargetGlobalInt m = SetPositionTargetGlobalInt.Decode(frame.Payload);
            if (Node.IsForMe(m.TargetSystem, m.TargetComponent))
            {
                OnGlobalSetpoint(m, nowUs);
            }
        }
        else if (id == SetMode.MsgId)
        {
            SetMode m = SetMode.Decode(frame.Payload);
            if (m.TargetSystem == Node.SystemId)
            {
                if ((m.BaseMode & MavModeFlag.CustomModeEnabled) != 0 && Px4CustomMode.TryDecode(m.CustomMode, out FlightMode mode))
                {
                    Outcome(_vehicle.SetMode(mode), "Mode change denied");
                }
                else
                {
                    SendStatusText(MavSeverity.Critical, "Mode not supported");
                }
            }
        }
        else if (id == MissionSetCurrent.MsgId)
        {
            // The mission server answers with MISSION_CURRENT; the vehicle moves to the item.
            MissionSetCurrent m = MissionSetCurrent.Decode(frame.Payload);
            if (Node.IsForMe(m.TargetSystem, m.TargetComponent) && m.Seq < _vehicle.Status.MissionItemCount)
            {
                Outcome(_vehicle.SetCurrentMissionItem(m.Seq), "Mission item denied");
            }
        }
    }

    void IMavlinkService.Tick(long nowUs)
    {
        _source.Fill(nowUs, ref _telemetry);
        VehicleStatus status = _vehicle.Status;
        Heartbeat.BaseMode = Px4CustomMode.BaseMode(status.Mode, status.Armed);
        Heartbeat.CustomMode = Px4CustomMode.Encode(status.Mode);
        // PX4 reports a failsafe in flight as CRITICAL, and one that lands or stops the motors as EMERGENCY.
        int severity = FailsafeActions.Severity(status.ActiveFailsafeAction);
        Heartbeat.SystemStatus = !status.Armed ? MavState.Standby
            : severity >= FailsafeActions.Severity(FailsafeAction.Land) ? MavState.Emergency
            : severity >= FailsafeActions.Severity(FailsafeAction.Hold) ? MavState.Critical
            : MavState.Active;

        SyncVehicleMission(status);

        if (status.MissionCurrentIndex != _lastMissionCurrent || status.MissionItemCount != _lastMissionCount)
        {
            _lastMissionCurrent = status.MissionCurrentIndex;
            _lastMissionCount = status.MissionItemCount;
            Missions.CurrentSeq = Math.Clamp(status.MissionCurrentIndex, 0, Math.Max(0, status.MissionItemCount - 1));
            Node.Send(MissionCurrentMessage(status));
        }

        while (_lastReachedCount < status.ReachedCount)
        {
            // Each event with its own item index (the ring covers a slow poller); beyond the ring, the newest index.
            _lastReachedCount++;
            int index = status.ReachedItems is not null && status.ReachedItems.TryGet(_lastReachedCount, out int item) ? item : status.LastReachedIndex;
            Node.Send(new MissionItemReached { Seq = (ushort)Math.Max(0, index) });
            ItemsReachedSent++;
        }

        ForwardStatusTexts(status);
    }

    private static double Axis(short value) => value == short.MaxValue ? 0 : Math.Clamp(value / 1000.0, -1, 1);

    private static MissionCurrent MissionCurrentMessage(in VehicleStatus status) => new()
    {
        Seq = (ushort)Math.Clamp(status.MissionCurrentIndex, 0, ushort.MaxValue),
        Total = (ushort)Math.Clamp(status.MissionItemCount, 0, ushort.MaxValue),
        MissionState = status.MissionItemCount == 0 ? MissionState.NoMission
            : status.MissionFinished ? MissionState.Complete
            : status.Mode == FlightMode.Mission ? MissionState.Active
            : status.ReachedCount > 0 ? MissionState.Paused
            : MissionState.NotStarted,
        MissionMode = status.Mode == FlightMode.Mission ? (byte)1 : (byte)0,
    };

    private static MavResult ToResult(CommandOutcome outcome) => outcome switch
    {
        CommandOutcome.Accepted => MavResult.Accepted,
        CommandOutcome.Denied => MavResult.Denied,
        CommandOutcome.Unsupported => MavResult.Unsupported,
        _ => MavResult.Failed,
    };

    private static NavMissionItem ToMissionItem(int seq, in MissionPlanItem item)
    {
        bool global = item.Frame is MavFrame.Global or MavFrame.GlobalInt or MavFrame.GlobalRelativeAlt or MavFrame.GlobalRelativeAltInt
            or MavFrame.GlobalTerrainAlt or MavFrame.GlobalTerrainAltInt;
        double x = global ? item.X / 1e7 : item.X;
        double y = global ? item.Y / 1e7 : item.Y;
        return new NavMissionItem(seq, (byte)item.Frame, (ushort)item.Command, item.Param1, item.Param2, item.Param3, item.Param4, x, y, item.Z,
            item.Autocontinue, item.Current);
    }

    /// <summary>
    /// Serves the vehicle's current mission if it changed since the last call. The host calls it before feeding
    /// received bytes, so a download request in the same tick as a mission change already gets the new list.
    /// </summary>
    public void SyncVehicleMission() => SyncVehicleMission(_vehicle.Status);

    private void SyncVehicleMission(in VehicleStatus status)
    {
        if (status.MissionVersion != _lastMissionVersion)
        {
            _lastMissionVersion = status.MissionVersion;
            ServeVehicleMission();
        }
    }

    /// <summary>
    /// Serves the mission the vehicle holds, whoever gave it (a MAVLink upload, the console, a scenario through
    /// <see cref="IVehicleCommands.ReplaceMission"/>), so a ground station downloads what the vehicle flies. Runs
    /// when the mission version changes (allocates the list once per new mission; a mission is rarely replaced).
    /// </summary>
    private void ServeVehicleMission()
    {
        if (_vehicleMission is null || Missions.Receiving)
        {
            return;
        }

        IReadOnlyList<NavMissionItem> items = _vehicleMission();
        if (items.Count > Missions.Capacity)
        {
            SendStatusText(MavSeverity.Warning, "Mission too long to serve for download");
            return;
        }

        var plan = new MissionPlanItem[items.Count];
        for (int i = 0; i < plan.Length; i++)
        {
            plan[i] = ToPlanItem(items[i]);
        }

        Missions.Load(MavMissionType.Mission, plan);
    }

    private static MissionPlanItem ToPlanItem(in NavMissionItem item)
    {
        var frame = (MavFrame)item.Frame;
        bool global = frame is MavFrame.Global or MavFrame.GlobalInt or MavFrame.GlobalRelativeAlt or MavFrame.GlobalRelativeAltInt
            or MavFrame.GlobalTerrainAlt or MavFrame.GlobalTerrainAltInt;
        int x = global ? item.LatitudeE7 : double.IsFinite(item.LatitudeDeg) ? (int)Math.Round(item.LatitudeDeg) : 0;
        int y = global ? item.LongitudeE7 : double.IsFinite(item.LongitudeDeg) ? (int)Math.Round(item.LongitudeDeg) : 0;
        return new MissionPlanItem(frame, (MavCmd)item.Command, item.IsCurrent, item.AutoContinue, (float)item.Param1, (float)item.Param2,
            (float)item.Param3, (float)item.Param4, x, y, (float)item.AltitudeM);
    }

    /// <summary>Status texts the vehicle announced since the last tick (a gap when the ring lapped is skipped).</summary>
    private void ForwardStatusTexts(in VehicleStatus status)
    {
        if (status.StatusTexts is null)
        {
            return;
        }

        while (_lastStatusText < status.StatusTextCount)
        {
            _lastStatusText++;
            if (status.StatusTexts.TryGet(_lastStatusText, out StatusText text))
            {
                SendStatusText((MavSeverity)(byte)text.Severity, text.Text);
            }
        }
    }

    /// <summary>Counts a refusal and, when the vehicle did not say why itself, sends <paramref name="deniedReason"/>.</summary>
    private CommandOutcome Outcome(CommandOutcome outcome, string deniedReason)
    {
        if (outcome == CommandOutcome.Denied)
        {
            DeniedCommands++;
            VehicleStatus status = _vehicle.Status;
            if (status.StatusTextCount == _lastStatusText)
            {
                SendStatusText(MavSeverity.Critical, deniedReason);
            }
            else
            {
                ForwardStatusTexts(status); // the vehicle's own reason, sent before the ACK
            }
        }

        return outcome;
    }

    private CommandReply Reply(CommandOutcome outcome, string deniedReason) => new(ToResult(Outcome(outcome, deniedReason)));

    private void OnMissionFrame(MavlinkFrame frame)
    {
        if (Missions.UploadsApplied == _lastUploadsApplied)
        {
            return;
        }

        _lastUploadsApplied = Missions.UploadsApplied;
        uint id = frame.MessageId;
        MavMissionType type = id == MissionItemInt.MsgId ? MissionItemInt.Decode(frame.Payload).MissionType
            : id == MissionCount.MsgId ? MissionCount.Decode(frame.Payload).MissionType
            : id == MissionClearAll.MsgId ? MissionClearAll.Decode(frame.Payload).MissionType
            : MavMissionType.Fence;
        if (type is not (MavMissionType.Mission or MavMissionType.All))
        {
            return; // fence and rally lists are stored and served by the mission server
        }

        if (id == MissionClearAll.MsgId)
        {
            // Uploads reached the vehicle through the validator; a clear has none.
            ReplaceVehicleMission(ReadOnlySpan<MissionPlanItem>.Empty);
        }
    }

    /// <summary>
    /// The mission server's validator: the complete mission list goes to the vehicle before the final ACK, which
    /// carries the vehicle's verdict (a refused list, e.g. a DO_JUMP to a missing seq, is MAV_MISSION_ERROR and the
    /// server keeps the old list, as the vehicle does). Fence and rally lists are stored and served by the server.
    /// </summary>
    private MavMissionResult ValidateUpload(MavMissionType type, ReadOnlySpan<MissionPlanItem> items) =>
        (type switch
        {
            MavMissionType.Mission => ReplaceVehicleMission(items),
            MavMissionType.Fence or MavMissionType.Rally => ReplaceVehicleFenceOrRally(type, items),
            _ => CommandOutcome.Accepted,
        }) switch
        {
            CommandOutcome.Accepted => MavMissionResult.MavMissionAccepted,
            CommandOutcome.Denied => MavMissionResult.MavMissionDenied,
            CommandOutcome.Unsupported => MavMissionResult.MavMissionUnsupported,
            _ => MavMissionResult.MavMissionError,
        };

    /// <summary>A complete FENCE or RALLY list to the vehicle (allocates once per upload); a malformed list is refused with its reason.</summary>
    private CommandOutcome ReplaceVehicleFenceOrRally(MavMissionType type, ReadOnlySpan<MissionPlanItem> items)
    {
        var list = new NavMissionItem[items.Length];
        for (int i = 0; i < items.Length; i++)
        {
            list[i] = ToMissionItem(i, items[i]);
        }

        CommandOutcome outcome;
        try
        {
            outcome = type == MavMissionType.Fence
                ? _vehicle.ReplaceFence(FenceMissionItems.FromItems(list, "fence upload"))
                : _vehicle.ReplaceRallyPoints(FenceMissionItems.RallyFromItems(list, "rally upload"));
        }
        catch (MissionFileException e)
        {
            SendStatusText(MavSeverity.Error, e.Message);
            return CommandOutcome.Failed;
        }

        if (outcome != CommandOutcome.Accepted)
        {
            ForwardStatusTexts(_vehicle.Status);
        }

        return outcome;
    }

    /// <summary>A complete list (allocates once per upload): the vehicle gets it whole or not at all.</summary>
    private CommandOutcome ReplaceVehicleMission(ReadOnlySpan<MissionPlanItem> items)
    {
        var mission = new NavMissionItem[items.Length];
        for (int i = 0; i < items.Length; i++)
        {
            mission[i] = ToMissionItem(i, items[i]);
        }

        MissionsApplied++;
        CommandOutcome outcome = _vehicle.ReplaceMission(mission);
        if (outcome != CommandOutcome.Accepted)
        {
            MissionsRefused++;
            ForwardStatusTexts(_vehicle.Status);
        }

        return outcome;
    }

    private void OnLocalSetpoint(in SetPositionTargetLocalNed m, long nowUs)
    {
        if (m.CoordinateFrame != MavFrame.LocalNed)
        {
            SetpointsRejected++;
            return;
        }

        var setpoint = new OffboardSetpoint(nowUs, (ushort)m.TypeMask, new Vector3(m.X, m.Y, m.Z), new Vector3(m.Vx, m.Vy, m.Vz),
            new Vector3(m.Afx, m.Afy, m.Afz), m.Yaw, m.YawRate);
        if (_vehicle.SetOffboardSetpoint(setpoint) != CommandOutcome.Accepted)
        {
            SetpointsRejected++;
        }
    }

    private void OnGlobalSetpoint(in SetPositionTargetGlobalInt m, long nowUs)
    {
        VehicleStatus status = _vehicle.Status;
        bool relative = m.CoordinateFrame is MavFrame.GlobalRelativeAltInt or MavFrame.GlobalRelativeAlt;
        bool amsl = m.CoordinateFrame is MavFrame.GlobalInt or MavFrame.Global;
        if (!(relative || amsl) || !status.HomeSet)
        {
            SetpointsRejected++;
            return;
        }

        // Geodetic target → local NED through home (its geodetic and local positions are both known).
        if (_homeFrameOrigin != status.HomeGeodetic)
        {
            _homeFrameOrigin = status.HomeGeodetic;
            _homeFrame = new LocalNedFrame(status.HomeGeodetic);
        }

        double heightM = relative ? status.HomeGeodetic.HeightM + m.Alt : m.Alt;
        Vector3 positionNedM = status.HomeNedM + _homeFrame.ToNed(GeodeticPosition.FromDegrees(m.LatInt / 1e7, m.LonInt / 1e7, heightM));
        var setpoint = new OffboardSetpoint(nowUs, (ushort)m.TypeMask, positionNedM, new Vector3(m.Vx, m.Vy, m.Vz),
            new Vector3(m.Afx, m.Afy, m.Afz), m.Yaw, m.YawRate);
        if (_vehicle.SetOffboardSetpoint(setpoint) != CommandOutcome.Accepted)
        {
            SetpointsRejected++;
        }
    }

    private void RegisterCommands(VehicleMavlinkEndpointOptions options)
    {
        Commands.Register(MavCmd.ComponentArmDisarm, (request, _) =>
        {
            bool force = request.Param2 == ForceMagic;
            return request.Param1 >= 0.5f
                ? Reply(_vehicle.Arm(force), "Arming denied")
                : Reply(_vehicle.Disarm(force), "Disarming denied");
        });
        Commands.Register(MavCmd.NavTakeoff, (request, _) =>
        {
            // param7 is an AMSL altitude (PX4, MAVSDK and QGC send home + height); NaN asks for the default height.
            VehicleStatus status = _vehicle.Status;
            double homeAmslM = status.HomeSet ? status.HomeGeodetic.HeightM : _telemetry.AltitudeAmslM;
            double heightM = double.IsFinite(request.Param7) && (status.HomeSet || _telemetry.GlobalPositionValid) ? request.Param7 - homeAmslM : double.NaN;
            return Reply(_vehicle.Takeoff(heightM), "Takeoff denied");
        });
        Commands.Register(MavCmd.NavLand, (_, _) => Reply(_vehicle.Land(), "Land denied"));
        Commands.Register(MavCmd.NavReturnToLaunch, (_, _) => Reply(_vehicle.ReturnToLaunch(), "Return denied"));
        Commands.Register(MavCmd.DoSetMode, (request, _) =>
        {
            var baseMode = (MavModeFlag)(byte)request.Param1;
            uint custom = Px4CustomMode.Compose((byte)request.Param2, (byte)request.Param3);
            if ((baseMode & MavModeFlag.CustomModeEnabled) == 0 || !Px4CustomMode.TryDecode(custom, out FlightMode mode))
            {
                SendStatusText(MavSeverity.Critical, "Mode not supported");
                return new CommandReply(MavResult.Unsupported);
            }

            return Reply(_vehicle.SetMode(mode), "Mode change denied");
        });
        Commands.Register(MavCmd.MissionStart, (request, _) =>
            Reply(_vehicle.StartMission(float.IsFinite(request.Param1) ? Math.Max(0, (int)request.Param1) : 0), "Mission start denied"));
        Commands.Register(MavCmd.DoSetMissionCurrent, (request, _) =>
        {
            if (!float.IsFinite(request.Param1) || request.Param1 < 0)
            {
                return CommandReply.Failed;
            }

            return Reply(_vehicle.SetCurrentMissionItem((int)request.Param1), "Mission item denied");
        });
        Commands.Register(MavCmd.DoReposition, (request, nowUs) => Reposition(request, nowUs));

        var version = new AutopilotVersion
        {
            Capabilities = MavProtocolCapability.MissionInt | MavProtocolCapability.CommandInt | MavProtocolCapability.Mavlink2
                | MavProtocolCapability.MissionFence | MavProtocolCapability.MissionRally | MavProtocolCapability.SetPositionTargetLocalNed
                | MavProtocolCapability.SetPositionTargetGlobalInt | ParameterCodec.ToCapability(ParameterEncoding.Bytewise),
            Uid = options.Uid,
            FlightSwVersion = options.Version.FlightSwVersion,
        };
        options.Version.WriteCustomVersion(version.FlightCustomVersion);
        new AutopilotVersionResponder(Node, version).RegisterOn(Commands);
        Streams.RegisterOn(Commands);
    }

    /// <summary>
    /// DO_REPOSITION as PX4 flies it: the vehicle switches to Hold and goes to the point (param5/6 latitude and
    /// longitude, param7 altitude; param1 ground speed, ≤ 0: cruise), then holds there. A missing position (NaN in
    /// COMMAND_LONG, x = y = 0 in COMMAND_INT) keeps the current one, a NaN altitude the current height: without
    /// either it is a plain Hold. COMMAND_LONG altitudes are AMSL (as PX4 reads them); COMMAND_INT uses its frame
    /// (global or relative-to-home). The yaw (param4) is not changed.
    /// </summary>
    private CommandReply Reposition(in CommandRequest request, long nowUs)
    {
        _ = nowUs;
        double latitudeDeg, longitudeDeg;
        bool relativeAltitude;
        if (request.IsCommandInt)
        {
            bool hasPosition = request.Param5 != 0 || request.Param6 != 0;
            latitudeDeg = hasPosition ? request.Param5 * 1e-7 : double.NaN;
            longitudeDeg = hasPosition ? request.Param6 * 1e-7 : double.NaN;
            if (request.Frame is not (MavFrame.Global or MavFrame.GlobalInt or MavFrame.GlobalRelativeAlt or MavFrame.GlobalRelativeAltInt))
            {
                SendStatusText(MavSeverity.Warning, "Reposition frame not supported");
                return new CommandReply(MavResult.Unsupported);
            }

            relativeAltitude = request.Frame is MavFrame.GlobalRelativeAlt or MavFrame.GlobalRelativeAltInt;
        }
        else
        {
            latitudeDeg = request.Param5;
            longitudeDeg = request.Param6;
            relativeAltitude = false;
        }

        VehicleStatus status = _vehicle.Status;
        double heightAboveHomeM = !float.IsFinite(request.Param7) ? double.NaN
            : relativeAltitude ? request.Param7
            : request.Param7 - status.HomeGeodetic.HeightM;
        if (double.IsNaN(latitudeDeg) && double.IsNaN(longitudeDeg) && !float.IsFinite(request.Param7))
        {
            return Reply(_vehicle.Hold(), "Hold denied");
        }

        if (!float.IsFinite(request.Param7) || relativeAltitude || status.HomeSet)
        {
            double speedMps = float.IsFinite(request.Param1) && request.Param1 > 0 ? request.Param1 : 0;
            return Reply(_vehicle.GoTo(latitudeDeg, longitudeDeg, heightAboveHomeM, speedMps), "Reposition denied");
        }

        SendStatusText(MavSeverity.Warning, "Reposition denied: no home altitude");
        return CommandReply.Denied;
    }

    private void RegisterStreams()
    {
        // PX4's default rates on a normal-mode UDP link.
        Streams.Register<Attitude>(50_000, (long _, out Attitude m) => { m = TelemetryEncoding.Attitude(_telemetry); return true; });
        Streams.Register<GlobalPositionInt>(200_000, (long _, out GlobalPositionInt m) => { m = TelemetryEncoding.GlobalPosition(_telemetry); return _telemetry.GlobalPositionValid; });
        Streams.Register<LocalPositionNed>(200_000, (long _, out LocalPositionNed m) => { m = TelemetryEncoding.LocalPosition(_telemetry); return _telemetry.LocalPositionValid; });
        Streams.Register<GpsRawInt>(1_000_000, (long _, out GpsRawInt m) => { m = TelemetryEncoding.GpsRaw(_telemetry); return true; });
        Streams.Register<VfrHud>(250_000, (long _, out VfrHud m) => { m = TelemetryEncoding.VfrHud(_telemetry); return true; });
        Streams.Register<SysStatus>(1_000_000, (long _, out SysStatus m) => { m = TelemetryEncoding.SysStatus(_telemetry); return true; });
        Streams.Register<BatteryStatus>(500_000, (long _, out BatteryStatus m) => { m = TelemetryEncoding.BatteryStatus(_telemetry); return true; });
        Streams.Register<HomePosition>(2_000_000, (long _, out HomePosition m) => { m = TelemetryEncoding.HomePosition(_telemetry); return _telemetry.HomeValid; });
        // PX4 normal-mode rates (mavlink_main.cpp): ESTIMATOR_STATUS 0.5 Hz, SERVO_OUTPUT_RAW_0 1 Hz.
        Streams.Register<EstimatorStatus>(2_000_000, (long _, out EstimatorStatus m) => { m = TelemetryEncoding.EstimatorStatus(_telemetry); return true; });
        Streams.Register<ServoOutputRaw>(1_000_000, (long _, out ServoOutputRaw m) => { m = TelemetryEncoding.ServoOutputRaw(_telemetry); return _telemetry.MotorCount > 0; });
        // VIBRATION 0.1 Hz in PX4's normal mode; ODOMETRY is not in its normal list (onboard links stream it at 30 Hz),
        // so here it is sent on request (SET_MESSAGE_INTERVAL / REQUEST_MESSAGE).
        Streams.Register<Vibration>(10_000_000, (long _, out Vibration m) => { m = _vibration.Next(_telemetry); return true; });
        Streams.Register<Odometry>(0, (long _, out Odometry m) => { m = TelemetryEncoding.Odometry(_telemetry); return _telemetry.LocalPositionValid; });
        Streams.Register<ExtendedSysState>(1_000_000, (long _, out ExtendedSysState m) =>
        {
            FlightMode mode = _vehicle.Status.Mode;
            m = new ExtendedSysState
            {
                VtolState = MavVtolState.Undefined,
                LandedState = TelemetryEncoding.LandedState(_telemetry.LandState, mode == FlightMode.Land, mode == FlightMode.Takeoff),
            };
            return true;
        });
        Streams.Register<MissionCurrent>(1_000_000, (long _, out MissionCurrent m) => { m = MissionCurrentMessage(_vehicle.Status); return true; });
    }

    /// <summary>Sees mission frames after the mission server handled them, so a completed upload is applied at once.</summary>
    private sealed class MissionWatcher(VehicleMavlinkEndpoint endpoint) : IMavlinkService
    {
        public void OnFrame(MavlinkFrame frame, long nowUs)
        {
            uint id = frame.MessageId;
            if (id == MissionItemInt.MsgId || id == MissionCount.MsgId || id == MissionClearAll.MsgId)
            {
                endpoint.OnMissionFrame(frame);
            }
        }

        public void Tick(long nowUs)
        {
        }
    }
}
