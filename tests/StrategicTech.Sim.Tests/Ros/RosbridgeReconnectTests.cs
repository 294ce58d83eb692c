using StrategicTech.Drivers.Rosbridge.Client;
using StrategicTech.Drivers.Rosbridge.Messages;
using StrategicTech.Sim.Ros;

namespace StrategicTech.Sim.Tests.Ros;

/// <summary>
/// Loss and reconnect: the test stops and starts the server itself while a control loop keeps publishing cmd_vel, and
/// steps the simulation only when it means to, so the outage spans a fixed simulated time whatever the wall time
/// (waits on sockets have generous timeouts; nothing is asserted about wall time).
/// </summary>
public sealed class RosbridgeReconnectTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Server_outage_stops_the_robot_by_its_cmd_vel_timeout_then_the_client_reconnects_resubscribes_replays_its_kept_commands_and_driving_continues()
    {
        await using RosRobotHost host = await RosRobotHost.StartAsync(RoomMap.Create(), start: (1.5, 4.0, 0.0));
        await using var client = new RosbridgeClient(host.Uri, new RosbridgeClientOptions { ReconnectMinDelay = TimeSpan.FromMilliseconds(50), ReconnectMaxDelay = TimeSpan.FromMilliseconds(400) });
        TopicSubscription<Odometry> odom = client.Subscribe("/odom", RosTypes.Odometry);
        TopicPublisher<Twist> cmd = client.Advertise("/cmd_vel", RosTypes.Twist, queueCapacity: 8);
        var forward = new Twist(new Vector3(0.3, 0, 0), default);
        long published = 0;
        void Drive()
        {
            published += cmd.Publish(forward) ? 1 : 0;
        }

        client.Start();
        await client.WaitConnectedAsync(Wait);
        Assert.True(SpinWait.SpinUntil(() => host.Server.SubscriberCount("/odom") == 1, Wait), "not subscribed");
        await Lockstep.RunUntilAsync(host, () => host.Robot.Base.LinearMps > 0.299, Drive);

        // One more command at a standing simulated time T0: once every command is in, the last arrived exactly at T0.
        Drive();
        Assert.True(SpinWait.SpinUntil(() => host.Robot.CommandsReceived == published, Wait), $"{host.Robot.CommandsReceived} of {published} commands arrived");
        long t0Us = host.Clock.TimeUs;
        long commandsBefore = host.Robot.CommandsReceived;
        long droppedBefore = cmd.Dropped;

        await host.StopServerAsync();
        Assert.True(SpinWait.SpinUntil(() => !client.IsConnected, Wait), "client did not see the link go down");

        // 2 s of simulated outage in 10 ms steps, the control loop publishing every step.
        long stoppedAtUs = -1;
        for (int step = 1; step <= 200; step++)
        {
            Drive();
            host.Advance(SimulatedRosRobot.StepUs);
            long sinceT0Us = host.Clock.TimeUs - t0Us;
            Assert.Equal(sinceT0Us <= SimulatedRosRobot.CmdVelTimeoutUs, host.Robot.CommandActive);
            if (stoppedAtUs < 0 && host.Robot.Base.LinearMps == 0)
            {
                stoppedAtUs = sinceT0Us;
            }
        }

        // The timeout lapses at T0 + 0.5 s and the base brakes from 0.3 m/s at 1 m/s^2 (0.3 s): stopped at T0 + 0.8 s
        // (measured 800 000 us; one 10 ms step of rounding allowed).
        Assert.InRange(stoppedAtUs, 790_000, 810_000);
        Assert.Equal(0.0, host.Robot.Base.LinearMps);
        Assert.Equal(commandsBefore, host.Robot.CommandsReceived); // nothing reached the robot while down
        Assert.Equal(droppedBefore + 192, cmd.Dropped); // the publisher kept the first 8 of 200 and dropped the rest
        double stoppedX = host.Robot.Base.TrueXM;

        await host.StartServerAsync();

        // Reconnected once and re-subscribed; the 8 commands the publisher kept while down went out, no more: the
        // robot, still at T0 + 2 s (the test has not stepped it), takes them as fresh.
        Assert.True(SpinWait.SpinUntil(() => host.Robot.CommandsReceived == commandsBefore + 8, Wait), $"{host.Robot.CommandsReceived - commandsBefore} commands after the restart");
        Assert.True(SpinWait.SpinUntil(() => host.Server.SubscriberCount("/odom") == 1, Wait), "not resubscribed");
        Assert.Equal(2, client.Counters.Connections);
        Assert.Equal(t0Us + 2_000_000, host.Clock.TimeUs);

        long odomBefore = odom.Sequence;
        await Lockstep.RunUntilAsync(host, () => odom.Sequence > odomBefore + 5 && host.Robot.Base.TrueXM > stoppedX + 0.3, Drive);

        Assert.Equal(2, client.Counters.Connections);
        Assert.True(host.Robot.CommandsReceived > commandsBefore + 8);
        Assert.Equal(0, client.Counters.BadFrames);
        Assert.Equal(0, host.Server.BadFrames);
    }

    [Fact]
    public async Task A_command_publisher_that_does_not_keep_while_down_discards_what_waited_through_the_outage_so_only_commands_published_after_the_reconnect_reach_the_robot()
    {
        await using RosRobotHost host = await RosRobotHost.StartAsync(RoomMap.Create(), start: (1.5, 4.0, 0.0));
        await using var client = new RosbridgeClient(host.Uri, new RosbridgeClientOptions { ReconnectMinDelay = TimeSpan.FromMilliseconds(50), ReconnectMaxDelay = TimeSpan.FromMilliseconds(400) });
        TopicPublisher<Twist> cmd = client.Advertise("/cmd_vel", RosTypes.Twist, queueCapacity: 8, keepWhileDown: false);
        var forward = new Twist(new Vector3(0.3, 0, 0), default);
        client.Start();
        await client.WaitConnectedAsync(Wait);
        Assert.True(SpinWait.SpinUntil(() => host.Server.AdvertiserCount("/cmd_vel") == 1, Wait), "not advertised");
        Assert.True(cmd.Publish(forward));
        Assert.True(SpinWait.SpinUntil(() => host.Robot.CommandsReceived == 1, Wait), "first command did not arrive");

        await host.StopServerAsync();
        Assert.True(SpinWait.SpinUntil(() => !client.IsConnected, Wait), "client did not see the link go down");
        int accepted = 0;
        for (int step = 1; step <= 200; step++)
        {
            accepted += cmd.Publish(forward) ? 1 : 0;
            host.Advance(SimulatedRosRobot.StepUs);
        }

        Assert.Equal(8, accepted); // the ring holds 8 while down and refuses the rest
        Assert.Equal(192, cmd.Dropped);
        Assert.Equal(0.0, host.Robot.Base.LinearMps); // stopped by the cmd_vel timeout

        await host.StartServerAsync();
        Assert.True(SpinWait.SpinUntil(() => host.Server.AdvertiserCount("/cmd_vel") == 1, Wait), "not re-advertised");
        Assert.Equal(2, client.Counters.Connections);

        // Frames keep their order on the one socket: a stale command would reach the server before this marker, so the
        // count of exactly one more command proves the 8 that waited were discarded, not delivered late.
        Assert.True(cmd.Publish(forward));
        Assert.True(SpinWait.SpinUntil(() => host.Robot.CommandsReceived >= 2, Wait), "command after the reconnect did not arrive");
        Assert.Equal(2, host.Robot.CommandsReceived);
        Assert.Equal(8, cmd.DiscardedAtReconnect);
        Assert.Equal(0, host.Server.BadFrames);
    }
}
