using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using MQTTnet;
using MQTTnet.Server;
using StrategicTech.Drivers.Vda5050.Messages;
using StrategicTech.Drivers.Vda5050.Tests;
using StrategicTech.TestSupport;

namespace StrategicTech.Fleet.Tests;

/// <summary>
/// What the zone tests over a broker share: an embedded broker on loopback, a wire tap that records every VDA 5050
/// message and checks each against the strict 3.0.0 schema of its topic, who is inside a zone, zone sets of square
/// zones, a point robot's 3.0 state, and waiting on a condition with a timeout (never a read-once race).
/// </summary>
internal static class ZoneTestKit
{
    /// <summary>How long a condition over the broker may take before the test fails (the machine may be loaded).</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    /// <summary>An embedded MQTT broker on 127.0.0.1:<paramref name="port"/>, started.</summary>
    public static async Task<MqttServer> StartBrokerAsync(int port)
    {
        MqttServer broker = new MqttServerFactory().CreateMqttServer(new MqttServerOptionsBuilder()
            .WithDefaultEndpoint().WithDefaultEndpointBoundIPAddress(IPAddress.Loopback).WithDefaultEndpointPort(port).Build());
        await broker.StartAsync();
        return broker;
    }

    /// <summary>Polls until the condition holds or <see cref="Patience"/> has passed; returns the condition's last value.</summary>
    public static async Task<bool> Until(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        return condition();
    }

    /// <summary>A zone set of the map "hall" with the given zones.</summary>
    public static ZoneSet SetOf(string zoneSetId, params Zone[] zones) => new()
    {
        HeaderId = 0, Timestamp = "", Version = "3.0.0", Manufacturer = "", SerialNumber = "",
        Definition = new ZoneSetDefinition { MapId = "hall", ZoneSetId = zoneSetId, Zones = [.. zones] },
    };

    /// <summary>The square of side 2·<paramref name="halfSideM"/> centred on (x, y), counter-clockwise.</summary>
    public static List<ZoneVertex> Square(double xM, double yM, double halfSideM = 1) =>
    [
        new() { XM = xM - halfSideM, YM = yM - halfSideM }, new() { XM = xM + halfSideM, YM = yM - halfSideM },
        new() { XM = xM + halfSideM, YM = yM + halfSideM }, new() { XM = xM - halfSideM, YM = yM + halfSideM },
    ];

    /// <summary>A zone set "zs-1" of one RELEASE zone "door" (STOP on loss), the 2 m square centred on (x, y).</summary>
    public static ZoneSet DoorAround(double xM, double yM) => SetOf("zs-1", new Zone
    {
        ZoneId = "door", ZoneType = ZoneType.Release, ReleaseLossBehavior = ZoneReleaseLossBehavior.Stop, Vertices = Square(xM, yM),
    });

    /// <summary>The state of a point robot at (x, y) on the map "hall" with no order; the client fills header and 3.0 lists.</summary>
    public static State PointRobotState((double X, double Y) position, bool driving, double batteryPercent = 80) => new()
    {
        HeaderId = 0, Timestamp = "", Version = "", Manufacturer = "", SerialNumber = "",
        OrderId = "", OrderUpdateId = 0, LastNodeId = "", LastNodeSequenceId = 0, Driving = driving, OperatingMode = OperatingMode.Automatic,
        NodeStates = [], EdgeStates = [], ActionStates = [], Errors = [],
        AgvPosition = new AgvPosition { XM = position.X, YM = position.Y, ThetaRad = 0, MapId = "hall", PositionInitialized = true },
        BatteryState = new BatteryState { BatteryChargePercent = batteryPercent, Charging = false },
        SafetyState = new SafetyState { EStop = EStop.None, FieldViolation = false },
    };

    /// <summary>Who is inside a zone: the order of entries and the most inside at once.</summary>
    public sealed class Occupancy
    {
        private readonly Lock _lock = new();
        private readonly HashSet<string> _inside = [];

        public int MaxInside { get; private set; }

        public List<string> Entries { get; } = [];

        public void At(string robot, bool inside)
        {
            lock (_lock)
            {
                if (inside && _inside.Add(robot))
                {
                    Entries.Add(robot);
                }
                else if (!inside)
                {
                    _inside.Remove(robot);
                }

                MaxInside = Math.Max(MaxInside, _inside.Count);
            }
        }
    }

    /// <summary>A client subscribed to every VDA 5050 topic of the broker, recording each message.</summary>
    public sealed class WireTap : IDisposable
    {
        private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();

        private WireTap()
        {
            _client.ApplicationMessageReceivedAsync += e =>
            {
                Raw.Enqueue((e.ApplicationMessage.Topic, e.ApplicationMessage.Payload.ToArray()));
                return Task.CompletedTask;
            };
        }

        public ConcurrentQueue<(string Topic, byte[] Payload)> Raw { get; } = new();

        public static async Task<WireTap> StartAsync(int port)
        {
            var tap = new WireTap();
            await tap._client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).Build());
            await tap._client.SubscribeAsync("uagv/#");
            return tap;
        }

        /// <summary>Messages recorded on topics ending in "/<paramref name="serial"/>/<paramref name="topic"/>".</summary>
        public int CountOf(string serial, string topic) => Raw.Count(r => r.Topic.EndsWith("/" + serial + "/" + topic, StringComparison.Ordinal));

        /// <summary>Every message recorded validates against the strict 3.0.0 schema of its topic, and each of <paramref name="topicsSeen"/> was seen.</summary>
        public void AssertStrict300(params string[] topicsSeen)
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach ((string topic, byte[] payload) in Raw)
            {
                string name = topic[(topic.LastIndexOf('/') + 1)..];
                names.Add(name);
                var schema = JsonSchemaValidator.LoadStrict(SharedData.PathOf("vda5050", "schemas", "3.0.0", name + ".schema"));
                List<string> errors = schema.Validate(JsonDocument.Parse(payload).RootElement);
                Assert.True(errors.Count == 0, $"{topic}: {string.Join("; ", errors)}");
            }

            Assert.Superset(new HashSet<string>(topicsSeen, StringComparer.Ordinal), names);
        }

        public void Dispose() => _client.Dispose();
    }
}
