using System.Net;
using StrategicTech.Autopilot.Calibration;
using StrategicTech.Autopilot.Comms;
using StrategicTech.Autopilot.Flight;
using StrategicTech.Autopilot.Parameters;
using StrategicTech.Autopilot.Runtime;
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
    private readonly QueuedFrameSink? _udpSender;
    private readonly TlogWriter? _tlog;
    private readonly QueuedWriteStream? _tlogFile;
    private readonly ParameterFilePersister? _parameterFile;
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
            // Sends leave the loop: a background thread does the socket calls (and takes the transport's peer lock).
            _udp = new UdpTransport(BindEndPoint(options), RemoteEndPoint(options));
            _udpSender = new QueuedFrameSink(new TransportFrameSink(_udp));
            outbound = _udpSender;
        }

        if (options.TlogStream is not null)
        {
            _tlog = new TlogWriter(options.TlogStream, leaveOpen: true);
        }
        else if (options.TlogPath is not null)
        {
            // The tlog file is written by a background thread, byte for byte what the loop wrote, in order.
            var file = new FileStream(options.TlogPath, FileMode.Create, FileAccess.Write, FileShare.Read, 64 * 1024);
            _tlogFile = new QueuedWriteStream(file, options.WaitForLogWriter ? QueueOverflow.Wait : QueueOverflow.Drop, "tlog-writer");
            _tlog = new TlogWriter(_tlogFile);
        }

        if (options.ParameterFile is not null)
        {
            _parameterFile = new ParameterFilePersister(vehicle.Parameters, options.ParameterFile);
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
            PersistParameters = _parameterFile is null ? null : _parameterFile.Request,
            Uid = options.ResolvedSystemId,
            VehicleMission = () => vehicle.Commander.Mission.Items,
        });
        PreflightCalibrationCommand.Register(Endpoint.Commands, vehicle.Calibration, () => commands.Status.Armed);
        if (_parameterFile is not null)
        {
            vehicle.Calibration.Persist = _parameterFile.Request;
        }

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

    /// <summary>Outbound UDP bytes dropped because the send thread fell behind.</summary>
    public long DroppedSendBytes => _udpSender?.DroppedBytes ?? 0;

    /// <summary>tlog bytes dropped because the writer thread fell behind (never with <see cref="VehicleMavlinkLinkOptions.WaitForLogWriter"/>).</summary>
    public long DroppedTlogBytes => _tlogFile?.DroppedBytes ?? 0;

    /// <summary>Parameter-file writes (accepted PARAM_SETs coalesced by the background writer).</summary>
    public long ParameterFileWrites => _parameterFile?.Writes ?? 0;

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

    /// <summary>Sends what is queued, writes the rest of the tlog and the last parameter values, then closes.</summary>
    public void Dispose()
    {
        _udpSender?.Dispose();
        _udp?.Dispose();
        _tlog?.Dispose();
        _parameterFile?.Dispose();
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
        Endpoint.SyncVehicleMission();
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
