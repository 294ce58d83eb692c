using System.Buffers;
using StrategicTech.Drivers.Vda5050;
using StrategicTech.Drivers.Vda5050.Messages;
using StrategicTech.Fleet.Hosting;
using StrategicTech.TestSupport;

namespace StrategicTech.Fleet.Tests;

public class StateIntakeTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public void Every_robots_latest_state_reaches_the_consumer_after_a_burst_of_states()
    {
        var lastHeader = new Dictionary<string, uint>();
        using var intake = new StateIntake(s => { lock (lastHeader) { lastHeader[s.SerialNumber] = s.HeaderId; } }, "2.0.0");
        for (uint h = 1; h <= 200; h++)
        {
            for (int r = 0; r < 5; r++)
            {
                intake.Offer(TopicOf($"r{r}"), Payload($"r{r}", h, "o1"));
            }
        }

        Assert.True(SpinWait.SpinUntil(() => { lock (lastHeader) { return lastHeader.Count == 5 && lastHeader.Values.All(h => h == 200); } }, Patience), "a robot's last state did not reach the consumer");
        Assert.Equal(1000, intake.Offered);
        Assert.Equal(0, intake.RejectedCount);
    }

    [Fact]
    public void While_the_consumer_is_busy_a_newer_state_of_the_same_order_replaces_the_pending_one_but_the_last_state_of_an_order_is_delivered_before_the_next_orders()
    {
        using var busy = new ManualResetEventSlim(false);
        using var started = new ManualResetEventSlim(false);
        var delivered = new List<(uint Header, string Order)>();
        using var intake = new StateIntake(
            s =>
            {
                started.Set();
                Assert.True(busy.Wait(Patience));
                lock (delivered)
                {
                    delivered.Add((s.HeaderId, s.OrderId));
                }
            },
            "2.0.0");
        string topic = TopicOf("r1");
        intake.Offer(topic, Payload("r1", 1, "o1"));
        Assert.True(started.Wait(Patience)); // the worker holds state 1 in the consumer
        intake.Offer(topic, Payload("r1", 2, "o1"));
        intake.Offer(topic, Payload("r1", 3, "o1")); // replaces 2 (same order)
        intake.Offer(topic, Payload("r1", 4, "o2")); // 3 is the last of o1: held back, not replaced
        intake.Offer(topic, Payload("r1", 5, "o2")); // replaces 4
        busy.Set();
        Assert.True(SpinWait.SpinUntil(() => { lock (delivered) { return delivered.Count >= 3; } }, Patience));
        Thread.Sleep(200); // nothing further may arrive
        lock (delivered)
        {
            Assert.Equal([(1u, "o1"), (3u, "o1"), (5u, "o2")], delivered);
        }

        Assert.Equal(2, intake.Coalesced);
    }

    [Fact]
    public void A_state_that_does_not_decode_is_rejected_and_counted_and_the_robots_next_state_still_arrives()
    {
        var headers = new List<uint>();
        var rejectedTopics = new List<string>();
        using var intake = new StateIntake(s => { lock (headers) { headers.Add(s.HeaderId); } }, "2.0.0");
        intake.Rejected += (_, t) => { lock (rejectedTopics) { rejectedTopics.Add(t); } };
        string topic = TopicOf("r9");
        intake.Offer(topic, new ReadOnlySequence<byte>("{\"headerId\": 1, \"orderId\": \"o1\", \"batteryState\": "u8.ToArray()));
        Assert.True(SpinWait.SpinUntil(() => intake.RejectedCount == 1, Patience), "the truncated state was not rejected");
        intake.Offer(topic, Payload("r9", 7, "o1"));
        Assert.True(SpinWait.SpinUntil(() => { lock (headers) { return headers.Contains(7u); } }, Patience), "the valid state after the bad one did not arrive");
        Assert.Equal([topic], rejectedTopics);
    }

    [Fact]
    public void Offering_a_state_of_a_known_robot_allocates_nothing()
    {
        using var intake = new StateIntake(_ => { }, "2.0.0");
        string topic = TopicOf("r1");
        var payload = Payload("r1", 1, "o1");
        intake.Offer(topic, payload); // the robot's slot is made on its first state
        Allocations.AssertZero(() => intake.Offer(topic, payload));
    }

    [Fact]
    public void Same_order_compares_the_top_level_order_id_only()
    {
        byte[] a = Payload("r1", 1, "o1").ToArray();
        Assert.True(StateIntake.SameOrder(a, Payload("r1", 2, "o1")));
        Assert.False(StateIntake.SameOrder(a, Payload("r1", 2, "o2")));
        // An orderId inside a nested object (an action parameter here) is not the state's.
        Assert.False(StateIntake.SameOrder("{\"x\":{\"orderId\":\"o1\"},\"orderId\":\"o9\"}"u8, Payload("r1", 2, "o1")));
        Assert.False(StateIntake.SameOrder("not json"u8, Payload("r1", 2, "o1")));
    }

    private static string TopicOf(string serial) => Vda5050Topics.For("uagv", "2.0.0", "Bench", serial, Vda5050Topics.State);

    private static ReadOnlySequence<byte> Payload(string serial, uint header, string orderId) => new(Vda5050Codec.Encode(new State
    {
        HeaderId = header,
        Timestamp = "2026-12-06T12:00:00.000Z",
        Version = "2.0.0",
        Manufacturer = "Bench",
        SerialNumber = serial,
        OrderId = orderId,
        OrderUpdateId = 0,
        LastNodeId = string.Empty,
        LastNodeSequenceId = 0,
        Driving = false,
        Paused = false,
        OperatingMode = OperatingMode.Automatic,
        NodeStates = [],
        EdgeStates = [],
        ActionStates = [],
        BatteryState = new BatteryState { BatteryChargePercent = 80, Charging = false },
        Errors = [],
        SafetyState = new SafetyState { EStop = EStop.None, FieldViolation = false },
    }));
}
