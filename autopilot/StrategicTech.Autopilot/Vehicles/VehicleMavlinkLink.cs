using System.Net;
using StrategicTech.Autopilot.Comms;
using StrategicTech.Autopilot.Flight;
using StrategicTech.Drivers.Mavlink.Logs;
using StrategicTech.Drivers.Mavlink.Microservices;
using StrategicTech.Drivers.Mavlink.Transports;

namespace StrategicTech.Autopilot.Vehicles;

/// <summary>
/// A <see cref="Vehicle"/>'s MAVLink link, as PX4 exposes its vehicles: a <see cref="VehicleMavlinkEndpoint"/> fed by
/// <see cref="VehicleTelemetrySource"/>, run by a task on the vehicle's scheduler. Bytes received on the network
/// thread are queued (<see cref="ByteChunkQueue"/>) and parsed inside the loop task, so the loop never waits on I/O;
/// without a network (in-memory) the run is deterministic. Attach before the vehicle's first tick.
/// </summary>
public sealed class VehicleMavlinkLink : IDisposable
{
    private readonly ByteChunkQueue _inbound = new();
    private readonly UdpTransport? _udp;
    private readonly TlogWriter? _tlog;
    private DrainIntoNode _drain;

    private VehicleMavlinkLink(Vehicle vehicle, VehicleMavlinkLinkOptions options, IMavlinkFrameSink? outbound)
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

        Endpoint = new VehicleMavlinkEndpoint(Node, commands, new VehicleTelemetrySource(vehicle), new VehicleMavlinkEndpointOptions
        {
            VehicleType = vehicle.MotorCount == 6 ? Drivers.Mavlink.Dialects.Minimal.MavType.Hexarotor : Drivers.Mavlink.Dialects.Minimal.MavType.Quadrotor,
            Parameters = vehicle.Parameters,
            PersistParameters = options.ParameterFile is null ? null : store => store.SaveFile(options.ParameterFile),
            Uid = options.ResolvedSystemId,
        });
        _drain = new DrainIntoNode(Node);
        vehicle.Scheduler.Register("mavlink", new PeriodicAction(Run), options.RateHz, Vehicle.MavlinkPriority);
        vehicle.Mavlink = this;
        _udp?.Start((_, _, bytes) => _inbound.Enqueue(bytes));
    }

    public VehicleMavlinkLinkOptions Options { get; }

    public MavlinkNode Node { get; }

    public VehicleMavlinkEndpoint Endpoint { get; }

    /// <summary>The bound UDP address (null in memory).</summary>
    public IPEndPoint? LocalEndPoint => _udp?.LocalEndPoint;

    /// <summary>Received bytes dropped because the loop fell behind.</summary>
    public long DroppedBytes => _inbound.DroppedBytes;

    /// <summary>The one-liner: UDP as PX4 SITL (bind 127.0.0.1:14580+instance, send to 127.0.0.1:14550), optional tlog.</summary>
    public static VehicleMavlinkLink Attach(Vehicle vehicle, VehicleMavlinkLinkOptions? options = null) =>
        new(vehicle, options ?? new VehicleMavlinkLinkOptions(), outbound: null);

    /// <summary>In-process link: frames go to <paramref name="toGround"/>; feed the ground's bytes to <see cref="Enqueue"/>.</summary>
    public static VehicleMavlinkLink AttachInMemory(Vehicle vehicle, IMavlinkFrameSink toGround, VehicleMavlinkLinkOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(toGround);
        return new(vehicle, (options ?? new VehicleMavlinkLinkOptions()) with { Udp = false }, toGround);
    }

    /// <summary>Queues received bytes (one producer thread at a time); parsed in the next loop task.</summary>
    public bool Enqueue(ReadOnlySpan<byte> bytes) => _inbound.Enqueue(bytes);

    public void Dispose()
    {
        _udp?.Dispose();
        _tlog?.Dispose();
    }

    private static IPEndPoint BindEndPoint(VehicleMavlinkLinkOptions options)
    {
        if (options.Bind is null)
        {
            return new IPEndPoint(IPAddress.Loopback, VehicleMavlinkLinkOptions.BasePort + options.Instance);
        }

        MavlinkEndpoint bind = MavlinkEndpoint.Parse(options.Bind);
        if (bind.Kind != MavlinkEndpointKind.UdpIn)
        {
            throw new FormatException($"MAVLink bind address '{options.Bind}' must be udpin://host:port");
        }

        return new IPEndPoint(IPAddress.Parse(bind.Host is "" or "localhost" ? "127.0.0.1" : bind.Host), bind.Port);
    }

    private static IPEndPoint? RemoteEndPoint(VehicleMavlinkLinkOptions options)
    {
        if (options.Remote is null)
        {
            return new IPEndPoint(IPAddress.Loopback, VehicleMavlinkLinkOptions.GroundStationPort);
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
