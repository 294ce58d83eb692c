using StrategicTech.Drivers.Mavlink;
using StrategicTech.Drivers.Mavlink.Dialects.Common;
using StrategicTech.Drivers.Mavlink.Microservices;
using StrategicTech.Drivers.Mavlink.Microservices.Command.Client;
using StrategicTech.Drivers.Mavlink.Microservices.Mission.Client;
using StrategicTech.Sim.Lockstep;
using StrategicTech.Autopilot.Vehicles;

namespace StrategicTech.Sim.Tests.Mavlink;

/// <summary>
/// A ground station (system 255) in the same process as a SITL vehicle, joined in memory and stepped in lockstep:
/// every frame it receives is kept (decoded on demand); its command and mission clients run on the vehicle clock.
/// </summary>
internal sealed class GroundStation : IMavlinkService, IMavlinkFrameSink
{
    private readonly List<byte[]> _frames = [];

    public GroundStation(SitlVehicle vehicle, VehicleMavlinkLinkOptions? options = null)
    {
        Vehicle = vehicle;
        Node = new MavlinkNode(255, 190, new ToVehicle(this), vehicle.Clock);
        Node.Add(this);
        Commands = Node.Add(new CommandClient(Node));
        Missions = Node.Add(new MissionClient(Node, 1, 1));
        Bridge = VehicleMavlinkLink.AttachInMemory(vehicle.Vehicle, this, options);
    }

    public SitlVehicle Vehicle { get; }

    public MavlinkNode Node { get; }

    public CommandClient Commands { get; }

    public MissionClient Missions { get; }

    public VehicleMavlinkLink Bridge { get; }

    public bool Send(ReadOnlySpan<byte> frame)
    {
        Node.Receive(frame);
        return true;
    }

    public void OnFrame(MavlinkFrame frame, long nowUs) => _frames.Add(frame.Raw.ToArray());

    public void Tick(long nowUs)
    {
    }

    /// <summary>Steps the vehicle (ground ticks at 50 Hz) until <paramref name="done"/> or the timeout; true when done.</summary>
    public bool RunUntil(Func<bool> done, long timeoutUs)
    {
        long endUs = Vehicle.Clock.TimeUs + timeoutUs;
        while (Vehicle.Clock.TimeUs < endUs)
        {
            Vehicle.Step();
            if (Vehicle.Scheduler.TickCount % 20 == 0)
            {
                Node.Tick();
                if (done())
                {
                    return true;
                }
            }
        }

        return done();
    }

    public T Await<T>(Task<T> task, long timeoutUs = 20_000_000)
    {
        Assert.True(RunUntil(() => task.IsCompleted, timeoutUs), "ground-station operation timed out");
        return task.GetAwaiter().GetResult();
    }

    public void Await(Task task, long timeoutUs = 20_000_000)
    {
        Assert.True(RunUntil(() => task.IsCompleted, timeoutUs), "ground-station operation timed out");
        task.GetAwaiter().GetResult();
    }

    public MavResult Command(MavCmd command, float p1 = 0, float p2 = 0, float p3 = 0, float p7 = 0) =>
        Await(Commands.SendAsync(new CommandLong { TargetSystem = 1, TargetComponent = 1, Command = command, Param1 = p1, Param2 = p2, Param3 = p3, Param7 = p7 }));

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

    private sealed class ToVehicle(GroundStation ground) : IMavlinkFrameSink
    {
        public bool Send(ReadOnlySpan<byte> frame) => ground.Bridge.Enqueue(frame);
    }
}
