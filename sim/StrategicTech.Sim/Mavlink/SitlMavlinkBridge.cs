using System.Net;
using StrategicTech.Autopilot.Comms;
using StrategicTech.Autopilot.Flight;
using StrategicTech.Autopilot.Runtime;
using StrategicTech.Drivers.Mavlink.Logs;
using StrategicTech.Drivers.Mavlink.Microservices;
using StrategicTech.Drivers.Mavlink.Transports;
using StrategicTech.Sim.Lockstep;

namespace StrategicTech.Sim.Mavlink;

/// <summary>
/// Exposes a <see cref="SitlVehicle"/> over MAVLink like a PX4 SITL vehicle: a <see cref="VehicleMavlinkEndpoint"/>
/// fed by <see cref="SitlTelemetrySource"/>, run by a task on the vehicle's scheduler. Bytes received on the network
/// thread are queued (<see cref="ByteChunkQueue"/>) and parsed inside the loop task, so the loop never waits on I/O;
/// without a network (in-memory) the run is deterministic. Attach before the first <see cref="SitlVehicle.Step"/>.
/// </summary>
public sealed class SitlMavlinkBridge : IDisposable
{
    private readonly ByteChunkQueue _inbound = new();
    private readonly UdpTransport? _udp;
    private readonly TlogWriter? _tlog;
    private DrainIntoNode _drain;

    private SitlMavlinkBridge(SitlVehicle vehicle, SitlMavlinkOptions options, IMavlinkFrameSink? outbound)
    {
        ArgumentNullException.ThrowIfNull(vehicle);
        IVehicleCommands commands = vehicle.Commands;
        if (options.ParameterFile is not null && File.Exists(options.ParameterFile))
        {
            using var reader = new StreamReader(options.ParameterFile);
            vehicle.Parameters.Load(reader, options.ParameterFile);
        }
        Options = options;
        if (outbound is null && options.Udp)
        {
            _udp = new UdpTransport(BindEndPoint(options), RemoteEndPoint(options));
            outbound = new TransportFrameSink(_udp);
        }

        if (options.TlogPath is not null || options.TlogStream is not null)
        {
            _tlog = options.TlogStream is not null ? new TlogWriter(options.TlogStream, leaveOpen: true) : TlogWriter.Create(options.TlogPath!);
        }

        IMavlinkFrameSink sink = _tlog is not null
            ? new TlogFrameSink(_tlog, vehicle.Clock, options.TlogEpochUnixUs, outbound)
            : outbound ?? new DiscardSink();
        Node = new MavlinkNode(options.ResolvedSystemId, 1, sink, vehicle.Clock);
        if (_tlog is not null)
        {
            Node.Add(new TlogRecorder(_tlog, vehicle.Clock, options.TlogEpochUnixUs));
        }

        Endpoint = new VehicleMavlinkEndpoint(Node, commands, new SitlTelemetrySource(vehicle), new VehicleMavlinkEndpointOptions
        {
            VehicleType = vehicle.Physics.Airframe.Motors.Count == 6 ? Drivers.Mavlink.Dialects.Minimal.MavType.Hexarotor : Drivers.Mavlink.Dialects.Minimal.MavType.Quadrotor,
            Parameters = vehicle.Parameters,
            PersistParameters = options.ParameterFile is null ? null : store => store.SaveFile(options.ParameterFile),
            Uid = options.ResolvedSystemId,
        });
        _drain = new DrainIntoNode(Node);
        vehicle.Scheduler.Register("mavlink", new PeriodicAction(Run), options.RateHz, priority: 3);
        _udp?.Start((_, _, bytes) => _inbound.Enqueue(bytes));
    }

    public SitlMavlinkOptions Options { get; }

    public MavlinkNode Node { get; }

    public VehicleMavlinkEndpoint Endpoint { get; }

    /// <summary>The bound UDP address (null in memory).</summary>
    public IPEndPoint? LocalEndPoint => _udp?.LocalEndPoint;

    /// <summary>Received bytes dropped because the loop fell behind.</summary>
    public long DroppedBytes => _inbound.DroppedBytes;

    /// <summary>The one-liner: UDP as PX4 SITL (bind 127.0.0.1:14580+instance, send to 127.0.0.1:14550), optional tlog.</summary>
    public static SitlMavlinkBridge Attach(SitlVehicle vehicle, SitlMavlinkOptions? options = null) =>
        new(vehicle, options ?? new SitlMavlinkOptions(), outbound: null);

    /// <summary>In-process link: frames go to <paramref name="toGround"/>; feed the ground's bytes to <see cref="Enqueue"/>.</summary>
    public static SitlMavlinkBridge AttachInMemory(SitlVehicle vehicle, IMavlinkFrameSink toGround, SitlMavlinkOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(toGround);
        return new(vehicle, (options ?? new SitlMavlinkOptions()) with { Udp = false }, toGround);
    }

    /// <summary>Queues received bytes (one producer thread at a time); parsed in the next loop task.</summary>
    public bool Enqueue(ReadOnlySpan<byte> bytes) => _inbound.Enqueue(bytes);

    public void Dispose()
    {
        _udp?.Dispose();
        _tlog?.Dispose();
    }

    private static IPEndPoint BindEndPoint(SitlMavlinkOptions options)
    {
        if (options.Bind is null)
        {
            return new IPEndPoint(IPAddress.Loopback, SitlMavlinkOptions.BasePort + options.Instance);
        }

        MavlinkEndpoint bind = MavlinkEndpoint.Parse(options.Bind);
        if (bind.Kind != MavlinkEndpointKind.UdpIn)
        {
            throw new FormatException($"MAVLink bind address '{options.Bind}' must be udpin://host:port");
        }

        return new IPEndPoint(IPAddress.Parse(bind.Host is "" or "localhost" ? "127.0.0.1" : bind.Host), bind.Port);
    }

    private static IPEndPoint? RemoteEndPoint(SitlMavlinkOptions options)
    {
        if (options.Remote is null)
        {
            return new IPEndPoint(IPAddress.Loopback, SitlMavlinkOptions.GroundStationPort);
        }

        if (options.Remote.Length == 0)
        {
            return null;
        }

        MavlinkEndpoint remote = MavlinkEndpoint.Parse(options.Remote);
        if (remote.Kind != MavlinkEndpointKind.UdpOut)
        {
            throw new FormatException($"MAVLink ground-station address '{options.Remote}' must be udpout://host:port");
        }

        return new IPEndPoint(IPAddress.Parse(remote.Host == "localhost" ? "127.0.0.1" : remote.Host), remote.Port);
    }

    private void Run(long timeUs)
    {
        _inbound.Drain(ref _drain);
        Endpoint.Tick();
    }

    private struct DrainIntoNode(MavlinkNode node) : IByteChunkConsumer
    {
        public readonly void Consume(ReadOnlySpan<byte> chunk) => node.Receive(chunk);
    }

    private sealed class DiscardSink : IMavlinkFrameSink
    {
        public bool Send(ReadOnlySpan<byte> frame) => true;
    }
}
