using System.Collections.Concurrent;
using StrategicTech.Drivers.Mavlink;
using StrategicTech.Drivers.Mavlink.Dialects.Common;
using StrategicTech.Drivers.Mavlink.Dialects.Standard;
using StrategicTech.Drivers.Mavlink.Microservices;
using StrategicTech.Drivers.Mavlink.Microservices.Parameters;
using StrategicTech.Drivers.Mavlink.Microservices.Parameters.Client;
using StrategicTech.GroundStation.Parameters;

namespace StrategicTech.GroundStation.Link;

/// <summary>
/// The ground station's parameter side: one <see cref="ParameterClient"/> per vehicle (autopilot component 1) created
/// on first use, and every PARAM_VALUE seen on the link turned into an event for the render thread, so the table fills
/// as values stream in, the way QGroundControl's does. Downloads re-request missing indices (the client's job); their
/// end and every set's outcome become events too. The event queue is bounded: beyond <see cref="MaxQueuedEvents"/> new
/// events are dropped and counted (a flooding peer cannot grow memory).
/// </summary>
public sealed class ParameterHub : IMavlinkService, IParameterService
{
    public const int MaxQueuedEvents = 20_000;
    public const byte AutopilotComponent = 1;

    private readonly MavlinkNode _node;
    private readonly Lock _lock = new();
    private readonly ConcurrentQueue<ParameterEvent> _events = new();
    private readonly ParameterEncoding[] _encodings = new ParameterEncoding[256];
    private ParameterClient[] _clients = [];
    private int _queued;

    public ParameterHub(MavlinkNode node, long timeoutUs = 1_000_000, int retries = 3)
    {
        _node = node ?? throw new ArgumentNullException(nameof(node));
        Array.Fill(_encodings, ParameterEncoding.CCast);
        TimeoutUs = timeoutUs;
        Retries = retries;
    }

    public long TimeoutUs { get; }

    public int Retries { get; }

    /// <summary>Events dropped because the render thread fell behind by more than <see cref="MaxQueuedEvents"/>.</summary>
    public long DroppedEvents { get; private set; }

    public void Download(byte systemId)
    {
        // The value encoding (PX4 bytewise, ArduPilot C-cast) comes from AUTOPILOT_VERSION's capabilities: ask for it
        // first, so it arrives ahead of the values (as QGroundControl does on connect).
        _node.Send(new CommandLong
        {
            TargetSystem = systemId,
            TargetComponent = AutopilotComponent,
            Command = MavCmd.RequestMessage,
            Param1 = AutopilotVersion.MsgId,
        });
        ParameterClient client = ClientFor(systemId);
        client.ListAsync().ContinueWith(
            t => Post(t.IsCompletedSuccessfully
                ? new ParameterEvent(ParameterEventKind.DownloadComplete, systemId, AutopilotComponent, string.Empty, -1, t.Result.Count, default, string.Empty)
                : new ParameterEvent(ParameterEventKind.DownloadFailed, systemId, AutopilotComponent, string.Empty, -1, 0, default, Reason(t))),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    public void Set(byte systemId, string name, ParameterValue value)
    {
        ParameterClient client = ClientFor(systemId);
        client.SetAsync(name, value).ContinueWith(
            t => Post(t.IsCompletedSuccessfully
                ? new ParameterEvent(ParameterEventKind.SetAccepted, systemId, AutopilotComponent, name, t.Result.Index, t.Result.Count, t.Result.Value, string.Empty)
                : new ParameterEvent(ParameterEventKind.SetFailed, systemId, AutopilotComponent, name, -1, 0, value, Reason(t))),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    public bool TryTake(out ParameterEvent parameterEvent)
    {
        if (_events.TryDequeue(out parameterEvent))
        {
            Interlocked.Decrement(ref _queued);
            return true;
        }

        return false;
    }

    public void OnFrame(MavlinkFrame frame, long nowUs)
    {
        ParameterClient[] clients = Volatile.Read(ref _clients);
        for (int i = 0; i < clients.Length; i++)
        {
            clients[i].OnFrame(frame, nowUs);
        }

        if (frame.ComponentId == AutopilotComponent && frame.TryDecode(out AutopilotVersion version))
        {
            _encodings[frame.SystemId] = ParameterCodec.FromCapabilities(version.Capabilities);
            return;
        }

        if (frame.TryDecode(out ParamValue message)
            && ParameterCodec.TryDecode(message.ParamValueValue, message.ParamType, _encodings[frame.SystemId], out ParameterValue value))
        {
            Post(new ParameterEvent(ParameterEventKind.Value, frame.SystemId, frame.ComponentId, message.ParamIdText, message.ParamIndex, message.ParamCount, value, string.Empty));
        }
    }

    public void Tick(long nowUs)
    {
        ParameterClient[] clients = Volatile.Read(ref _clients);
        for (int i = 0; i < clients.Length; i++)
        {
            clients[i].Tick(nowUs);
        }
    }

    private static string Reason(Task t) => t.Exception?.InnerException?.Message ?? "cancelled";

    private ParameterClient ClientFor(byte systemId)
    {
        lock (_lock)
        {
            foreach (ParameterClient c in _clients)
            {
                if (c.TargetSystem == systemId)
                {
                    return c;
                }
            }

            var client = new ParameterClient(_node, systemId, AutopilotComponent, _encodings[systemId], TimeoutUs, Retries);
            Volatile.Write(ref _clients, [.. _clients, client]);
            return client;
        }
    }

    private void Post(in ParameterEvent parameterEvent)
    {
        if (Interlocked.Increment(ref _queued) > MaxQueuedEvents)
        {
            Interlocked.Decrement(ref _queued);
            DroppedEvents++;
            return;
        }

        _events.Enqueue(parameterEvent);
    }
}
