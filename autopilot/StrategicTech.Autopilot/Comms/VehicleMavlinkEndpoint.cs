using StrategicTech.Autopilot.Comms.Pending;
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
using StrategicTech.Drivers.Mavlink.Microservices.Telemetry.Server;
using NavMissionItem = StrategicTech.Navigation.Missions.MissionItem;

namespace StrategicTech.Autopilot.Comms;

/// <summary>
/// The vehicle's MAVLink face, as a PX4 vehicle presents itself: HEARTBEAT in PX4's mode encoding, the telemetry
/// streams a ground station expects, commands (arm, takeoff, land, RTL, modes, mission start/current), the mission
/// protocol for mission/fence/rally (a completed mission upload replaces the vehicle's mission), parameters from
/// the vehicle's store, MANUAL_CONTROL and offboard setpoints. Hardware-independent: it sees the vehicle through
/// <see cref="IVehicleCommands"/> and <see cref="IVehicleTelemetrySource"/> and the link through a
/// <see cref="MavlinkNode"/>. The host calls <see cref="MavlinkNode.Receive(ReadOnlySpan{byte})"/> with received
/// bytes and <see cref="Tick"/> from its loop, both on the loop thread; nothing allocates per tick.
/// </summary>
public sealed class VehicleMavlinkEndpoint : IMavlinkService
{
    /// <summary>COMPONENT_ARM_DISARM param2 that forces arming/disarming (common.xml).</summary>
    public const float ForceMagic = 21196;

    private readonly IVehicleCommands _vehicle;
    private readonly IVehicleTelemetrySource _source;
    private VehicleTelemetry _telemetry;
    private long _lastReachedCount;
    private long _lastUploadsApplied;
    private int _lastMissionCurrent = -1;

    public VehicleMavlinkEndpoint(MavlinkNode node, IVehicleCommands vehicle, IVehicleTelemetrySource telemetry, VehicleMavlinkEndpointOptions? options = null)
    {
        Node = node ?? throw new ArgumentNullException(nameof(node));
        _vehicle = vehicle ?? throw new ArgumentNullException(nameof(vehicle));
        _source = telemetry ?? throw new ArgumentNullException(nameof(telemetry));
        options ??= new VehicleMavlinkEndpointOptions();

        // Order matters: this service refreshes the snapshot and the heartbeat's mode before the others tick.
        node.Add(this);
        Heartbeat = node.Add(new HeartbeatPublisher(node, options.VehicleType, MavAutopilot.Px4));
        Commands = node.Add(new CommandServer(node));
        Missions = node.Add(new MissionServer(node, options.MissionCapacity));
        node.Add(new MissionWatcher(this));
        if (options.Parameters is not null)
        {
            Parameters = node.Add(new ParameterServer(node, new ParameterStoreProvider(options.Parameters, options.PersistParameters), ParameterEncoding.Bytewise));
        }

        Streams = node.Add(new TelemetryScheduler(node));
        RegisterStreams();
        RegisterCommands(options);
        _lastReachedCount = vehicle.Status.ReachedCount;
    }

    public MavlinkNode Node { get; }

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

    /// <summary>Completed mission uploads (and clears) handed to the vehicle.</summary>
    public long MissionsApplied { get; private set; }

    /// <summary>Completed mission uploads the vehicle refused (the list stays served, the vehicle keeps its old one).</summary>
    public long MissionsRefused { get; private set; }

    /// <summary>One loop step: reads the vehicle, then runs every service (heartbeat, streams, retries).</summary>
    public void Tick() => Node.Tick();

    void IMavlinkService.OnFrame(MavlinkFrame frame, long nowUs)
    {
        uint id = frame.MessageId;
        if (id == SetMode.MsgId)
        {
            SetMode message = SetMode.Decode(frame.Payload);
            if (message.TargetSystem == Node.SystemId && (message.BaseMode & MavModeFlag.CustomModeEnabled) != 0
                && Px4CustomMode.TryDecode(message.CustomMode, out FlightMode mode))
            {
                Report(_vehicle.SetMode(mode), nowUs);
            }
        }
        else if (id == MissionSetCurrent.MsgId)
        {
            MissionSetCurrent message = MissionSetCurrent.Decode(frame.Payload);
            if (Node.IsForMe(message.TargetSystem, message.TargetComponent))
            {
                _vehicle.SetCurrentMissionItem(message.Seq);
            }
        }
    }

    void IMavlinkService.Tick(long nowUs)
    {
        _source.Fill(nowUs, ref _telemetry);
        VehicleStatus status = _vehicle.Status;
        Heartbeat.BaseMode = Px4CustomMode.BaseMode(status.Mode, status.Armed);
        Heartbeat.CustomMode = Px4CustomMode.Encode(status.Mode);
        Heartbeat.SystemStatus = status.Armed ? MavState.Active : MavState.Standby;

        if (status.MissionCurrent != _lastMissionCurrent)
        {
            _lastMissionCurrent = status.MissionCurrent;
            Missions.CurrentSeq = Math.Max(0, status.MissionCurrent);
            Node.Send(MissionCurrentMessage(status));
        }

        while (_lastReachedCount < status.ReachedCount)
        {
            _lastReachedCount++;
            Node.Send(new MissionItemReached { Seq = (ushort)Math.Max(0, status.LastReachedIndex) });
            ItemsReachedSent++;
        }
    }

    private static MissionCurrent MissionCurrentMessage(VehicleStatus status) => new()
    {
        Seq = (ushort)Math.Max(0, status.MissionCurrent),
        Total = (ushort)status.MissionCount,
        MissionState = status.MissionCount == 0 ? MissionState.NoMission
            : status.Mode == FlightMode.Mission ? MissionState.Active
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

        // A complete list (start-up work, allocates once per upload): the vehicle gets it whole or not at all.
        ReadOnlySpan<MissionPlanItem> items = Missions.Items(MavMissionType.Mission);
        var mission = new NavMissionItem[items.Length];
        for (int i = 0; i < items.Length; i++)
        {
            mission[i] = ToMissionItem(i, items[i]);
        }

        MissionsApplied++;
        if (_vehicle.ReplaceMission(mission) != CommandOutcome.Accepted)
        {
            MissionsRefused++;
            SendStatusText(MavSeverity.Warning, "Mission refused by the vehicle");
        }
    }

    private static NavMissionItem ToMissionItem(int seq, in MissionPlanItem item)
    {
        bool global = item.Frame is MavFrame.Global or MavFrame.GlobalInt or MavFrame.GlobalRelativeAlt or MavFrame.GlobalRelativeAltInt
            or MavFrame.GlobalTerrainAlt or MavFrame.GlobalTerrainAltInt;
        double x = global ? item.X / 1e7 : item.X;
        double y = global ? item.Y / 1e7 : item.Y;
        return new NavMissionItem(seq, (byte)item.Frame, (ushort)item.Command, item.Param1, item.Param2, item.Param3, item.Param4, x, y, item.Z,
            item.Autocontinue, item.Current);
    }

    private void Report(CommandOutcome outcome, long nowUs)
    {
        _ = nowUs;
        if (outcome == CommandOutcome.Denied)
        {
            DeniedCommands++;
        }
    }

    private CommandReply Reply(CommandOutcome outcome, string deniedReason)
    {
        if (outcome == CommandOutcome.Denied)
        {
            DeniedCommands++;
            SendStatusText(MavSeverity.Critical, deniedReason);
        }

        return new CommandReply(ToResult(outcome));
    }

    /// <summary>Sends a STATUSTEXT of up to 50 characters (constant strings: no allocation).</summary>
    public void SendStatusText(MavSeverity severity, ReadOnlySpan<char> text)
    {
        var message = new Statustext { Severity = severity };
        MavlinkText.Encode(text.Length > 50 ? text[..50] : text, message.Text);
        Node.Send(message);
    }

    private void RegisterCommands(VehicleMavlinkEndpointOptions options)
    {
        Commands.Register(MavCmd.ComponentArmDisarm, (request, _) =>
        {
            bool arm = request.Param1 >= 0.5f;
            bool force = request.Param2 == ForceMagic;
            return arm
                ? Reply(_vehicle.Arm(), "Arming denied")
                : Reply(_vehicle.Disarm(force), "Disarming denied");
        });
        Commands.Register(MavCmd.NavTakeoff, (request, _) =>
        {
            // param7 is an AMSL altitude (PX4, MAVSDK and QGC send home + height); NaN asks for the default height.
            double heightM = double.IsFinite(request.Param7) && _telemetry.HomeValid ? request.Param7 - _telemetry.HomeAltitudeAmslM : double.NaN;
            return Reply(_vehicle.Takeoff(heightM), "Takeoff denied");
        });
        Commands.Register(MavCmd.NavLand, (_, _) => Reply(_vehicle.Land(), "Land denied"));
        Commands.Register(MavCmd.NavReturnToLaunch, (_, _) => Reply(_vehicle.ReturnToLaunch(), "RTL denied"));
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
            Reply(_vehicle.StartMission(Math.Max(0, (int)request.Param1)), "Mission start denied"));
        Commands.Register(MavCmd.DoSetMissionCurrent, (request, _) =>
        {
            CommandOutcome outcome = _vehicle.SetCurrentMissionItem((int)request.Param1);
            if (outcome == CommandOutcome.Accepted)
            {
                Missions.CurrentSeq = (int)request.Param1;
            }

            return Reply(outcome, "Mission item denied");
        });

        var version = new AutopilotVersion
        {
            Capabilities = MavProtocolCapability.MissionInt | MavProtocolCapability.CommandInt | MavProtocolCapability.Mavlink2
                | MavProtocolCapability.MissionFence | MavProtocolCapability.MissionRally | MavProtocolCapability.SetPositionTargetLocalNed
                | MavProtocolCapability.SetPositionTargetGlobalInt | ParameterCodec.ToCapability(ParameterEncoding.Bytewise),
            Uid = options.Uid,
        };
        new AutopilotVersionResponder(Node, version).RegisterOn(Commands);
        Streams.RegisterOn(Commands);
    }

    private void RegisterStreams()
    {
        // PX4's default rates on a UDP (normal mode) link.
        Streams.Register<Attitude>(50_000, (long _, out Attitude m) => { m = TelemetryEncoding.Attitude(_telemetry); return true; });
        Streams.Register<GlobalPositionInt>(200_000, (long _, out GlobalPositionInt m) => { m = TelemetryEncoding.GlobalPosition(_telemetry); return _telemetry.GlobalPositionValid; });
        Streams.Register<LocalPositionNed>(200_000, (long _, out LocalPositionNed m) => { m = TelemetryEncoding.LocalPosition(_telemetry); return _telemetry.LocalPositionValid; });
        Streams.Register<GpsRawInt>(1_000_000, (long _, out GpsRawInt m) => { m = TelemetryEncoding.GpsRaw(_telemetry); return true; });
        Streams.Register<VfrHud>(250_000, (long _, out VfrHud m) => { m = TelemetryEncoding.VfrHud(_telemetry); return true; });
        Streams.Register<SysStatus>(1_000_000, (long _, out SysStatus m) => { m = TelemetryEncoding.SysStatus(_telemetry); return true; });
        Streams.Register<BatteryStatus>(500_000, (long _, out BatteryStatus m) => { m = TelemetryEncoding.BatteryStatus(_telemetry); return true; });
        Streams.Register<HomePosition>(2_000_000, (long _, out HomePosition m) => { m = TelemetryEncoding.HomePosition(_telemetry); return _telemetry.HomeValid; });
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
