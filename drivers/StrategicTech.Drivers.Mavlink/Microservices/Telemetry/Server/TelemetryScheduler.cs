using StrategicTech.Drivers.Mavlink.Dialects.Common;
using StrategicTech.Drivers.Mavlink.Microservices.Command.Server;

namespace StrategicTech.Drivers.Mavlink.Microservices.Telemetry.Server;

/// <summary>
/// The vehicle side of the message-interval microservice for one link (one <see cref="MavlinkNode"/>): the vehicle
/// registers each stream it can send (message type, default interval, a <see cref="TelemetryProvider{TMessage}"/>),
/// and the scheduler sends every due stream on <see cref="Tick"/>. Ground stations change rates with
/// MAV_CMD_SET_MESSAGE_INTERVAL (interval −1 disables, 0 restores the default, N µs sets it, clamped to
/// <see cref="MinIntervalUs"/>), read them with MAV_CMD_GET_MESSAGE_INTERVAL (answered by MESSAGE_INTERVAL: −1
/// disabled, 0 not available, else the interval) and ask for one instance with MAV_CMD_REQUEST_MESSAGE (also for
/// MESSAGE_INTERVAL itself, param2 = the id). SET_MESSAGE_INTERVAL or REQUEST_MESSAGE for a message id that is not
/// registered is answered MAV_RESULT_DENIED: the command is supported, the parameter value is not (common.xml's
/// MAV_RESULT meanings); GET_MESSAGE_INTERVAL for it is accepted and reports 0 ("not available"). Param7 (response
/// target) is not used: our streamed messages carry no target address. One scheduler per link, as the spec scopes
/// intervals to the link the command arrived on.
/// Sending allocates nothing; commands and ticks run on the node's thread.
/// </summary>
public sealed class TelemetryScheduler : IMavlinkService, ICommandHandler
{
    /// <summary>Interval value meaning "not sent" (MESSAGE_INTERVAL's −1).</summary>
    public const long Disabled = -1;

    private const uint MaxMessageId = 16_777_215;

    private readonly MavlinkNode _node;
    private readonly Dictionary<uint, TelemetryStream> _byId = [];
    private readonly List<TelemetryStream> _streams = [];
    private ICommandHandler? _requestMessageFallback;

    public TelemetryScheduler(MavlinkNode node, long minIntervalUs = 1_000)
    {
        _node = node ?? throw new ArgumentNullException(nameof(node));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(minIntervalUs);
        MinIntervalUs = minIntervalUs;
    }

    /// <summary>Shortest interval a request may set (faster requests are clamped to it; default 1 ms = 1 kHz).</summary>
    public long MinIntervalUs { get; }

    /// <summary>The registered streams, in registration order.</summary>
    public IReadOnlyList<TelemetryStream> Streams => _streams;

    /// <summary>Interval or one-shot requests for message ids that are not registered (answered DENIED).</summary>
    public long UnknownRequests { get; private set; }

    /// <summary>Requests with an invalid id or interval (NaN, fractional, below −1).</summary>
    public long InvalidRequests { get; private set; }

    /// <summary>
    /// Registers a stream (at start-up). <paramref name="defaultIntervalUs"/> ≤ 0 means "available on request
    /// only". The first message of an enabled stream goes out on the first tick.
    /// </summary>
    public TelemetryStream Register<TMessage>(long defaultIntervalUs, TelemetryProvider<TMessage> provider)
        where TMessage : struct, IMavlinkMessage<TMessage>
    {
        var stream = new TelemetryStream<TMessage>(defaultIntervalUs, provider);
        if (!_byId.TryAdd(stream.MessageId, stream))
        {
            throw new InvalidOperationException($"a stream for {stream.MessageName} (id {stream.MessageId}) is already registered");
        }

        _streams.Add(stream);
        return stream;
    }

    /// <summary>
    /// Handles MAV_CMD_SET_MESSAGE_INTERVAL, MAV_CMD_GET_MESSAGE_INTERVAL and MAV_CMD_REQUEST_MESSAGE on
    /// <paramref name="server"/>. A REQUEST_MESSAGE handler registered before (e.g. <see cref="Capabilities.Server.AutopilotVersionResponder"/>)
    /// keeps answering the ids this scheduler does not stream.
    /// </summary>
    public void RegisterOn(CommandServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        if (server.TryGetHandler(MavCmd.RequestMessage, out ICommandHandler? previous) && !ReferenceEquals(previous, this))
        {
            _requestMessageFallback = previous;
        }

        server.Register(MavCmd.SetMessageInterval, this);
        server.Register(MavCmd.GetMessageInterval, this);
        server.Register(MavCmd.RequestMessage, this);
    }

    /// <summary>The stream of <paramref name="messageId"/>, if registered.</summary>
    public bool TryGetStream(uint messageId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out TelemetryStream? stream) =>
        _byId.TryGetValue(messageId, out stream);

    /// <summary>
    /// Sets a stream's interval as SET_MESSAGE_INTERVAL would (−1 disable, 0 default, else µs clamped to
    /// <see cref="MinIntervalUs"/>); call on the node's thread. False when the id is not registered or the value is invalid.
    /// </summary>
    public bool TrySetIntervalUs(uint messageId, long intervalUs, long nowUs)
    {
        if (intervalUs < Disabled || !_byId.TryGetValue(messageId, out TelemetryStream? stream))
        {
            return false;
        }

        stream.IntervalUs = intervalUs switch
        {
            Disabled => Disabled,
            0 => stream.DefaultIntervalUs,
            _ => Math.Max(intervalUs, MinIntervalUs),
        };
        // A new rate starts now rather than after the old period.
        stream.NextDueUs = nowUs;
        return true;
    }

    public void OnFrame(MavlinkFrame frame, long nowUs)
    {
    }

    public void Tick(long nowUs)
    {
        for (int i = 0; i < _streams.Count; i++)
        {
            TelemetryStream stream = _streams[i];
            long intervalUs = stream.IntervalUs;
            if (intervalUs <= 0 || nowUs < stream.NextDueUs)
            {
                continue;
            }

            if (!stream.Emit(_node, nowUs))
            {
                continue;
            }

            // Keep an even cadence when ticks are late, but never burst to catch up.
            long next = stream.NextDueUs + intervalUs;
            stream.NextDueUs = stream.NextDueUs == long.MinValue || next <= nowUs ? nowUs + intervalUs : next;
        }
    }

    public CommandReply Execute(in CommandRequest request, long nowUs)
    {
        if (!TryMessageId(request.Param1, out uint messageId))
        {
            InvalidRequests++;
            return CommandReply.Denied;
        }

        switch (request.Command)
        {
            case MavCmd.SetMessageInterval:
                return SetInterval(messageId, request.Param2, nowUs);
            case MavCmd.GetMessageInterval:
                SendInterval(messageId);
                return CommandReply.Accepted;
            case MavCmd.RequestMessage:
                return RequestMessage(messageId, request, nowUs);
            default:
                return new CommandReply(MavResult.Unsupported);
        }
    }

    private CommandReply SetInterval(uint messageId, float intervalParam, long nowUs)
    {
        if (!float.IsFinite(intervalParam) || intervalParam < Disabled || intervalParam != MathF.Round(intervalParam))
        {
            InvalidRequests++;
            return CommandReply.Denied;
        }

        if (!_byId.ContainsKey(messageId))
        {
            UnknownRequests++;
            return CommandReply.Denied;
        }

        TrySetIntervalUs(messageId, (long)intervalParam, nowUs);
        return CommandReply.Accepted;
    }

    private CommandReply RequestMessage(uint messageId, in CommandRequest request, long nowUs)
    {
        if (messageId == MessageInterval.MsgId)
        {
            if (!TryMessageId(request.Param2, out uint asked))
            {
                InvalidRequests++;
                return CommandReply.Denied;
            }

            SendInterval(asked);
            return CommandReply.Accepted;
        }

        if (_byId.TryGetValue(messageId, out TelemetryStream? stream))
        {
            return stream.Emit(_node, nowUs) ? CommandReply.Accepted : new CommandReply(MavResult.TemporarilyRejected);
        }

        if (_requestMessageFallback is not null)
        {
            return _requestMessageFallback.Execute(request, nowUs);
        }

        UnknownRequests++;
        return CommandReply.Denied;
    }

    private void SendInterval(uint messageId)
    {
        int intervalUs = _byId.TryGetValue(messageId, out TelemetryStream? stream)
            ? (int)Math.Clamp(stream.IntervalUs, Disabled, int.MaxValue)
            : 0;
        if (stream is null)
        {
            UnknownRequests++;
        }

        _node.Send(new MessageInterval { MessageId = (ushort)Math.Min(messageId, ushort.MaxValue), IntervalUs = intervalUs });
    }

    private static bool TryMessageId(float param, out uint messageId)
    {
        if (!float.IsFinite(param) || param < 0 || param > MaxMessageId || param != MathF.Round(param))
        {
            messageId = 0;
            return false;
        }

        messageId = (uint)param;
        return true;
    }
}
