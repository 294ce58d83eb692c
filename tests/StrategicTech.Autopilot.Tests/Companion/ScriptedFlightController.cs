using StrategicTech.Autopilot.Comms;
using StrategicTech.Drivers.Mavlink;
using StrategicTech.Drivers.Mavlink.Dialects.Common;
using StrategicTech.Drivers.Mavlink.Dialects.Minimal;
using StrategicTech.Drivers.Mavlink.Microservices;
using StrategicTech.Drivers.Mavlink.Microservices.Command.Server;
using StrategicTech.Drivers.Mavlink.Microservices.Heartbeat.Server;
using StrategicTech.Navigation.Time;

namespace StrategicTech.Autopilot.Tests.Companion;

/// <summary>
/// A scripted flight controller (system 1, component 1) for the companion's handshakes: a HEARTBEAT that shows its
/// firmware, custom mode and armed flag; a command server whose answer to DO_SET_MODE can be scripted; a kinematic
/// position (takeoff climbs at 2 m/s, GUIDED/OFFBOARD setpoints are reached at once, LAND descends and disarms)
/// streamed as LOCAL_POSITION_NED at 10 Hz with HOME_POSITION at 1 Hz. Mode numbers: ArduCopter's flat numbers
/// or PX4's main/sub modes, by <see cref="MavAutopilot"/>. Records every command and counts setpoints.
/// </summary>
internal sealed class ScriptedFlightController : IMavlinkService
{
    private readonly HeartbeatPublisher _heartbeat;
    private readonly bool _ardupilot;
    private long _nextPositionUs;
    private long _nextHomeUs;
    private double _takeoffTargetM = double.NaN;
    private long _lastTickUs;

    public ScriptedFlightController(IMavlinkFrameSink toCompanion, IClock clock, MavAutopilot autopilot, MavType type = MavType.Quadrotor)
    {
        _ardupilot = autopilot == MavAutopilot.Ardupilotmega;
        Node = new MavlinkNode(1, 1, toCompanion, clock);
        _heartbeat = Node.Add(new HeartbeatPublisher(Node, type, autopilot));
        _heartbeat.BaseMode = MavModeFlag.CustomModeEnabled;
        CustomMode = _ardupilot ? 0u : Px4CustomMode.Compose(Px4CustomMode.MainAuto, Px4CustomMode.AutoLoiter); // STABILIZE / AUTO.LOITER
        var commands = Node.Add(new CommandServer(Node));
        commands.Register(MavCmd.DoSetMode, (r, now) => Record(r, now, SetMode(r)));
        commands.Register(MavCmd.ComponentArmDisarm, (r, now) => Record(r, now, Arm(r.Param1 >= 0.5f)));
        commands.Register(MavCmd.NavTakeoff, (r, now) => Record(r, now, Takeoff(r)));
        commands.Register(MavCmd.NavLand, (r, now) => Record(r, now, LandNow()));
        Node.Add(this);
        _lastTickUs = clock.TimeUs;
    }

    public MavlinkNode Node { get; }

    public uint CustomMode { get; set; }

    public bool Armed { get; private set; }

    public double NorthM { get; private set; }

    public double EastM { get; private set; }

    public double DownM { get; private set; }

    /// <summary>Answers to the next DO_SET_MODE requests, in order (then ACCEPTED, which also switches the mode).</summary>
    public Queue<MavResult> ModeAnswers { get; } = new();

    /// <summary>Every command executed (or ignored), with its time and the setpoint count when it came.</summary>
    public List<(long TimeUs, CommandRequest Request, long SetpointsBefore)> Commands { get; } = [];

    public long Setpoints { get; private set; }

    public long SetpointsInWrongFrame { get; private set; }

    public void OnFrame(MavlinkFrame frame, long nowUs)
    {
        if (frame.MessageId != SetPositionTargetLocalNed.MsgId)
        {
            return;
        }

        SetPositionTargetLocalNed m = SetPositionTargetLocalNed.Decode(frame.Payload);
        if (m.CoordinateFrame != MavFrame.LocalNed)
        {
            SetpointsInWrongFrame++;
            return;
        }

        Setpoints++;
        if (Armed && IsGuided() && (m.TypeMask & PositionTargetTypemask.XIgnore) == 0 && double.IsNaN(_takeoffTargetM))
        {
            NorthM = m.X;
            EastM = m.Y;
            DownM = Math.Min(0, m.Z);
        }
    }

    /// <summary>Runs the FC's services and its kinematics; call at the companion's rate.</summary>
    public void Tick() => Node.Tick();

    public void Tick(long nowUs)
    {
        double dtS = (nowUs - _lastTickUs) / 1e6;
        _lastTickUs = nowUs;
        if (!double.IsNaN(_takeoffTargetM))
        {
            DownM = Math.Max(-_takeoffTargetM, DownM - (2 * dtS));
            if (DownM <= -_takeoffTargetM)
            {
                _takeoffTargetM = double.NaN;
            }
        }

        if (IsLanding() && Armed)
        {
            DownM = Math.Min(0, DownM + (2 * dtS));
            if (DownM >= 0)
            {
                Armed = false;
            }
        }

        _heartbeat.CustomMode = CustomMode;
        _heartbeat.BaseMode = MavModeFlag.CustomModeEnabled | (Armed ? MavModeFlag.SafetyArmed : 0);
        if (nowUs >= _nextPositionUs)
        {
            _nextPositionUs = nowUs + 100_000;
            Node.Send(new LocalPositionNed { TimeBootMs = (uint)(nowUs / 1000), X = (float)NorthM, Y = (float)EastM, Z = (float)DownM });
        }

        if (nowUs >= _nextHomeUs)
        {
            _nextHomeUs = nowUs + 1_000_000;
            Node.Send(new HomePosition { Latitude = 473977420, Longitude = 85455940, Altitude = 488_000 });
        }
    }

    private bool IsGuided() => _ardupilot ? CustomMode == 4 : Px4CustomMode.MainMode(CustomMode) == Px4CustomMode.MainOffboard;

    private bool IsLanding() => _ardupilot ? CustomMode == 9 : CustomMode == Px4CustomMode.Compose(Px4CustomMode.MainAuto, Px4CustomMode.AutoLand);

    private CommandReply SetMode(CommandRequest r)
    {
        if (ModeAnswers.Count > 0 && ModeAnswers.Dequeue() is var scripted && scripted != MavResult.Accepted)
        {
            return new CommandReply(scripted);
        }

        if (((int)r.Param1 & (int)MavModeFlag.CustomModeEnabled) == 0)
        {
            return CommandReply.Denied;
        }

        CustomMode = _ardupilot ? (uint)r.Param2 : Px4CustomMode.Compose((byte)r.Param2, (byte)r.Param3);
        return CommandReply.Accepted;
    }

    private CommandReply Arm(bool arm)
    {
        Armed = arm;
        return CommandReply.Accepted;
    }

    private CommandReply Takeoff(CommandRequest r)
    {
        if (!Armed || !IsGuided())
        {
            return CommandReply.Denied;
        }

        _takeoffTargetM = r.Param7;
        return CommandReply.Accepted;
    }

    private CommandReply LandNow()
    {
        CustomMode = Px4CustomMode.Compose(Px4CustomMode.MainAuto, Px4CustomMode.AutoLand);
        return CommandReply.Accepted;
    }

    private CommandReply Record(CommandRequest r, long nowUs, CommandReply reply)
    {
        Commands.Add((nowUs, r, Setpoints));
        return reply;
    }
}
