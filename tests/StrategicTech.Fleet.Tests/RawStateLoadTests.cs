using System.Buffers;
using System.Text;
using MQTTnet;
using StrategicTech.Drivers.Vda5050;
using StrategicTech.Drivers.Vda5050.Messages;
using StrategicTech.Fleet.Hosting;
using StrategicTech.Sim.Fleet;
using StrategicTech.Sim.Fleet.RawMqtt;
using StrategicTech.TestSupport;

namespace StrategicTech.Fleet.Tests;

public class RawStateLoadTests
{
    [Theory]
    [InlineData(0, new byte[] { 0x00 })]
    [InlineData(127, new byte[] { 0x7F })]
    [InlineData(128, new byte[] { 0x80, 0x01 })]
    [InlineData(16_383, new byte[] { 0xFF, 0x7F })]
    [InlineData(16_384, new byte[] { 0x80, 0x80, 0x01 })]
    [InlineData(2_097_151, new byte[] { 0xFF, 0xFF, 0x7F })]
    [InlineData(2_097_152, new byte[] { 0x80, 0x80, 0x80, 0x01 })]
    [InlineData(268_435_455, new byte[] { 0xFF, 0xFF, 0xFF, 0x7F })]
    public void Remaining_length_is_encoded_as_the_MQTT_specification_table_gives_it(int length, byte[] expected)
    {
        Span<byte> buffer = stackalloc byte[4];
        int n = MqttWire.WriteRemainingLength(buffer, length);
        Assert.Equal(expected, buffer[..n].ToArray());
    }

    [Fact]
    public void A_publish_packet_carries_topic_packet_id_and_payload_after_its_fixed_header()
    {
        byte[] p = MqttWire.Publish("a/b", "xyz"u8, qos: 1, retain: true, packetId: 0x0102);
        Assert.Equal(new byte[] { 0x33, 10, 0, 3, (byte)'a', (byte)'/', (byte)'b', 1, 2, (byte)'x', (byte)'y', (byte)'z' }, p);
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(7u)]
    [InlineData(123_456u)]
    [InlineData(uint.MaxValue)]
    public void A_patched_state_template_decodes_as_a_state_with_that_header_id_and_timestamp(uint headerId)
    {
        var template = new StatePublishTemplate("uagv/v2/Bench/r3/state", Idle("r3"));
        var time = new DateTime(2026, 12, 6, 23, 4, 5, 678, DateTimeKind.Utc);
        Span<byte> stamp = stackalloc byte[StatePublishTemplate.TimestampLength];
        StatePublishTemplate.FormatTimestamp(time, stamp);
        template.Patch(headerId, stamp);

        Assert.True(Vda5050Codec.TryDecodeState(template.Payload, Vda5050Topics.State, "2.0.0", out State? state, out Vda5050Error? error), error?.ErrorDescription);
        Assert.Equal(headerId, state!.HeaderId);
        Assert.Equal(Vda5050Codec.FormatTimestamp(new DateTimeOffset(time)), state.Timestamp);
        Assert.Equal("r3", state.SerialNumber);
        Assert.Equal("Bench", state.Manufacturer);
        Assert.Equal(80, state.BatteryState.BatteryChargePercent);
        Assert.Equal(0x30, template.Packet[0]); // PUBLISH, QoS 0, not retained
        Assert.Equal("uagv/v2/Bench/r3/state", Encoding.UTF8.GetString(template.Packet.Slice(template.Packet.Length - template.Payload.Length - 22, 22)));
    }

    [Fact]
    public void Stamping_and_patching_a_state_template_allocates_nothing()
    {
        var template = new StatePublishTemplate("uagv/v2/Bench/r0/state", Idle("r0"));
        byte[] stamp = new byte[StatePublishTemplate.TimestampLength];
        uint id = 0;
        Allocations.AssertZero(() =>
        {
            StatePublishTemplate.FormatTimestamp(DateTime.UtcNow, stamp);
            template.Patch(id++, stamp);
        });
    }

    [Fact]
    public async Task Raw_robots_announce_online_receive_on_their_subscriptions_reach_the_manager_and_a_dropped_one_leaves_its_will()
    {
        await using var rig = FleetTestRig.Create();
        await rig.StartHostAsync();
        FleetHost host = rig.Host!;
        var taken = new System.Collections.Concurrent.ConcurrentDictionary<string, uint>();
        host.StateProcessed += s => taken[s.SerialNumber] = s.HeaderId;
        var connection = new System.Collections.Concurrent.ConcurrentDictionary<string, ConnectionState>();
        using IMqttClient monitor = new MqttClientFactory().CreateMqttClient();
        monitor.ApplicationMessageReceivedAsync += e =>
        {
            if (Vda5050Codec.TryDecodeConnection(e.ApplicationMessage.Payload.ToArray(), Vda5050Topics.Connection, "2.0.0", out Connection? c, out _))
            {
                connection[c!.SerialNumber] = c.ConnectionState;
            }

            return Task.CompletedTask;
        };
        await monitor.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", rig.BrokerPort).WithClientId("monitor").Build());
        await monitor.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter("uagv/v2/Bench/+/connection").Build());

        const int Robots = 5;
        await using var load = new RawStateLoad("127.0.0.1", rig.BrokerPort);
        await load.GrowToAsync(Robots, CancellationToken.None);
        using var running = new CancellationTokenSource();
        Task publishing = load.PublishAsync(running.Token);
        try
        {
            // Every robot's states reach the manager, with header ids counting up.
            Assert.True(SpinWait.SpinUntil(() => taken.Count == Robots && taken.Values.All(h => h >= 2), FleetTestRig.Timeout), "not every robot's states reached the manager");
            Assert.True(SpinWait.SpinUntil(() => connection.Count == Robots && connection.Values.All(s => s == ConnectionState.Online), FleetTestRig.Timeout), "not every robot announced ONLINE");

            // The robot subscribed to its instantActions: a message published there reaches its socket.
            await monitor.PublishStringAsync("uagv/v2/Bench/r2/instantActions", "{}");
            Assert.True(SpinWait.SpinUntil(() => load[2].ReceivedBytes > 0, FleetTestRig.Timeout), "r2 received nothing on its instantActions subscription");
            Assert.Equal(0, load[0].ReceivedBytes);

            // Dropped without DISCONNECT: the broker publishes its will, and its next states count as not sent.
            load[1].Abort();
            Assert.True(SpinWait.SpinUntil(() => connection["r1"] == ConnectionState.ConnectionBroken && load.NotSent > 0, FleetTestRig.Timeout), "no CONNECTIONBROKEN will after r1 dropped");
            Assert.Equal(ConnectionState.Online, connection["r0"]);
        }
        finally
        {
            await running.CancelAsync();
            await publishing;
        }

        Assert.Equal(0, host.StateIntake!.RejectedCount);
        Assert.True(load.Published > 2 * Robots);
    }

    private static State Idle(string serial)
    {
        State s = StateLoad.IdleState();
        s.Version = "2.0.0";
        s.Manufacturer = "Bench";
        s.SerialNumber = serial;
        return s;
    }
}
