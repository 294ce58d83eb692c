using StrategicTech.Drivers.Mavlink.Microservices;
using StrategicTech.Drivers.Mavlink.Dialects.Minimal;
using StrategicTech.Drivers.Mavlink.Microservices.Heartbeat.Client;
using StrategicTech.Drivers.Mavlink.Microservices.Heartbeat.Server;

namespace StrategicTech.Drivers.Mavlink.Tests.Microservices;

public sealed class HeartbeatTests
{
    [Fact]
    public void PeerIsDiscoveredWithItsHeartbeatFields()
    {
        var net = new LossyNetwork();
        using var monitor = net.A.Add(new ConnectionMonitor());
        var events = new List<PeerEvent>();
        using IDisposable sub = monitor.Events.Subscribe(events.Add);
        HeartbeatPublisher vehicle = net.B.Add(new HeartbeatPublisher(net.B, MavType.Quadrotor, MavAutopilot.Px4));
        vehicle.BaseMode = MavModeFlag.CustomModeEnabled | MavModeFlag.SafetyArmed;
        vehicle.CustomMode = 0x0004_0000;
        vehicle.SystemStatus = MavState.Active;

        net.Run(10_000);

        PeerEvent discovered = Assert.Single(events);
        Assert.Equal(PeerEventKind.Discovered, discovered.Kind);
        Assert.Equal(1, discovered.Peer.SystemId);
        Assert.Equal(1, discovered.Peer.ComponentId);
        Assert.Equal(MavType.Quadrotor, discovered.Peer.Type);
        Assert.Equal(MavAutopilot.Px4, discovered.Peer.Autopilot);
        Assert.Equal(MavModeFlag.CustomModeEnabled | MavModeFlag.SafetyArmed, discovered.Peer.BaseMode);
        Assert.Equal(0x0004_0000u, discovered.Peer.CustomMode);
        Assert.Equal(MavState.Active, discovered.Peer.SystemStatus);
        Assert.True(monitor.IsConnected(1, 1));
        Assert.False(monitor.IsConnected(1, 2));
    }

    [Fact]
    public void PublisherSendsAtOneHertz()
    {
        var net = new LossyNetwork();
        HeartbeatPublisher vehicle = net.B.Add(new HeartbeatPublisher(net.B, MavType.Quadrotor, MavAutopilot.Px4));
        net.Run(10_000_000);
        // First at t = 10 ms, then every second: 10 ms, 1.01 s … 9.01 s.
        Assert.Equal(10, vehicle.Sent);
    }

    [Fact]
    public void LinkIsLostAfterDefaultTimeoutAndRegained()
    {
        var net = new LossyNetwork();
        using var monitor = net.A.Add(new ConnectionMonitor());
        var events = new List<PeerEvent>();
        using IDisposable sub = monitor.Events.Subscribe(events.Add);
        net.B.Add(new HeartbeatPublisher(net.B, MavType.Quadrotor, MavAutopilot.Px4));

        net.Run(2_000_000);
        long lastHeartbeatUs = monitor.Peers[0].LastHeartbeatUs;
        net.Connected = false;
        Assert.True(net.RunUntil(() => events.Count == 2, 10_000_000));
        Assert.Equal(PeerEventKind.Lost, events[1].Kind);
        Assert.False(events[1].Peer.IsConnected);
        // Lost on the first tick more than 3 s after the last heartbeat (10 ms tick).
        Assert.InRange(events[1].TimeUs - lastHeartbeatUs, 3_000_001, 3_010_000);
        Assert.False(monitor.IsConnected(1, 1));

        net.Connected = true;
        Assert.True(net.RunUntil(() => events.Count == 3, 2_000_000));
        Assert.Equal(PeerEventKind.Regained, events[2].Kind);
        Assert.True(monitor.IsConnected(1, 1));
    }

    [Fact]
    public void ConfigurableTimeoutAndModeChangeEvents()
    {
        var net = new LossyNetwork();
        using var monitor = net.A.Add(new ConnectionMonitor(timeoutUs: 1_500_000));
        var events = new List<PeerEvent>();
        using IDisposable sub = monitor.Events.Subscribe(events.Add);
        HeartbeatPublisher vehicle = net.B.Add(new HeartbeatPublisher(net.B, MavType.Quadrotor, MavAutopilot.Px4));
        net.Run(3_000_000);
        Assert.Single(events);

        vehicle.CustomMode = 7;
        net.Run(1_000_000);
        Assert.Equal(PeerEventKind.Changed, events[^1].Kind);
        Assert.Equal(7u, events[^1].Peer.CustomMode);

        // With 1 Hz heartbeats, losing one is not a link loss under 1.5 s; losing two is. Cut just after the 4.01 s heartbeat.
        net.Run(20_000);
        net.Connected = false;
        net.Run(1_400_000);
        Assert.True(monitor.IsConnected(1, 1));
        net.Run(200_000);
        Assert.False(monitor.IsConnected(1, 1));
    }

    [Fact]
    public void SeveralPeersAreTrackedSeparatelyAndOwnHeartbeatIsIgnored()
    {
        var net = new LossyNetwork();
        using var monitor = net.A.Add(new ConnectionMonitor());
        net.A.Add(new HeartbeatPublisher(net.A, MavType.Gcs, MavAutopilot.Invalid));
        net.B.Add(new HeartbeatPublisher(net.B, MavType.Quadrotor, MavAutopilot.Px4));
        net.Run(1_500_000);
        PeerInfo peer = Assert.Single(monitor.Peers);
        Assert.Equal(MavType.Quadrotor, peer.Type);
        Assert.Equal(0, net.A.Stats.BadCrc);
    }

    [Fact]
    public void KnownPeerHeartbeatAllocatesNothing()
    {
        var monitor = new ConnectionMonitor();
        var clock = new StrategicTech.Navigation.Time.ManualClock();
        var node = new MavlinkNode(255, 190, new NullSink(), clock);
        node.Add(monitor);
        var writer = new MavlinkFrameWriter(1, 1);
        byte[] frame = new byte[64];
        int length = writer.WriteV2(new Heartbeat { Type = MavType.Quadrotor, Autopilot = MavAutopilot.Px4 }, frame);
        node.Receive(frame.AsSpan(0, length));
        TestSupport.Allocations.AssertZero(() =>
        {
            clock.AdvanceUs(1000);
            node.Receive(frame.AsSpan(0, length));
            node.Tick();
        });
        Assert.True(monitor.IsConnected(1, 1));
    }

    private sealed class NullSink : IMavlinkFrameSink
    {
        public bool Send(ReadOnlySpan<byte> frame) => true;
    }
}
