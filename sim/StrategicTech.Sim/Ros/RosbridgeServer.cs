using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StrategicTech.Drivers.Rosbridge.Messages;
using StrategicTech.Drivers.Rosbridge.Protocol;
using StrategicTech.Navigation.Time;

namespace StrategicTech.Sim.Ros;

/// <summary>
/// A rosbridge v2 protocol server on Kestrel WebSockets, as rosbridge_server exposes a ROS graph: topics the
/// simulation publishes (JSON, or CBOR with typed arrays when a subscriber asks; throttle_rate by the injected
/// clock; fragment_size; latched topics re-sent on subscribe), topics clients publish to, services (local ones and
/// ones a client advertised, relayed with remapped ids), and actions with feedback and cancel. Bad frames are
/// counted per server and answered with nothing (like ROS 1 rosbridge, which has no status op). cbor-raw sends the
/// message's CDR serialization with the clock's time as receipt time; a type without a CDR codec gets plain CBOR.
/// </summary>
public sealed class RosbridgeServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly IClock _clock;
    private readonly object _gate = new();
    private readonly List<RosbridgeSession> _sessions = [];
    private readonly Dictionary<string, (string Type, bool Latched)> _topics = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (byte[] Json, Func<byte[]> Cbor, Func<byte[]> Raw)> _latched = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Action<RosbridgeEnvelope>> _inbound = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Func<RosbridgeEnvelope, byte[]>> _services = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RosbridgeSession> _clientServices = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (RosbridgeSession Caller, string? Id, string Service)> _relayed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Action<RosbridgeSession, RosbridgeEnvelope>> _actions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Action> _cancels = new(StringComparer.Ordinal);
    private readonly HashSet<string> _cborFailTopics = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private int _sessionNumber;
    private long _relayId;
    private long _badFrames;

    private RosbridgeServer(WebApplication app, IClock clock)
    {
        _app = app;
        _clock = clock;
    }

    /// <summary>The bound TCP port (a free one when started with port 0).</summary>
    public int Port { get; private set; }

    public int SessionCount
    {
        get
        {
            lock (_gate)
            {
                return _sessions.Count;
            }
        }
    }

    /// <summary>Sessions subscribed to <paramref name="topic"/> (a lockstep runner waits for its client's subscriptions before stepping).</summary>
    public int SubscriberCount(string topic)
    {
        lock (_gate)
        {
            int count = 0;
            foreach (RosbridgeSession session in _sessions)
            {
                count += session.Subscriptions.ContainsKey(topic) ? 1 : 0;
            }

            return count;
        }
    }

    /// <summary>Sessions that have advertised <paramref name="topic"/> (a client re-advertises after every reconnect).</summary>
    public int AdvertiserCount(string topic)
    {
        lock (_gate)
        {
            int count = 0;
            foreach (RosbridgeSession session in _sessions)
            {
                count += session.Advertised.Contains(topic) ? 1 : 0;
            }

            return count;
        }
    }

    /// <summary>Messages of <paramref name="topic"/> dropped because a subscriber already had queue_length pending (all sessions).</summary>
    public long QueueDropped(string topic)
    {
        lock (_gate)
        {
            long dropped = 0;
            foreach (RosbridgeSession session in _sessions)
            {
                if (session.Subscriptions.TryGetValue(topic, out List<SessionSubscription>? list))
                {
                    foreach (SessionSubscription subscription in list)
                    {
                        dropped += subscription.Dropped;
                    }
                }
            }

            return dropped;
        }
    }

    /// <summary>Frames that could not be used (invalid JSON/CBOR, unknown op, wrong field types).</summary>
    public long BadFrames => Interlocked.Read(ref _badFrames);

    /// <summary>Starts listening on 127.0.0.1 (or every interface when <paramref name="anyAddress"/>).</summary>
    public static async Task<RosbridgeServer> StartAsync(int port, IClock clock, bool anyAddress = false)
    {
        ArgumentNullException.ThrowIfNull(clock);
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(anyAddress ? IPAddress.Any : IPAddress.Loopback, port));
        WebApplication app = builder.Build();
        var server = new RosbridgeServer(app, clock);
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(10) });
        app.Run(server.AcceptAsync);
        await app.StartAsync().ConfigureAwait(false);
        var addresses = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!;
        server.Port = new Uri(addresses.Addresses.First()).Port;
        return server;
    }

    public Uri Uri => new($"ws://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}");

    /// <summary>Declares a topic the simulation publishes; latched topics keep their last message for late subscribers.</summary>
    public void AddTopic<T>(string topic, RosType<T> type, bool latched = false)
    {
        ArgumentNullException.ThrowIfNull(type);
        lock (_gate)
        {
            _topics[topic] = (type.Name, latched);
        }
    }

    /// <summary>Fault injection modelling rosbridge #864: CBOR sends of this topic silently fail.</summary>
    public void FailCborFor(string topic)
    {
        lock (_gate)
        {
            _cborFailTopics.Add(topic);
        }
    }

    /// <summary>Receives what clients publish on <paramref name="topic"/> (handler runs on the socket thread).</summary>
    public void OnPublish<T>(string topic, RosType<T> type, Action<T> handler)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(handler);
        lock (_gate)
        {
            _inbound[topic] = e => handler(e.Decode("msg", type.Contract));
        }
    }

    public void AddService<TRequest, TResponse>(string service, RosType<TRequest> requestType, RosType<TResponse> responseType, Func<TRequest, TResponse> handler)
    {
        ArgumentNullException.ThrowIfNull(requestType);
        ArgumentNullException.ThrowIfNull(responseType);
        ArgumentNullException.ThrowIfNull(handler);
        lock (_gate)
        {
            _services[service] = e =>
            {
                TRequest request = e.TryGetElement("args", out _) ? e.Decode("args", requestType.Contract) : JsonSerializer.Deserialize("{}"u8, requestType.Contract)!;
                return RosbridgeFrames.ServiceResponse(service, e.Id, true, handler(request), responseType.Contract);
            };
        }
    }

    /// <summary>Serves an action; <paramref name="onGoal"/> receives each accepted goal (socket thread) to run in simulation.</summary>
    public void AddAction<TGoal, TFeedback, TResult>(
        string action, RosType<TGoal> goalType, RosType<TFeedback> feedbackType, RosType<TResult> resultType, Action<RosActionGoal<TGoal, TFeedback, TResult>> onGoal)
    {
        ArgumentNullException.ThrowIfNull(goalType);
        ArgumentNullException.ThrowIfNull(feedbackType);
        ArgumentNullException.ThrowIfNull(resultType);
        ArgumentNullException.ThrowIfNull(onGoal);
        lock (_gate)
        {
            _actions[action] = (session, e) =>
            {
                string id = e.Id ?? "goal:" + Interlocked.Increment(ref _relayId).ToString(CultureInfo.InvariantCulture);
                var goal = new RosActionGoal<TGoal, TFeedback, TResult>(
                    session, action, id, e.Decode("args", goalType.Contract), e.GetBoolean("feedback") ?? false, feedbackType.Contract, resultType.Contract);
                _cancels[id] = () => goal.CancelRequested = true;
                onGoal(goal);
            };
        }
    }

    /// <summary>Publishes to every subscribed session, honouring each subscription's throttle, compression and fragment size.</summary>
    public void Publish<T>(string topic, RosType<T> type, T message)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(type);
        byte[]? json = null;
        byte[]? cbor = null;
        byte[]? raw = null;
        long nowUs = _clock.TimeUs;
        lock (_gate)
        {
            if (_topics.TryGetValue(topic, out var declared) && declared.Latched)
            {
                json = RosbridgeFrames.Publish(topic, message, type.Contract);
                _latched[topic] = (json, () => RosbridgeFrames.PublishCbor(topic, message), () => PublishRaw(topic, type, message, nowUs));
            }

            foreach (RosbridgeSession session in _sessions)
            {
                if (!session.Subscriptions.TryGetValue(topic, out List<SessionSubscription>? subscriptions))
                {
                    continue;
                }

                foreach (SessionSubscription subscription in subscriptions)
                {
                    if (subscription.ThrottleUs > 0 && subscription.LastSentUs != long.MinValue && nowUs - subscription.LastSentUs < subscription.ThrottleUs)
                    {
                        continue;
                    }

                    subscription.LastSentUs = nowUs;
                    if (subscription.Compression == RosbridgeCompression.CborRaw && type.Cdr is not null)
                    {
                        if (!_cborFailTopics.Contains(topic))
                        {
                            session.SendFor(subscription, raw ??= PublishRaw(topic, type, message, nowUs), binary: true);
                        }
                    }
                    else if (subscription.Compression is RosbridgeCompression.Cbor or RosbridgeCompression.CborRaw)
                    {
                        if (!_cborFailTopics.Contains(topic))
                        {
                            session.SendFor(subscription, cbor ??= RosbridgeFrames.PublishCbor(topic, message), binary: true);
                        }
                    }
                    else
                    {
                        SendJson(session, subscription, json ??= RosbridgeFrames.Publish(topic, message, type.Contract));
                    }
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        lock (_gate)
        {
            foreach (RosbridgeSession session in _sessions)
            {
                session.Complete();
            }
        }

        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2)))
        {
            await _app.StopAsync(timeout.Token).ConfigureAwait(false);
        }

        await _app.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    private static byte[] PublishRaw<T>(string topic, RosType<T> type, T message, long receiptTimeUs)
        where T : notnull =>
        type.Cdr is null ? RosbridgeFrames.PublishCbor(topic, message)
        : RosbridgeFrames.PublishCborRaw(topic, type.Cdr.Serialize(message), receiptTimeUs);

    private void SendJson(RosbridgeSession session, SessionSubscription subscription, byte[] json)
    {
        if (subscription.FragmentSize <= 0 || json.Length <= subscription.FragmentSize)
        {
            session.SendFor(subscription, json);
            return;
        }

        string id = "fragments:" + Interlocked.Increment(ref _relayId).ToString(CultureInfo.InvariantCulture);
        session.SendFor(subscription, RosbridgeFrames.Fragment(json, subscription.FragmentSize, id));
    }

    private async Task AcceptAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        var session = new RosbridgeSession(socket, Interlocked.Increment(ref _sessionNumber));
        lock (_gate)
        {
            _sessions.Add(session);
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token, context.RequestAborted);
        Task send = session.SendLoopAsync(linked.Token);
        try
        {
            await session.ReceiveLoopAsync(HandleFrame, linked.Token).ConfigureAwait(false);
        }
        finally
        {
            lock (_gate)
            {
                _sessions.Remove(session);
                foreach (string service in _clientServices.Where(p => p.Value == session).Select(p => p.Key).ToList())
                {
                    _clientServices.Remove(service);
                }
            }

            session.Complete();
            await linked.CancelAsync().ConfigureAwait(false);
            await send.ConfigureAwait(false);
        }
    }

    private void HandleFrame(RosbridgeSession session, ReadOnlyMemory<byte> frame, bool binary)
    {
        try
        {
            using RosbridgeEnvelope e = binary ? RosbridgeEnvelope.ParseCbor(frame) : RosbridgeEnvelope.ParseJson(frame);
            Handle(session, e);
        }
        catch (RosbridgeFrameException)
        {
            Interlocked.Increment(ref _badFrames);
        }
    }

    private void Handle(RosbridgeSession session, RosbridgeEnvelope e)
    {
        switch (e.Op)
        {
            case RosbridgeOps.Subscribe:
                Subscribe(session, e);
                break;
            case RosbridgeOps.Unsubscribe:
                string topic = e.RequireString("topic");
                string? id = e.Id;
                lock (_gate)
                {
                    if (session.Subscriptions.TryGetValue(topic, out List<SessionSubscription>? list))
                    {
                        list.RemoveAll(s => id is null || string.Equals(s.Id, id, StringComparison.Ordinal));
                    }
                }

                break;
            case RosbridgeOps.Advertise:
                string advertised = e.RequireString("topic");
                e.RequireString("type");
                lock (_gate)
                {
                    session.Advertised.Add(advertised);
                }

                break;
            case RosbridgeOps.Unadvertise:
                string unadvertised = e.RequireString("topic");
                lock (_gate)
                {
                    session.Advertised.Remove(unadvertised);
                }

                break;
            case RosbridgeOps.Publish:
                Action<RosbridgeEnvelope>? inbound;
                lock (_gate)
                {
                    _inbound.TryGetValue(e.RequireString("topic"), out inbound);
                }

                inbound?.Invoke(e);
                break;
            case RosbridgeOps.CallService:
                CallService(session, e);
                break;
            case RosbridgeOps.AdvertiseService:
                lock (_gate)
                {
                    _clientServices[e.RequireString("service")] = session;
                }

                break;
            case RosbridgeOps.UnadvertiseService:
                lock (_gate)
                {
                    _clientServices.Remove(e.RequireString("service"));
                }

                break;
            case RosbridgeOps.ServiceResponse:
                if (e.Id is { } relayId && _relayed.TryRemove(relayId, out var caller))
                {
                    // Re-issue the response under the caller's own id.
                    caller.Caller.Send(RewriteId(e, caller.Id));
                }

                break;
            case RosbridgeOps.SendActionGoal:
                Action<RosbridgeSession, RosbridgeEnvelope>? action;
                lock (_gate)
                {
                    _actions.TryGetValue(e.RequireString("action"), out action);
                }

                if (action is null)
                {
                    session.Send(RosbridgeFrames.Json(RosbridgeOps.ActionResult, e.Id, w =>
                    {
                        w.WriteString("action"u8, e.RequireString("action"));
                        w.WriteString("values"u8, "action is not served");
                        w.WriteNumber("status"u8, GoalStatus.Aborted);
                        w.WriteBoolean("result"u8, false);
                    }));
                }
                else
                {
                    action(session, e);
                }

                break;
            case RosbridgeOps.CancelActionGoal:
                if (e.Id is { } goalId && _cancels.TryRemove(goalId, out Action? cancel))
                {
                    cancel();
                }

                break;
            default:
                throw new RosbridgeFrameException(RosbridgeFrameError.UnknownOp, $"unknown op '{e.Op}'");
        }
    }

    private void Subscribe(RosbridgeSession session, RosbridgeEnvelope e)
    {
        string topic = e.RequireString("topic");
        string compression = e.GetString("compression") ?? RosbridgeCompression.None;
        var subscription = new SessionSubscription(
            e.Id, compression, Math.Max(0, e.GetInt32("throttle_rate") ?? 0) * 1000L, e.GetInt32("fragment_size") ?? 0, e.GetInt32("queue_length") ?? 0);
        lock (_gate)
        {
            if (!session.Subscriptions.TryGetValue(topic, out List<SessionSubscription>? list))
            {
                session.Subscriptions[topic] = list = [];
            }

            list.RemoveAll(s => s.Id is not null && string.Equals(s.Id, subscription.Id, StringComparison.Ordinal));
            list.Add(subscription);
            if (_latched.TryGetValue(topic, out var last))
            {
                if (compression == RosbridgeCompression.CborRaw)
                {
                    session.SendFor(subscription, last.Raw(), binary: true);
                }
                else if (compression == RosbridgeCompression.Cbor)
                {
                    session.SendFor(subscription, last.Cbor(), binary: true);
                }
                else
                {
                    SendJson(session, subscription, last.Json);
                }
            }
        }
    }

    private void CallService(RosbridgeSession session, RosbridgeEnvelope e)
    {
        string service = e.RequireString("service");
        Func<RosbridgeEnvelope, byte[]>? local;
        RosbridgeSession? provider;
        lock (_gate)
        {
            _services.TryGetValue(service, out local);
            _clientServices.TryGetValue(service, out provider);
        }

        if (local is not null)
        {
            try
            {
                session.Send(local(e));
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // As rosbridge does: a failed call answers result false with the reason in values.
                session.Send(RosbridgeFrames.ServiceFailure(service, e.Id, ex.Message));
            }

            return;
        }

        if (provider is null)
        {
            session.Send(RosbridgeFrames.ServiceFailure(service, e.Id, $"Service {service} does not exist"));
            return;
        }

        string relayId = "relay:" + Interlocked.Increment(ref _relayId).ToString(CultureInfo.InvariantCulture);
        _relayed[relayId] = (session, e.Id, service);
        provider.Send(RosbridgeFrames.Json(RosbridgeOps.CallService, relayId, w =>
        {
            w.WriteString("service"u8, service);
            if (e.TryGetElement("args", out JsonElement args))
            {
                w.WritePropertyName("args"u8);
                args.WriteTo(w);
            }
        }));
    }

    private static byte[] RewriteId(RosbridgeEnvelope e, string? id) =>
        RosbridgeFrames.Json(e.Op, id, w =>
        {
            foreach (JsonProperty property in e.Root.EnumerateObject())
            {
                if (property.NameEquals("op"u8) || property.NameEquals("id"u8))
                {
                    continue;
                }

                property.WriteTo(w);
            }
        });
}
