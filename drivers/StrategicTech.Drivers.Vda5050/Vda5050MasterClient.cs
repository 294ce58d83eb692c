using System.Buffers;
using MQTTnet;
using MQTTnet.Protocol;
using StrategicTech.Drivers.Vda5050.Messages;

namespace StrategicTech.Drivers.Vda5050;

/// <summary>
/// The master (fleet control) side: subscribes to state, visualization and connection of every AGV under the
/// interface name and major version, and sends order and instantActions (QoS 0) to one AGV. Incoming messages that
/// do not decode are counted and reported through <see cref="MessageRejected"/> as VDA 5050 error objects.
/// Factsheets are decoded in the connection's layout (2.x or 3.0) and the last one of every AGV is kept.
/// </summary>
public sealed class Vda5050MasterClient : IAsyncDisposable
{
    private readonly Vda5050ClientOptions _options;
    private readonly HeaderStamper _stamper;
    private readonly IMqttClient _client;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Vda5050Message> _factsheets = new(StringComparer.Ordinal);
    private readonly bool _subscribeToState;
    private long _rejected;

    /// <param name="subscribeToState">False when the states reach the master another way (an embedded broker hands them over in-process).</param>
    public Vda5050MasterClient(Vda5050ClientOptions options, TimeProvider? time = null, bool subscribeToState = true)
    {
        _subscribeToState = subscribeToState;
        ArgumentNullException.ThrowIfNull(options);
        options.Check();
        _options = options;
        _stamper = new HeaderStamper(options.ProtocolVersion, time ?? TimeProvider.System);
        _client = new MqttClientFactory().CreateMqttClient();
        _client.ApplicationMessageReceivedAsync += OnMessage;
    }

    public event Action<State>? StateReceived;

    public event Action<Connection>? ConnectionReceived;

    public event Action<Visualization>? VisualizationReceived;

    /// <summary>A factsheet on a 2.x connection.</summary>
    public event Action<Factsheet>? FactsheetReceived;

    /// <summary>A factsheet on a 3.0 connection.</summary>
    public event Action<FactsheetV3>? FactsheetV3Received;

    /// <summary>The last factsheet of each AGV ("manufacturer/serialNumber"): a <see cref="Factsheet"/> or a <see cref="FactsheetV3"/>.</summary>
    public IReadOnlyDictionary<string, Vda5050Message> Factsheets => _factsheets;

    /// <summary>A rejected message, as the error object and the MQTT topic it came on.</summary>
    public event Action<Vda5050Error, string>? MessageRejected;

    public long RejectedCount => Interlocked.Read(ref _rejected);

    /// <summary>False after the broker went away (restart, network); <see cref="ConnectAsync"/> may then be called again.</summary>
    public bool IsConnected => _client.IsConnected;

    /// <summary>Connects with a clean session and subscribes; called again after a broker restart, it subscribes again.</summary>
    public async Task ConnectAsync(CancellationToken cancellation)
    {
        MqttClientOptions mqtt = new MqttClientOptionsBuilder()
            .WithTcpServer(_options.BrokerHost, _options.BrokerPort)
            .WithClientId($"{_options.Manufacturer}-{_options.SerialNumber}-master")
            .WithCleanSession()
            .Build();
        await _client.ConnectAsync(mqtt, cancellation).ConfigureAwait(false);
        MqttClientSubscribeOptionsBuilder filters = new MqttClientSubscribeOptionsBuilder();
        if (_subscribeToState)
        {
            filters = filters.WithTopicFilter(Filter(Vda5050Topics.State), MqttQualityOfServiceLevel.AtMostOnce);
        }

        MqttClientSubscribeOptions subscribe = filters
            .WithTopicFilter(Filter(Vda5050Topics.Visualization), MqttQualityOfServiceLevel.AtMostOnce)
            .WithTopicFilter(Filter(Vda5050Topics.Connection), MqttQualityOfServiceLevel.AtLeastOnce)
            .WithTopicFilter(Filter(Vda5050Topics.Factsheet), MqttQualityOfServiceLevel.AtMostOnce)
            .Build();
        await _client.SubscribeAsync(subscribe, cancellation).ConfigureAwait(false);
    }

    public Task SendOrderAsync(string manufacturer, string serialNumber, Order order, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(order);

        string topic = Vda5050Topics.For(_options.InterfaceName, _options.ProtocolVersion, manufacturer, serialNumber, Vda5050Topics.Order);
        _stamper.Stamp(order, topic, manufacturer, serialNumber);
        return Publish(topic, Vda5050Codec.Encode(order), cancellation);
    }

    public Task SendInstantActionsAsync(string manufacturer, string serialNumber, InstantActions actions, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(actions);
        if (Vda5050Codec.IsV3(_options.ProtocolVersion) && actions.Actions.Exists(a => a.BlockingType != BlockingType.None))
        {
            throw new ArgumentException("3.0.0 instant actions must have blockingType NONE", nameof(actions));
        }

        string topic = Vda5050Topics.For(_options.InterfaceName, _options.ProtocolVersion, manufacturer, serialNumber, Vda5050Topics.InstantActions);
        _stamper.Stamp(actions, topic, manufacturer, serialNumber);
        return Publish(topic, Vda5050Codec.Encode(actions), cancellation);
    }

    /// <summary>Answers an AGV's zone or edge requests (3.0 connections only: 2.x has no responses topic).</summary>
    public Task SendResponsesAsync(string manufacturer, string serialNumber, Responses responses, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(responses);
        if (!Vda5050Codec.IsV3(_options.ProtocolVersion))
        {
            throw new NotSupportedException($"responses exist only in VDA 5050 3.0; this connection speaks {_options.ProtocolVersion}");
        }

        string topic = Vda5050Topics.For(_options.InterfaceName, _options.ProtocolVersion, manufacturer, serialNumber, Vda5050Topics.Responses);
        _stamper.Stamp(responses, topic, manufacturer, serialNumber);
        return Publish(topic, Vda5050Codec.Encode(responses), cancellation);
    }

    /// <summary>Sends a zone set to one AGV (3.0 connections only: 2.x has no zoneSet topic).</summary>
    public Task SendZoneSetAsync(string manufacturer, string serialNumber, ZoneSet zoneSet, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(zoneSet);
        if (!Vda5050Codec.IsV3(_options.ProtocolVersion))
        {
            throw new NotSupportedException($"zoneSet exists only in VDA 5050 3.0; this connection speaks {_options.ProtocolVersion}");
        }

        string topic = Vda5050Topics.For(_options.InterfaceName, _options.ProtocolVersion, manufacturer, serialNumber, Vda5050Topics.ZoneSet);
        _stamper.Stamp(zoneSet, topic, manufacturer, serialNumber);
        return Publish(topic, Vda5050Codec.Encode(zoneSet), cancellation);
    }

    public async Task DisconnectAsync(CancellationToken cancellation)
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), cancellation).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await Task.CompletedTask.ConfigureAwait(false);
    }

    private string Filter(string topic) => Vda5050Topics.AllAgvs(_options.InterfaceName, _options.ProtocolVersion, topic);

    private Task Publish(string topic, byte[] payload, CancellationToken cancellation)
    {
        MqttApplicationMessage message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtMostOnce)
            .Build();
        return _client.PublishAsync(message, cancellation);
    }

    private void OnFactsheet(byte[] payload, string topic, out Vda5050Error? error)
    {
        if (Vda5050Codec.IsV3(_options.ProtocolVersion))
        {
            if (Vda5050Codec.TryDecodeFactsheetV3(payload, topic, _options.ProtocolVersion, out FactsheetV3? v3, out error))
            {
                _factsheets[v3!.Manufacturer + "/" + v3.SerialNumber] = v3;
                FactsheetV3Received?.Invoke(v3);
            }
        }
        else if (Vda5050Codec.TryDecodeFactsheet(payload, topic, _options.ProtocolVersion, out Factsheet? v2, out error))
        {
            _factsheets[v2!.Manufacturer + "/" + v2.SerialNumber] = v2;
            FactsheetReceived?.Invoke(v2);
        }
    }

    private Task OnMessage(MqttApplicationMessageReceivedEventArgs e)
    {
        string mqttTopic = e.ApplicationMessage.Topic;
        if (!Vda5050Topics.TryParse(mqttTopic, out _, out _, out string topic))
        {
            return Task.CompletedTask;
        }

        byte[] payload = e.ApplicationMessage.Payload.ToArray();
        Vda5050Error? error = null;
        switch (topic)
        {
            case Vda5050Topics.State:
                if (Vda5050Codec.TryDecodeState(payload, topic, _options.ProtocolVersion, out State? state, out error))
                {
                    StateReceived?.Invoke(state!);
                }

                break;
            case Vda5050Topics.Connection:
                if (Vda5050Codec.TryDecodeConnection(payload, topic, _options.ProtocolVersion, out Connection? connection, out error))
                {
                    ConnectionReceived?.Invoke(connection!);
                }

                break;
            case Vda5050Topics.Visualization:
                if (Vda5050Codec.TryDecodeVisualization(payload, topic, _options.ProtocolVersion, out Visualization? visualization, out error))
                {
                    VisualizationReceived?.Invoke(visualization!);
                }

                break;
            case Vda5050Topics.Factsheet:
                OnFactsheet(payload, topic, out error);
                break;
            default:
                break;
        }

        if (error is not null)
        {
            Interlocked.Increment(ref _rejected);
            MessageRejected?.Invoke(error, mqttTopic);
        }

        return Task.CompletedTask;
    }
}
