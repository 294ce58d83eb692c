using BenchmarkDotNet.Attributes;
using StrategicTech.Drivers.Mavlink;
using StrategicTech.Drivers.Mavlink.Dialects.Common;
using StrategicTech.Drivers.Mavlink.Dialects.Minimal;
using StrategicTech.Drivers.Mavlink.Microservices;
using StrategicTech.Drivers.Mavlink.Microservices.Command.Server;
using StrategicTech.Drivers.Mavlink.Microservices.Heartbeat.Client;
using StrategicTech.Drivers.Mavlink.Microservices.Mission;
using StrategicTech.Drivers.Mavlink.Microservices.Mission.Server;
using StrategicTech.Drivers.Mavlink.Microservices.Parameters;
using StrategicTech.Drivers.Mavlink.Microservices.Parameters.Server;
using StrategicTech.Navigation.Time;

namespace StrategicTech.Benchmarks.MavlinkServices;

/// <summary>
/// Vehicle-side microservice receive path: one frame in (parse, dispatch to every service, handle), the reply
/// encoded into a sink that discards it. Per frame; all services are attached to one node, as on the vehicle.
/// </summary>
[MemoryDiagnoser]
public class MavlinkServicesBenchmarks
{
    private readonly ManualClock _clock = new();
    private MavlinkNode _node = null!;
    private byte[] _heartbeat = [];
    private byte[] _command = [];
    private byte[] _paramSet = [];
    private byte[] _missionRequest = [];

    [GlobalSetup]
    public void Setup()
    {
        _node = new MavlinkNode(1, 1, new NullSink(), _clock);
        var commands = _node.Add(new CommandServer(_node));
        commands.Register(MavCmd.ComponentArmDisarm, static (_, _) => CommandReply.Accepted);
        var table = new ParameterTable();
        for (int i = 0; i < 500; i++)
        {
            table.AddFloat("PARAM_" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), i);
        }

        _node.Add(new ParameterServer(_node, table));
        MissionServer missions = _node.Add(new MissionServer(_node));
        missions.Load(MavMissionType.Mission, [new MissionPlanItem(MavFrame.GlobalRelativeAltInt, MavCmd.NavWaypoint, true, true, 0, 0, 0, 0, 1, 2, 3)]);
        _node.Add(new ConnectionMonitor());

        var writer = new MavlinkFrameWriter(255, 190);
        var buffer = new byte[300];
        _heartbeat = buffer[..writer.WriteV2(new Heartbeat { Type = MavType.Gcs }, buffer)];
        _command = buffer[..writer.WriteV2(new CommandLong { TargetSystem = 1, TargetComponent = 1, Command = MavCmd.ComponentArmDisarm, Param1 = 1 }, buffer)];
        var set = new ParamSet { TargetSystem = 1, TargetComponent = 1, ParamType = MavParamType.Real32, ParamValue = 42 };
        MavlinkText.Encode("PARAM_250", set.ParamId);
        _paramSet = buffer[..writer.WriteV2(set, buffer)];
        _missionRequest = buffer[..writer.WriteV2(new MissionRequestInt { TargetSystem = 1, TargetComponent = 1, Seq = 0 }, buffer)];
    }

    [Benchmark]
    public void Heartbeat() => _node.Receive(_heartbeat);

    /// <summary>COMMAND_LONG to a handler; the clock moves so each one is new, not a retransmission.</summary>
    [Benchmark]
    public void CommandLong()
    {
        _clock.AdvanceUs(10_000_000);
        _node.Receive(_command);
    }

    [Benchmark]
    public void ParamSet() => _node.Receive(_paramSet);

    [Benchmark]
    public void MissionRequestInt() => _node.Receive(_missionRequest);

    private sealed class NullSink : IMavlinkFrameSink
    {
        public bool Send(ReadOnlySpan<byte> frame) => true;
    }
}
