using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using StrategicTech.Drivers.Rosbridge.Codec;
using StrategicTech.Drivers.Rosbridge.Messages;
using StrategicTech.Drivers.Rosbridge.Messages.Preallocated;
using StrategicTech.Drivers.Rosbridge.Protocol;

namespace StrategicTech.Drivers.Rosbridge.Client;

/// <summary>
/// A rosbridge v2 client on <see cref="ClientWebSocket"/>. One background task owns the socket: it connects,
/// re-advertises and re-subscribes after every (re)connect with exponential back-off, receives and dispatches
/// frames (JSON text or CBOR binary, fragments reassembled), and sends what the queues hold. Callers meet it only
/// through preallocated rings (<see cref="TopicSubscription{T}"/>, <see cref="TopicPublisher{T}"/>) and tasks for
/// requests correlated by <c>id</c>. It never waits for <c>status</c> ops (ROS 1 rosbridge sends none): failures
/// arrive as <c>result: false</c> or as a timeout. Bad frames are counted in <see cref="Counters"/>, never fatal.
/// </summary>
public sealed class RosbridgeClient : IAsyncDisposable
{
    private readonly Uri _uri;
    private readonly RosbridgeClientOptions _options;
    private readonly ConcurrentDictionary<string, ISubscriptionEntry> _subscriptions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IPublisherEntry> _publishers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ServiceHandler> _services = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Action<RosbridgeEnvelope>> _pending = new(StringComparer.Ordinal);
    private readonly Channel<Outgoing> _outgoing;
    private readonly FragmentAssembler _fragments = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly CborInto _cborInto = new(); // the receive thread's (one frame at a time)
    private readonly Lock _routesLock = new();
    private Route[] _routes = [];
    private Task? _run;
    private long _nextId;
    private volatile bool _connected;
    private bool _inReassembled; // the receive thread's

    public RosbridgeClient(Uri uri, RosbridgeClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(uri);
        _uri = uri;
        _options = options ?? new RosbridgeClientOptions();
        _outgoing = Channel.CreateBounded<Outgoing>(new BoundedChannelOptions(_options.SendQueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.DropWrite,
        });
    }

    public RosbridgeCounters Counters { get; } = new();

    public bool IsConnected => _connected;

    /// <summary>Raised on the socket thread after each successful (re)connect and re-registration.</summary>
    public event Action? Connected;

    /// <summary>Starts the connection task (idempotent).</summary>
    public void Start() => _run ??= Task.Run(() => RunAsync(_stop.Token));

    /// <summary>Waits until the link is up (for start-up code and tests, not for a control loop).</summary>
    public async Task WaitConnectedAsync(TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (!_connected)
        {
            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"rosbridge {_uri} not connected within {timeout.TotalSeconds:0.#} s");
            }

            await Task.Delay(10).ConfigureAwait(false);
        }
    }

    public TopicSubscription<T> Subscribe<T>(string topic, RosType<T> type, SubscribeOptions? options = null, int queueCapacity = 16)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(type);
        if (options?.Compression == RosbridgeCompression.CborRaw && type.Cdr is null)
        {
            throw new ArgumentException($"cbor-raw needs a CDR codec; {type.Name} has none", nameof(options));
        }

        string id = NextId("subscribe:" + topic);
        var subscription = new TopicSubscription<T>(topic, type, options ?? SubscribeOptions.Default, id, queueCapacity, Counters);
        _subscriptions[id] = subscription;
        RebuildRoutes();
        SendSubscribe(subscription);
        return subscription;
    }

    /// <summary>
    /// Subscribes with in-place decoding: each publish (JSON, CBOR or cbor-raw, as <paramref name="options"/> asks) is
    /// decoded on the socket thread straight into a slot of a ring of <paramref name="capacity"/> preallocated
    /// <typeparamref name="TBuffer"/>s, which the control loop takes without allocating (no message objects, no
    /// document). Fragmented JSON publishes are reassembled first, into reused buffers (no allocation once a message of
    /// that size has passed).
    /// </summary>
    public PreallocatedSubscription<TBuffer> SubscribePreallocated<TBuffer>(
        string topic, PreallocatedType<TBuffer> type, SubscribeOptions? options = null, int capacity = 16)
        where TBuffer : class, IPreallocatedMessage
    {
        ArgumentNullException.ThrowIfNull(type);
        string id = NextId("subscribe:" + topic);
        var subscription = new PreallocatedSubscription<TBuffer>(topic, type, options ?? SubscribeOptions.Default, id, capacity);
        _subscriptions[id] = subscription;
        RebuildRoutes();
        SendSubscribe(subscription);
        return subscription;
    }

    public void Unsubscribe<T>(TopicSubscription<T> subscription)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(subscription);
        Unsubscribe(subscription.Id, subscription.Topic);
    }

    public void Unsubscribe<TBuffer>(PreallocatedSubscription<TBuffer> subscription)
        where TBuffer : class, IPreallocatedMessage
    {
        ArgumentNullException.ThrowIfNull(subscription);
        Unsubscribe(subscription.Id, subscription.Topic);
    }

    /// <summary>
    /// Advertises <paramref name="topic"/>. With <paramref name="keepWhileDown"/> (the default) messages published while
    /// the link is down wait in the publisher's ring and go out after the reconnect; without it they are discarded at
    /// the reconnect — for commands (cmd_vel) a message that waited through an outage is stale and must not move a robot.
    /// </summary>
    public TopicPublisher<T> Advertise<T>(string topic, RosType<T> type, int queueCapacity = 8, bool keepWhileDown = true)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(type);
        var publisher = new TopicPublisher<T>(topic, type, queueCapacity, p => _outgoing.Writer.TryWrite(new Outgoing(null, p)), keepWhileDown);
        _publishers[topic] = publisher;
        Enqueue(RosbridgeFrames.Advertise(topic, type.Name));
        return publisher;
    }

    /// <summary>Calls a service; throws <see cref="RosServiceException"/> on <c>result: false</c>, <see cref="TimeoutException"/> when no response comes.</summary>
    public async Task<TResponse> CallServiceAsync<TRequest, TResponse>(
        string service, TRequest request, RosType<TRequest> requestType, RosType<TResponse> responseType, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requestType);
        ArgumentNullException.ThrowIfNull(responseType);
        string id = NextId("call_service:" + service);
        var done = new TaskCompletionSource<TResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = envelope =>
        {
            if (envelope.Op != RosbridgeOps.ServiceResponse)
            {
                return;
            }

            _pending.TryRemove(id, out _);
            if (envelope.GetBoolean("result") == true)
            {
                done.TrySetResult(envelope.Decode("values", responseType.Contract, responseType.Name));
            }
            else
            {
                done.TrySetException(new RosServiceException($"service {service} failed: {DescribeValues(envelope)}"));
            }
        };
        Enqueue(RosbridgeFrames.CallService(service, id, request, requestType.Contract));
        try
        {
            return await done.Task.WaitAsync(timeout ?? _options.RequestTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _pending.TryRemove(id, out _);
            throw new TimeoutException($"service {service}: no response within {(timeout ?? _options.RequestTimeout).TotalSeconds:0.#} s");
        }
    }

    /// <summary>
    /// Serves a service to the bridge (advertise_service). The handler runs on the socket thread; an exception it
    /// throws becomes a <c>result: false</c> response carrying the message.
    /// </summary>
    public void AdvertiseService<TRequest, TResponse>(string service, RosType<TRequest> requestType, RosType<TResponse> responseType, Func<TRequest, TResponse> handler)
    {
        ArgumentNullException.ThrowIfNull(requestType);
        ArgumentNullException.ThrowIfNull(responseType);
        ArgumentNullException.ThrowIfNull(handler);
        _services[service] = new ServiceHandler(requestType.Name, envelope =>
        {
            string? id = envelope.Id;
            try
            {
                TResponse response = handler(envelope.Decode("args", requestType.Contract, requestType.Name));
                return RosbridgeFrames.ServiceResponse(service, id, true, response, responseType.Contract);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                return RosbridgeFrames.ServiceFailure(service, id, e.Message);
            }
        });
        Enqueue(RosbridgeFrames.AdvertiseService(service, requestType.Name));
    }

    /// <summary>
    /// Sends a ROS 2 action goal with feedback; completes with the action_result. Cancelling
    /// <paramref name="cancellationToken"/> sends cancel_action_goal and still waits for the result (status canceled).
    /// </summary>
    public async Task<ActionOutcome<TResult>> SendActionGoalAsync<TGoal, TFeedback, TResult>(
        string action, string actionType, TGoal goal, RosType<TGoal> goalType, RosType<TFeedback> feedbackType, RosType<TResult> resultType,
        Action<TFeedback>? onFeedback, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(goalType);
        ArgumentNullException.ThrowIfNull(feedbackType);
        ArgumentNullException.ThrowIfNull(resultType);
        string id = NextId("send_action_goal:" + action);
        var done = new TaskCompletionSource<ActionOutcome<TResult>>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = envelope =>
        {
            if (envelope.Op == RosbridgeOps.ActionFeedback)
            {
                onFeedback?.Invoke(envelope.Decode("values", feedbackType.Contract, feedbackType.Name));
                return;
            }

            if (envelope.Op != RosbridgeOps.ActionResult)
            {
                return;
            }

            _pending.TryRemove(id, out _);
            sbyte status = (sbyte)(envelope.GetInt32("status") ?? GoalStatus.Unknown);
            bool result = envelope.GetBoolean("result") ?? false;
            bool hasObject = envelope.TryGetElement("values", out JsonElement values) && values.ValueKind == JsonValueKind.Object;
            TResult? decoded = result && hasObject ? envelope.Decode("values", resultType.Contract, resultType.Name) : default;
            done.TrySetResult(new ActionOutcome<TResult>(status, result, decoded, result ? null : DescribeValues(envelope)));
        };
        Enqueue(RosbridgeFrames.SendActionGoal(action, actionType, id, goal, goalType.Contract, feedback: true));
        using CancellationTokenRegistration cancel = cancellationToken.Register(() => Enqueue(RosbridgeFrames.CancelActionGoal(action, id)));
        try
        {
            return await done.Task.WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _pending.TryRemove(id, out _);
            throw new TimeoutException($"action {action}: no result within {timeout.TotalSeconds:0.#} s");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_run is not null)
        {
            try
            {
                await _run.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }

        _stop.Dispose();
    }

    /// <summary>Handles one received WebSocket message (also the entry point for tests and replays).</summary>
    public void HandleFrame(ReadOnlyMemory<byte> frame, bool binary)
    {
        Interlocked.Increment(ref Counters.FramesReceivedValue);
        try
        {
            if (TryDeliverDirect(frame, binary))
            {
                return;
            }

            // After the direct path, so a plain publish (the common frame) is scanned once.
            if (!binary && JsonFragmentScanner.TryRead(frame.Span, out Range fragmentId, out Range data, out int num, out int total))
            {
                ReadOnlySpan<byte> span = frame.Span;
                if (_fragments.TryAddJsonToken(span[fragmentId], span[data], num, total, out ReadOnlyMemory<byte> whole))
                {
                    HandleReassembled(whole);
                }

                return;
            }

            using RosbridgeEnvelope envelope = binary ? RosbridgeEnvelope.ParseCbor(frame) : RosbridgeEnvelope.ParseJson(frame);
            Dispatch(envelope);
        }
        catch (RosbridgeFrameException e)
        {
            Count(e);
        }
    }

    /// <summary>
    /// A reassembled message (in the assembler's reused buffer, valid until its next fragment) goes the way a frame
    /// does: the direct path when it is a publish with preallocated subscriptions, else the envelope path.
    /// </summary>
    private void HandleReassembled(ReadOnlyMemory<byte> whole)
    {
        if (_inReassembled)
        {
            throw new RosbridgeFrameException(RosbridgeFrameError.Fragment, "a fragment inside a reassembled message");
        }

        _inReassembled = true;
        try
        {
            if (!TryDeliverDirect(whole, binary: false))
            {
                using RosbridgeEnvelope inner = RosbridgeEnvelope.ParseJson(whole);
                Dispatch(inner);
            }
        }
        finally
        {
            _inReassembled = false;
        }
    }

    private static string DescribeValues(RosbridgeEnvelope envelope) =>
        !envelope.TryGetElement("values", out JsonElement values) ? "(no reason given)"
        : values.ValueKind == JsonValueKind.String ? values.GetString()! : values.GetRawText();

    private void Dispatch(RosbridgeEnvelope envelope)
    {
        switch (envelope.Op)
        {
            case RosbridgeOps.Publish:
                DispatchPublish(envelope);
                break;
            case RosbridgeOps.Fragment:
                // Fragments the scanner could not take (CBOR-framed, escaped id) or that it left for reporting.
                if (_inReassembled)
                {
                    throw new RosbridgeFrameException(RosbridgeFrameError.Fragment, "a fragment inside a reassembled message");
                }

                if (_fragments.TryAdd(
                    Encoding.UTF8.GetBytes(envelope.Id ?? throw new RosbridgeFrameException(RosbridgeFrameError.Fragment, "fragment lacks 'id'")),
                    Encoding.UTF8.GetBytes(envelope.RequireString("data")),
                    envelope.GetInt32("num") ?? -1,
                    envelope.GetInt32("total") ?? -1,
                    out ReadOnlyMemory<byte> whole))
                {
                    HandleReassembled(whole);
                }

                break;
            case RosbridgeOps.ServiceResponse:
            case RosbridgeOps.ActionFeedback:
            case RosbridgeOps.ActionResult:
                string? id = envelope.Id;
                if (id is not null && _pending.TryGetValue(id, out Action<RosbridgeEnvelope>? handler))
                {
                    handler(envelope);
                }

                break;
            case RosbridgeOps.CallService:
                string service = envelope.RequireString("service");
                if (_services.TryGetValue(service, out ServiceHandler? serve))
                {
                    Enqueue(serve.Handle(envelope));
                }
                else
                {
                    Enqueue(RosbridgeFrames.ServiceFailure(service, envelope.Id, $"service {service} is not advertised by this client"));
                }

                break;
            case RosbridgeOps.Status:
                Interlocked.Increment(ref Counters.StatusMessagesValue);
                break;
            default:
                throw new RosbridgeFrameException(RosbridgeFrameError.UnknownOp, $"unknown op '{envelope.Op}'");
        }
    }

    /// <summary>
    /// A publish goes to the topic's subscriptions that asked for its encoding (text → none, CBOR with a raw
    /// {secs, nsecs, bytes} msg → cbor-raw, other CBOR → cbor), since several subscriptions of one topic get one frame
    /// each; when none asked for it (a server that ignored the compression) it goes to all of the topic's.
    /// </summary>
    private void DispatchPublish(RosbridgeEnvelope envelope)
    {
        string topic = envelope.RequireString("topic");
        string encoding = !envelope.WasCbor ? RosbridgeCompression.None : IsRawShaped(envelope) ? RosbridgeCompression.CborRaw : RosbridgeCompression.Cbor;
        bool anyAsked = false;
        foreach (ISubscriptionEntry subscription in _subscriptions.Values)
        {
            anyAsked |= string.Equals(subscription.Topic, topic, StringComparison.Ordinal) && subscription.CompressionInUse == encoding;
        }

        foreach (ISubscriptionEntry entry in _subscriptions.Values)
        {
            // Preallocated subscriptions took this frame on the direct path (TryDeliverDirect).
            if (entry is not IObjectSubscriptionEntry subscription
                || !string.Equals(subscription.Topic, topic, StringComparison.Ordinal) || (anyAsked && subscription.CompressionInUse != encoding))
            {
                continue;
            }

            try
            {
                subscription.Deliver(envelope);
            }
            catch (RosbridgeFrameException) when (envelope.WasCbor && IsCbor(subscription.CompressionInUse))
            {
                FallBackToJson(subscription);
                throw;
            }
        }
    }

    /// <summary>
    /// The direct path: a publish whose topic has preallocated subscriptions is found without parsing a document
    /// (<see cref="JsonPublishScanner"/>, <see cref="CborInto.TryReadPublish"/>) and its msg decoded in place into each
    /// of them, choosing by encoding as <see cref="DispatchPublish"/> does. A failed decode is counted (and a failing
    /// CBOR subscription falls back to JSON); the others still get the frame. True when no object subscription of
    /// the topic needs the envelope path too. Allocates nothing in steady state.
    /// </summary>
    private bool TryDeliverDirect(ReadOnlyMemory<byte> frame, bool binary)
    {
        Route[] routes = Volatile.Read(ref _routes);
        if (!HasDirect(routes))
        {
            return false;
        }

        ReadOnlyMemory<byte> topic, msg;
        string encoding;
        if (binary)
        {
            if (!_cborInto.TryReadPublish(frame, out topic, out msg))
            {
                return false;
            }

            encoding = _cborInto.TryReadRawBytes(msg, out _) ? RosbridgeCompression.CborRaw : RosbridgeCompression.Cbor;
        }
        else
        {
            if (!JsonPublishScanner.TryRead(frame.Span, out Range topicRange, out Range msgRange))
            {
                return false;
            }

            topic = frame[topicRange];
            msg = frame[msgRange];
            encoding = RosbridgeCompression.None;
        }

        bool anyDirect = false, anyObject = false, anyAsked = false;
        foreach (Route route in routes)
        {
            if (route.TopicUtf8.AsSpan().SequenceEqual(topic.Span))
            {
                anyDirect |= route.Direct is not null;
                anyObject |= route.Direct is null;
                anyAsked |= route.Entry.CompressionInUse == encoding;
            }
        }

        if (!anyDirect)
        {
            return false;
        }

        foreach (Route route in routes)
        {
            if (route.Direct is null || !route.TopicUtf8.AsSpan().SequenceEqual(topic.Span) || (anyAsked && route.Entry.CompressionInUse != encoding))
            {
                continue;
            }

            try
            {
                route.Direct.Deliver(msg, encoding, _cborInto);
            }
            catch (RosbridgeFrameException e)
            {
                if (binary && IsCbor(route.Entry.CompressionInUse))
                {
                    FallBackToJson(route.Entry);
                }

                Count(e);
            }
        }

        return !anyObject;
    }

    private static bool HasDirect(Route[] routes)
    {
        foreach (Route route in routes)
        {
            if (route.Direct is not null)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Rebuilds the copy-on-write topic table the direct path reads (subscribe/unsubscribe only).</summary>
    private void RebuildRoutes()
    {
        lock (_routesLock)
        {
            Volatile.Write(ref _routes, [.. _subscriptions.Values.Select(e => new Route(Encoding.UTF8.GetBytes(e.Topic), e, e as IPreallocatedEntry))]);
        }
    }

    private void Unsubscribe(string id, string topic)
    {
        if (_subscriptions.TryRemove(id, out _))
        {
            RebuildRoutes();
            Enqueue(RosbridgeFrames.Unsubscribe(topic, id));
        }
    }

    private static bool IsRawShaped(RosbridgeEnvelope envelope) =>
        envelope.TryGetElement("msg", out JsonElement msg) && msg.ValueKind == JsonValueKind.Object
        && msg.TryGetProperty("bytes", out _) && msg.TryGetProperty("secs", out _) && msg.TryGetProperty("nsecs", out _);

    private static bool IsCbor(string compression) => compression is RosbridgeCompression.Cbor or RosbridgeCompression.CborRaw;

    private void FallBackToJson(ISubscriptionEntry subscription)
    {
        Interlocked.Increment(ref Counters.CborFallbacksValue);
        subscription.CompressionInUse = RosbridgeCompression.None;
        Enqueue(RosbridgeFrames.Unsubscribe(subscription.Topic, subscription.Id));
        SendSubscribe(subscription);
    }

    private void SendSubscribe(ISubscriptionEntry subscription)
    {
        subscription.SubscribedAtTicks = Stopwatch.GetTimestamp();
        Enqueue(RosbridgeFrames.Subscribe(subscription.Topic, subscription.TypeName, subscription.Id,
            subscription.Options with { Compression = subscription.CompressionInUse }));
    }

    private void CheckCborFallbacks()
    {
        // The copy-on-write route table holds every subscription; ConcurrentDictionary.Values would copy a list per tick.
        foreach (Route route in Volatile.Read(ref _routes))
        {
            ISubscriptionEntry subscription = route.Entry;
            if (IsCbor(subscription.CompressionInUse) && subscription.Sequence == 0
                && Stopwatch.GetElapsedTime(subscription.SubscribedAtTicks) > _options.CborFallbackAfter)
            {
                FallBackToJson(subscription);
            }
        }
    }

    private void Count(RosbridgeFrameException e)
    {
        switch (e.Error)
        {
            case RosbridgeFrameError.InvalidJson: Interlocked.Increment(ref Counters.InvalidJsonValue); break;
            case RosbridgeFrameError.InvalidCbor: Interlocked.Increment(ref Counters.InvalidCborValue); break;
            case RosbridgeFrameError.UnknownOp: Interlocked.Increment(ref Counters.UnknownOpValue); break;
            case RosbridgeFrameError.Fragment: Interlocked.Increment(ref Counters.FragmentErrorsValue); break;
            case RosbridgeFrameError.MissingField: Interlocked.Increment(ref Counters.MissingFieldValue); break;
            default: Interlocked.Increment(ref Counters.WrongTypeValue); break;
        }

        Counters.LastError = e.Message;
    }

    private string NextId(string prefix) => prefix + ":" + Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture);

    private void Enqueue(byte[] frame)
    {
        if (!_outgoing.Writer.TryWrite(new Outgoing(frame, null)))
        {
            Interlocked.Increment(ref Counters.SendFailuresValue);
        }
    }

    private async Task RunAsync(CancellationToken stop)
    {
        TimeSpan delay = _options.ReconnectMinDelay;
        while (!stop.IsCancellationRequested)
        {
            using var socket = new ClientWebSocket();
            try
            {
                await socket.ConnectAsync(_uri, stop).ConfigureAwait(false);
                Interlocked.Increment(ref Counters.ConnectionsValue);
                delay = _options.ReconnectMinDelay;
                await RegisterAllAsync(socket, stop).ConfigureAwait(false);
                _connected = true;
                Connected?.Invoke();
                using var linkDown = CancellationTokenSource.CreateLinkedTokenSource(stop);
                Task receive = ReceiveLoopAsync(socket, linkDown.Token);
                Task send = SendLoopAsync(socket, linkDown.Token);
                Task fallbackChecks = FallbackCheckLoopAsync(linkDown.Token);
                await Task.WhenAny(receive, send).ConfigureAwait(false);
                await linkDown.CancelAsync().ConfigureAwait(false);
                await Task.WhenAll(receive.ContinueWith(_ => { }, TaskScheduler.Default), send.ContinueWith(_ => { }, TaskScheduler.Default), fallbackChecks).ConfigureAwait(false);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException or HttpRequestException)
            {
            }
            finally
            {
                _connected = false;
            }

            if (stop.IsCancellationRequested)
            {
                break;
            }

            try
            {
                await Task.Delay(delay, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.ReconnectMaxDelay.Ticks));
        }

        if (_connected)
        {
            _connected = false;
        }
    }

    /// <summary>
    /// After a (re)connect: the bridge forgot everything, so advertise, subscribe and serve again; publishers that do not
    /// keep messages while down drop what waited through the outage.
    /// </summary>
    private async Task RegisterAllAsync(ClientWebSocket socket, CancellationToken stop)
    {
        foreach (IPublisherEntry publisher in _publishers.Values)
        {
            if (!publisher.KeepWhileDown)
            {
                publisher.DiscardQueued(); // this task is the ring's reader; the previous link's send loop has ended
            }

            await SendAsync(socket, RosbridgeFrames.Advertise(publisher.Topic, publisher.TypeName), stop).ConfigureAwait(false);
        }

        foreach (ISubscriptionEntry subscription in _subscriptions.Values)
        {
            subscription.SubscribedAtTicks = Stopwatch.GetTimestamp();
            byte[] frame = RosbridgeFrames.Subscribe(subscription.Topic, subscription.TypeName, subscription.Id,
                subscription.Options with { Compression = subscription.CompressionInUse });
            await SendAsync(socket, frame, stop).ConfigureAwait(false);
        }

        foreach ((string service, ServiceHandler handler) in _services)
        {
            await SendAsync(socket, RosbridgeFrames.AdvertiseService(service, handler.TypeName), stop).ConfigureAwait(false);
        }

        // Registrations queued while down were just repeated in full; drop their queued copies.
        // An empty item is a stale link-down wake-up of the send loop.
        while (_outgoing.Reader.TryPeek(out Outgoing queued)
            && (queued.Frame is null ? queued.Publisher is null : IsRegistration(queued.Frame)))
        {
            _outgoing.Reader.TryRead(out _);
        }
    }

    private static bool IsRegistration(byte[] frame) =>
        frame.AsSpan().StartsWith("{\"op\":\"advertise"u8) || frame.AsSpan().StartsWith("{\"op\":\"subscribe"u8);

    /// <summary>
    /// Sends what the queue holds. It waits on the channel alone with no token (the single-reader channel then
    /// reuses one waiter, so an idle link allocates nothing); link-down wakes it with an empty item.
    /// </summary>
    private async Task SendLoopAsync(ClientWebSocket socket, CancellationToken linkDown)
    {
        using CancellationTokenRegistration wake = linkDown.Register(static s => ((ChannelWriter<Outgoing>)s!).TryWrite(default), _outgoing.Writer);
        while (!linkDown.IsCancellationRequested && socket.State == WebSocketState.Open)
        {
            if (!await _outgoing.Reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
            {
                return;
            }

            while (!linkDown.IsCancellationRequested && _outgoing.Reader.TryRead(out Outgoing item))
            {
                if (item.Frame is not null)
                {
                    await SendAsync(socket, item.Frame, linkDown).ConfigureAwait(false);
                }
                else if (item.Publisher is not null && item.Publisher.TryTakeFrame(out byte[] frame))
                {
                    await SendAsync(socket, frame, linkDown).ConfigureAwait(false);
                }
            }
        }
    }

    /// <summary>The CBOR fallback check on its own timer, so the send loop never wakes by time (0 B per tick).</summary>
    private async Task FallbackCheckLoopAsync(CancellationToken linkDown)
    {
        using var timer = new PeriodicTimer(_options.CborFallbackCheckPeriod);
        try
        {
            while (await timer.WaitForNextTickAsync(linkDown).ConfigureAwait(false))
            {
                CheckCborFallbacks();
                Interlocked.Increment(ref Counters.FallbackChecksValue);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    // The ValueTask overload: no Task per send.
    private static ValueTask SendAsync(ClientWebSocket socket, byte[] frame, CancellationToken token) =>
        socket.SendAsync(frame.AsMemory(), WebSocketMessageType.Text, endOfMessage: true, token);

    private async Task ReceiveLoopAsync(ClientWebSocket socket, CancellationToken linkDown)
    {
        byte[] chunk = ArrayPool<byte>.Shared.Rent(64 * 1024);
        var message = new ArrayBufferWriter<byte>(64 * 1024);

        // Receives take no token (a cancellable one costs a registration per receive); link-down aborts the socket once.
        using CancellationTokenRegistration abort = linkDown.Register(static s => ((ClientWebSocket)s!).Abort(), socket);
        try
        {
            while (!linkDown.IsCancellationRequested)
            {
                message.ResetWrittenCount();
                bool tooLarge = false;
                ValueWebSocketReceiveResult result;
                do
                {
                    // The Memory overload completes through a pooled ValueTask: no result object or Task per receive.
                    result = await socket.ReceiveAsync(chunk.AsMemory(), CancellationToken.None).ConfigureAwait(false);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        return;
                    }

                    if (message.WrittenCount + result.Count > _options.MaxFrameBytes)
                    {
                        tooLarge = true;
                    }
                    else
                    {
                        message.Write(chunk.AsSpan(0, result.Count));
                    }
                }
                while (!result.EndOfMessage);

                if (tooLarge)
                {
                    Count(new RosbridgeFrameException(RosbridgeFrameError.InvalidJson, $"frame larger than {_options.MaxFrameBytes} bytes discarded"));
                    continue;
                }

                HandleFrame(message.WrittenMemory, result.MessageType == WebSocketMessageType.Binary);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    private readonly record struct Outgoing(byte[]? Frame, IPublisherEntry? Publisher);

    private sealed record Route(byte[] TopicUtf8, ISubscriptionEntry Entry, IPreallocatedEntry? Direct);

    private sealed record ServiceHandler(string TypeName, Func<RosbridgeEnvelope, byte[]> Handle);
}
