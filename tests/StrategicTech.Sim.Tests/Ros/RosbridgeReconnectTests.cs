using StrategicTech.Drivers.Rosbridge.Client;
using StrategicTech.Drivers.Rosbridge.Messages;
using StrategicTech.Sim.Ros;

namespace StrategicTech.Sim.Tests.Ros;

/// <summary>Loss and reconnect: the server restarts mid-run while a control loop keeps publishing cmd_vel.</summary>
public sealed class RosbridgeReconnectTests
{
    [Fact]
    public async Task Server_restart_stops_the_robot_then_the_client_reconnects_resubscribes_and_driving_continues()
    {
        await using RosRobotHost host = await RosRobotHost.StartAsync(RoomMap.Create(), start: (1.5, 4.0, 0.0));
        await using var client = new RosbridgeClient(host.Uri, new RosbridgeClientOptions { ReconnectMinDelay = TimeSpan.FromMilliseconds(50), ReconnectMaxDelay = TimeSpan.FromMilliseconds(400) });
        TopicSubscription<Odometry> odom = client.Subscribe("/odom", RosTypes.Odometry);
        TopicPublisher<Twist> cmd = client.Advertise("/cmd_vel", RosTypes.Twist);
        var forward = new Twist(new Vector3(0.3, 0, 0), default);
        client.Start();
        await client.WaitConnectedAsync(TimeSpan.FromSeconds(30));
        await Lockstep.RunUntilAsync(host, () => host.Robot.Base.LinearMps > 0.29, () => cmd.Publish(forward));
        long commandsBefore = host.Robot.CommandsReceived;

        // Down for 2 s of simulated time: no cmd_vel reaches the robot, so its timeout stops it.
        await host.RestartServerAsync(TimeSpan.FromMilliseconds(300), simulateWhileDownUs: 2_000_000);
        Assert.Equal(0.0, host.Robot.Base.LinearMps);
        double stoppedX = host.Robot.Base.TrueXM;
        long odomBefore = odom.Sequence;

        await Lockstep.RunUntilAsync(host, () => odom.Sequence > odomBefore + 5 && host.Robot.Base.TrueXM > stoppedX + 0.3, () => cmd.Publish(forward));

        Assert.True(client.Counters.Connections >= 2, $"connections {client.Counters.Connections}");
        Assert.True(host.Robot.CommandsReceived > commandsBefore);
        Assert.Equal(0, client.Counters.BadFrames);
    }
}
