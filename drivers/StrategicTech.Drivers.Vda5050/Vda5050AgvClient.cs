using System.Buffers;
using MQTTnet;
using MQTTnet.Protocol;
using StrategicTech.Drivers.Vda5050.Messages;
using StrategicTech.Drivers.Vda5050.Zones;

namespace StrategicTech.Drivers.Vda5050;

/// <summary>
/// The AGV side: connects with the broker's last will <c>connection = CONNECTIONBROKEN</c> (QoS 1, retained),
/// announces ONLINE the same way, receives <c>order</c> and <c>instantActions</c> (QoS 0) and sends state and
/// visualization (QoS 0). A received message that does not decode is rejected: counted, and its VDA 5050 error
/// object queued so the next state reports it in <c>errors</c>; it never reaches the handlers. With a factsheet
/// it publishes it (QoS 0) after ONLINE and on every instant action <c>factsheetRequest</c>, in the connection's
/// layout (2.x, or 3.0 through <see cref="FactsheetV3.From"/>). Every message goes out and comes in in the layout
/// of the connection's version; on 3.0 a visualization references the header id of the last state sent.
/// On 3.0 it also receives <c>zoneSet</c> (stored in <see cref="ZoneSets"/>) and <c>responses</c> (applied to
/// <see cref="Requests"/>), and a state sent without zoneSets, zoneRequests or edgeRequests gets them from those two.
/// Losing the broker voids its zone and edge grants (<see cref="ReleaseRequestGate.ConnectionLost"/>); it may connect
/// again with <see cref="ConnectAsync"/> and then asks anew.
/// </summary>
public sealed class Vda5050AgvClient : IAsyncDisposable
{
    private readonly Vda5050ClientOptions _options;
    private readonly HeaderStamper _stamper;
    private readonly TimeProvider _time;
    private readonly IMqttClient _client;
    private readonly Lock _errorsLock = new();
    private readonly List<Vda5050Error> _pendingErrors = [];
    private readonly Factsheet? _factsheet;
    private readonly ReleaseRequestGate _requests;
    private long _rejected;
    private long _factsheetsSent;
    private long _lastStateHeaderId = -1;

    // 3.0 reports instant actions apart from the order's actions: the ids received, the oldest forgotten first.
    private readonly Lock _instantLock = new();
    private readonly HashSet<string> _instantIds = new(StringComparer.Ordinal);
    private readonly Queue<string> _instantOrder = new();

    public Vda5050AgvClient(Vda5050ClientOptions options, TimeProvider? time = null, Factsheet? factsheet = null)
    {
        _factsheet = factsheet;
        ArgumentNullException.ThrowIfNull(options);
        options.Check();
        _options = options;
        _time = time ?? TimeProvider.System;
        _stamper = new HeaderStamper(options.ProtocolVersion, _time);
        _requests = new ReleaseRequestGate(_time, options.SerialNumber);
        _client = new MqttClientFactory().CreateMqttClient();
        _client.ApplicationMessageReceivedAsync += OnMessage;
        _client.DisconnectedAsync += e =>
        {
            if (e.ClientWasConnected)
            {
                _requests.ConnectionLost(); // the master frees a lost robot's zones: its grants are void from now on
            }

            return Task.CompletedTask;
        };
    }

    public event Action<Order>? OrderReceived;

    public event Action<InstantActions>? InstantActionsReceived;

    /// <summary>3.0: the master's answers to this AGV's zone and edge requests.</summary>
    public event Action<Responses>? ResponsesReceived;

    /// <summary>3.0: a zone set, after it was stored in <see cref="ZoneSets"/>.</summary>
    public event Action<ZoneSet>? ZoneSetReceived;

    /// <summary>3.0: the zone sets received, reported in state.zoneSets.</summary>
    public ZoneSetBook ZoneSets { get; } = new();

    /// <summary>3.0: the actions of ACTION zones this AGV ran (its driver calls <see cref="ZoneActionTracker.Moved"/> after each step), reported in state.zoneActionStates.</summary>
    public ZoneActionTracker ZoneActions { get; } = new();

    /// <summary>3.0: this AGV's zone and edge requests; the master's responses are applied to it on arrival.</summary>
    public ReleaseRequestGate Requests => _requests;

    /// <summary>Messages rejected because they did not decode or had another major version.</summary>
    public long RejectedCount => Interlocked.Read(ref _rejected);

    /// <summary>Factsheets published (on connect and on factsheetRequest).</summary>
    public long FactsheetsSent => Interlocked.Read(ref _factsheetsSent);

    public string TopicOf(string topic) =>
        Vda5050Topics.For(_options.InterfaceName, _options.ProtocolVersion, _options.Manufacturer, _options.SerialNumber, topic);

    public async Task ConnectAsync(CancellationToken cancellation)
    {
        string connectionTopic = TopicOf(Vda5050Topics.Connection);
        var will = NewConnection(ConnectionState.ConnectionBroken);
        _stamper.Stamp(will, connectionTopic, _options.Manufacturer, _options.SerialNumber);
        MqttClientOptions mqtt = new MqttClientOptionsBuilder()
            .WithTcpServer(_options.BrokerHost, _options.BrokerPort)
            .WithClientId($"{_options.Manufacturer}-{_options.SerialNumber}")
            .WithCleanSession()
            .WithWillTopic(connectionTopic)
            .WithWillPayload(Vda5050Codec.Encode(will))
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithWillRetain()
            .Build();
        await _client.ConnectAsync(mqtt, cancellation).ConfigureAwait(false);
        MqttClientSubscribeOptionsBuilder subscribe = new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(TopicOf(Vda5050Topics.Order), MqttQualityOfServiceLevel.AtMostOnce)
            .WithTopicFilter(TopicOf(Vda5050Topics.InstantActions), MqttQualityOfServiceLevel.AtMostOnce);
        if (Vda5050Codec.IsV3(_options.ProtocolVersion))
        {
            subscribe = subscribe
                .WithTopicFilter(TopicOf(Vda5050Topics.Responses), MqttQualityOfServiceLevel.AtMostOnce)
                .WithTopicFilter(TopicOf(Vda5050Topics.ZoneSet), MqttQualityOfServiceLevel.AtMostOnce);
        }

        await _client.SubscribeAsync(subscribe.Build(), cancellation).ConfigureAwait(false);
        await PublishConnectionAsync(ConnectionState.Online, cancellation).ConfigureAwait(false);
        await PublishFactsheetAsync(cancellation).ConfigureAwait(false);
    }

    /// <summary>Publishes the factsheet given at construction in this connection's layout; nothing without one.</summary>
    public Task PublishFactsheetAsync(CancellationToken cancellation)
    {
        if (_factsheet is null)
        {
            return Task.CompletedTask;
        }

        string topic = TopicOf(Vda5050Topics.Factsheet);
        byte[] payload;
        lock (_factsheet)
        {
            _stamper.Stamp(_factsheet, topic, _options.Manufacturer, _options.SerialNumber);
            payload = Vda5050Codec.IsV3(_options.ProtocolVersion) ? Vda5050Codec.Encode(FactsheetV3.From(_factsheet)) : Vda5050Codec.Encode(_factsheet);
        }

        Interlocked.Increment(ref _factsheetsSent);
        return Publish(topic, payload, MqttQualityOfServiceLevel.AtMostOnce, retain: false, cancellation);
    }

    /// <summary>Sends state; validation errors of rejected incoming messages since the last state are appended to its errors.</summary>
    public Task PublishStateAsync(State state, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(state);
        lock (_errorsLock)
        {
            state.Errors.AddRange(_pendingErrors);
            _pendingErrors.Clear();
        }

        if (Vda5050Codec.IsV3(_options.ProtocolVersion))
        {
            if (state.InstantActionStates is null)
            {
                SplitInstantActionStates(state);
            }

            state.ZoneSets ??= ZoneSets.States();
            state.ZoneRequests ??= _requests.ZoneRequests();
            state.EdgeRequests ??= _requests.EdgeRequests();
            state.ZoneActionStates ??= ZoneActions.States();
        }

        string topic = TopicOf(Vda5050Topics.State);
        _stamper.Stamp(state, topic, _options.Manufacturer, _options.SerialNumber);
        byte[] payload = Vda5050Codec.Encode(state);
        Interlocked.Exchange(ref _lastStateHeaderId, state.HeaderId);
        return Publish(topic, payload, MqttQualityOfServiceLevel.AtMostOnce, retain: false, cancellation);
    }

    /// <summary>Sends visualization; on 3.0 it references the last state sent (3.0 requires one to have been sent).</summary>
    public Task PublishVisualizationAsync(Visualization visualization, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(visualization);
        if (Vda5050Codec.IsV3(_options.ProtocolVersion))
        {
            long last = Interlocked.Read(ref _lastStateHeaderId);
            visualization.ReferenceStateHeaderId = last >= 0
                ? (uint)last
                : throw new InvalidOperationException("a 3.0 visualization references the last state: publish a state first");
        }

        string topic = TopicOf(Vda5050Topics.Visualization);
        _stamper.Stamp(visualization, topic, _options.Manufacturer, _options.SerialNumber);
        return Publish(topic, Vda5050Codec.Encode(visualization), MqttQualityOfServiceLevel.AtMostOnce, retain: false, cancellation);
    }

    /// <summary>
    /// Moves the states of instant actions this client received out of actionStates into instantActionStates, as 3.0
    /// asks, for an AGV that keeps them in one list (as 2.x reports them).
    /// </summary>
    private void SplitInstantActionStates(State state)
    {
        lock (_instantLock)
        {
            state.InstantActionStates = state.ActionStates.FindAll(a => _instantIds.Contains(a.ActionId));
            state.ActionStates.RemoveAll(a => _instantIds.Contains(a.ActionId));
        }
    }

    private void RememberInstantActions(InstantActions actions)
    {
        const int Remembered = 1024; // bounded: an AGV reports a few recent instant actions, never thousands
        lock (_instantLock)
        {
            foreach (Vda5050Action a in actions.Actions)
            {
                if (_instantIds.Add(a.ActionId))
                {
                    _instantOrder.Enqueue(a.ActionId);
                    if (_instantOrder.Count > Remembered)
                    {
                        _instantIds.Remove(_instantOrder.Dequeue());
                    }
                }
            }
        }
    }

    /// <summary>Announces OFFLINE (QoS 1, retained) and disconnects cleanly, so the broker does not send the last will.</summary>
    public async Task DisconnectAsync(CancellationToken cancellation)
    {
        if (_client.IsConnected)
        {
            await PublishConnectionAsync(ConnectionState.Offline, cancellation).ConfigureAwait(false);
            await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), cancellation).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await Task.CompletedTask.ConfigureAwait(false);
    }

    private Task PublishConnectionAsync(ConnectionState state, CancellationToken cancellation)
    {
        string topic = TopicOf(Vda5050Topics.Connection);
        Connection message = NewConnection(state);
        _stamper.Stamp(message, topic, _options.Manufacturer, _options.SerialNumber);
        return Publish(topic, Vda5050Codec.Encode(message), MqttQualityOfServiceLevel.AtLeastOnce, retain: true, cancellation);
    }

    private static Connection NewConnection(ConnectionState state) => new()
    {
        HeaderId = 0,
        Timestamp = string.Empty,
        Version = string.Empty,
        Manufacturer = string.Empty,
        SerialNumber = string.Empty,
        ConnectionState = state,
    };

    private Task Publish(string topic, byte[] payload, MqttQualityOfServiceLevel qos, bool retain, CancellationToken cancellation)
    {
        MqttApplicationMessage message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(qos)
            .WithRetainFlag(retain)
            .Build();
        return _client.PublishAsync(message, cancellation);
    }

    private Task OnMessage(MqttApplicationMessageReceivedEventArgs e)
    {
        string topic = e.ApplicationMessage.Topic;
        byte[] payload = e.ApplicationMessage.Payload.ToArray();
        if (topic.EndsWith("/" + Vda5050Topics.Order, StringComparison.Ordinal))
        {
            if (Vda5050Codec.TryDecodeOrder(payload, Vda5050Topics.Order, _options.ProtocolVersion, out Order? order, out Vda5050Error? error))
            {
                OrderReceived?.Invoke(order!);
            }
            else
            {
                Reject(error!);
            }
        }
        else if (topic.EndsWith("/" + Vda5050Topics.Responses, StringComparison.Ordinal))
        {
            if (Vda5050Codec.TryDecodeResponses(payload, Vda5050Topics.Responses, _options.ProtocolVersion, out Responses? responses, out Vda5050Error? error))
            {
                _requests.Apply(responses!);
                ResponsesReceived?.Invoke(responses!);
            }
            else
            {
                Reject(error!);
            }
        }
        else if (topic.EndsWith("/" + Vda5050Topics.ZoneSet, StringComparison.Ordinal))
        {
            if (Vda5050Codec.TryDecodeZoneSet(payload, Vda5050Topics.ZoneSet, _options.ProtocolVersion, out ZoneSet? zoneSet, out Vda5050Error? error))
            {
                ZoneSets.Store(zoneSet!.Definition);
                ZoneSetReceived?.Invoke(zoneSet);
            }
            else
            {
                Reject(error!);
            }
        }
        else if (topic.EndsWith("/" + Vda5050Topics.InstantActions, StringComparison.Ordinal))
        {
            if (Vda5050Codec.TryDecodeInstantActions(payload, Vda5050Topics.InstantActions, _options.ProtocolVersion, out InstantActions? actions, out Vda5050Error? error))
            {
                RememberInstantActions(actions!);
                InstantActionsReceived?.Invoke(actions!);
                if (actions!.Actions.Exists(a => a.ActionType == "factsheetRequest"))
                {
                    return PublishFactsheetAsync(CancellationToken.None);
                }
            }
            else
            {
                Reject(error!);
            }
        }

        return Task.CompletedTask;
    }

    private void Reject(Vda5050Error error)
    {
        Interlocked.Increment(ref _rejected);
        lock (_errorsLock)
        {
            // Bounded: a flood of bad messages must not grow the next state without limit.
            if (_pendingErrors.Count < 32)
            {
                _pendingErrors.Add(error);
            }
        }
    }
}
