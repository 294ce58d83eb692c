using StrategicTech.Autopilot.Comms;
using StrategicTech.Autopilot.Parameters;
using StrategicTech.Drivers.Mavlink;
using StrategicTech.Drivers.Mavlink.Dialects.Common;
using StrategicTech.Drivers.Mavlink.Microservices;
using StrategicTech.Navigation.Time;

namespace StrategicTech.Autopilot.Tests.Comms;

/// <summary>
/// An endpoint (system 1) and a ground-station node (system 255) joined by a synchronous in-memory link; the
/// ground side records every frame it receives. Time is a <see cref="ManualClock"/>.
/// </summary>
internal sealed class EndpointHarness
{
    public EndpointHarness(ParameterStore? parameters = null, Action<ParameterStore>? persist = null)
    {
        Clock = new ManualClock(1_000_000);
        var toGround = new DelegateSink(bytes => Ground!.Receive(bytes));
        var toVehicle = new DelegateSink(bytes => VehicleNode!.Receive(bytes));
        VehicleNode = new MavlinkNode(1, 1, toGround, Clock);
        Ground = new MavlinkNode(255, 190, toVehicle, Clock);
        Received = Ground.Add(new FrameRecorder());
        Endpoint = new VehicleMavlinkEndpoint(VehicleNode, Vehicle, Vehicle, new VehicleMavlinkEndpointOptions { Parameters = parameters, PersistParameters = persist });
    }

    public ManualClock Clock { get; }

    public FakeVehicle Vehicle { get; } = new();

    public MavlinkNode VehicleNode { get; }

    public MavlinkNode Ground { get; }

    public FrameRecorder Received { get; }

    public VehicleMavlinkEndpoint Endpoint { get; }

    public void Tick(long advanceUs = 20_000)
    {
        Clock.AdvanceUs(advanceUs);
        Endpoint.Tick();
    }

    public CommandAck SendCommand(MavCmd command, float p1 = 0, float p2 = 0, float p3 = 0, float p4 = 0, float p5 = 0, float p6 = 0, float p7 = 0)
    {
        Received.Clear();
        Ground.Send(new CommandLong
        {
            TargetSystem = 1, TargetComponent = 1, Command = command,
            Param1 = p1, Param2 = p2, Param3 = p3, Param4 = p4, Param5 = p5, Param6 = p6, Param7 = p7,
        });
        return Received.Single<CommandAck>();
    }

    private sealed class DelegateSink(Action<byte[]> deliver) : IMavlinkFrameSink
    {
        public bool Send(ReadOnlySpan<byte> frame)
        {
            deliver(frame.ToArray());
            return true;
        }
    }
}

/// <summary>Keeps a copy of every received frame.</summary>
internal sealed class FrameRecorder : IMavlinkService
{
    private readonly List<byte[]> _frames = [];

    public int Count => _frames.Count;

    public void Clear() => _frames.Clear();

    public void OnFrame(MavlinkFrame frame, long nowUs) => _frames.Add(frame.Raw.ToArray());

    public void Tick(long nowUs)
    {
    }

    public List<T> All<T>()
        where T : struct, IMavlinkMessage<T>
    {
        var result = new List<T>();
        var parser = new MavlinkParser(CommonDialect.Instance);
        foreach (byte[] raw in _frames)
        {
            ReadOnlySpan<byte> input = raw;
            if (parser.TryRead(ref input, out MavlinkFrame frame) && frame.TryDecode(out T message))
            {
                result.Add(message);
            }
        }

        return result;
    }

    public T Single<T>()
        where T : struct, IMavlinkMessage<T>
    {
        List<T> all = All<T>();
        Assert.True(all.Count == 1, $"expected one {typeof(T).Name}, got {all.Count}");
        return all[0];
    }

    public T Last<T>()
        where T : struct, IMavlinkMessage<T>
    {
        List<T> all = All<T>();
        Assert.True(all.Count > 0, $"no {typeof(T).Name} received");
        return all[^1];
    }
}
