using StrategicTech.Drivers.Rosbridge.Client;
using StrategicTech.Drivers.Rosbridge.Messages;
using StrategicTech.Drivers.Rosbridge.Protocol;

namespace StrategicTech.Drivers.Rosbridge.Tests;

/// <summary>A consumer's Received handler that throws is counted and never stops delivery (fed frames directly, no socket).</summary>
public sealed class ReceivedHandlerFailureTests
{
    [Fact]
    public async Task A_throwing_Received_handler_is_counted_and_later_messages_and_other_topics_are_still_delivered()
    {
        await using var client = new RosbridgeClient(new Uri("ws://127.0.0.1:9"));
        TopicSubscription<Odometry> odom = client.Subscribe("/odom", RosTypes.Odometry);
        TopicSubscription<LaserScan> scan = client.Subscribe("/scan", RosTypes.LaserScan);
        int calls = 0;
        odom.Received += _ =>
        {
            calls++;
            throw new InvalidOperationException("consumer bug");
        };

        client.HandleFrame(RosbridgeFrames.Publish("/odom", MessageSamples.Odometry(1), RosTypes.Odometry.Contract), binary: false);
        client.HandleFrame(RosbridgeFrames.Publish("/odom", MessageSamples.Odometry(2), RosTypes.Odometry.Contract), binary: false);
        client.HandleFrame(RosbridgeFrames.Publish("/scan", MessageSamples.Scan360(1), RosTypes.LaserScan.Contract), binary: false);

        Assert.Equal(2, calls);
        Assert.Equal((2L, 1L), (odom.Sequence, scan.Sequence));
        Assert.Equal(2, client.Counters.HandlerFailures);
        Assert.Equal("/odom: InvalidOperationException: consumer bug", client.Counters.LastHandlerError);
        Assert.Equal(0, client.Counters.BadFrames);
    }
}
