using MQTTnet;
using MQTTnet.Server;
using StrategicTech.Fleet.Hosting;
using StrategicTech.Sim.Fleet;

namespace StrategicTech.Fleet.Tests;

public class EmbeddedBrokerStateTapTests
{
    [Fact]
    public void State_topics_of_the_interface_and_major_version_are_tapped_and_nothing_else()
    {
        using MqttServer broker = new MqttServerFactory().CreateMqttServer(new MqttServerOptionsBuilder().Build());
        using var intake = new StateIntake(_ => { }, "2.0.0");
        var tap = new EmbeddedBrokerStateTap(broker, intake, "uagv", "2.0.0");
        Assert.True(tap.IsStateTopic("uagv/v2/Acme/AGV-7/state"));
        Assert.False(tap.IsStateTopic("uagv/v2/Acme/AGV-7/visualization"));
        Assert.False(tap.IsStateTopic("uagv/v1/Acme/AGV-7/state"));
        Assert.False(tap.IsStateTopic("other/v2/Acme/AGV-7/state"));
        Assert.False(tap.IsStateTopic("uagv/v2/Acme/extra/AGV-7/state"));
    }

    [Fact]
    public void A_subscription_counts_as_a_state_subscriber_when_its_filter_matches_some_agvs_state()
    {
        using MqttServer broker = new MqttServerFactory().CreateMqttServer(new MqttServerOptionsBuilder().Build());
        using var intake = new StateIntake(_ => { }, "2.0.0");
        var tap = new EmbeddedBrokerStateTap(broker, intake, "uagv", "2.0.0");
        Assert.True(tap.MatchesSomeStateTopic("uagv/v2/+/+/state"));
        Assert.True(tap.MatchesSomeStateTopic("uagv/v2/Acme/AGV-7/state"));
        Assert.True(tap.MatchesSomeStateTopic("#"));
        Assert.True(tap.MatchesSomeStateTopic("uagv/#"));
        Assert.True(tap.MatchesSomeStateTopic("uagv/v2/+/+/+"));
        Assert.False(tap.MatchesSomeStateTopic("uagv/v2/+/+/order"));
        Assert.False(tap.MatchesSomeStateTopic("uagv/v2/+/+"));
        Assert.False(tap.MatchesSomeStateTopic("uagv/v1/+/+/state"));
    }

    [Fact]
    public async Task With_the_embedded_broker_states_reach_the_manager_through_the_tap_and_still_reach_another_subscriber_of_state_topics()
    {
        await using var rig = FleetTestRig.Create();
        await rig.StartHostAsync();
        FleetHost host = rig.Host!;
        int taken = 0;
        host.StateProcessed += s =>
        {
            if (s.SerialNumber == "r0")
            {
                Interlocked.Increment(ref taken);
            }
        };
        using IMqttClient monitor = new MqttClientFactory().CreateMqttClient();
        int monitored = 0;
        monitor.ApplicationMessageReceivedAsync += e =>
        {
            if (e.ApplicationMessage.Topic == "uagv/v2/Bench/r0/state")
            {
                Interlocked.Increment(ref monitored);
            }

            return Task.CompletedTask;
        };
        await monitor.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", rig.BrokerPort).WithClientId("monitor").Build());
        await monitor.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter("uagv/v2/+/+/state").Build());
        Assert.True(SpinWait.SpinUntil(() => host.StateTap!.StateSubscriptions == 1, FleetTestRig.Timeout), "the broker did not report the monitor's subscription");

        await using var load = new StateLoad("127.0.0.1", rig.BrokerPort);
        await load.GrowToAsync(1, CancellationToken.None);
        using var running = new CancellationTokenSource();
        Task publishing = load.PublishAsync(running.Token);
        bool arrived = SpinWait.SpinUntil(() => Volatile.Read(ref taken) > 0 && Volatile.Read(ref monitored) > 0, FleetTestRig.Timeout);
        await running.CancelAsync();
        await publishing;
        Assert.True(arrived, "the state reached the manager or the monitor but not both");
        Assert.True(host.StateIntake!.Offered > 0, "the state did not come through the tap");
        Assert.Equal(0, host.StateIntake.RejectedCount);
    }
}
