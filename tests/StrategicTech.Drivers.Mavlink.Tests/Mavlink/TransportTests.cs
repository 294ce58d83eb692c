using System.Collections.Concurrent;
using System.Net;
using StrategicTech.Drivers.Mavlink;
using StrategicTech.Drivers.Mavlink.Dialects.Common;
using StrategicTech.Drivers.Mavlink.Dialects.Minimal;
using StrategicTech.Drivers.Mavlink.Transports;

namespace StrategicTech.Drivers.Mavlink.Tests.Mavlink;

/// <summary>UDP and TCP transports on 127.0.0.1, and the router between links.</summary>
public sealed class TransportTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public void Udp_server_learns_its_peer_from_traffic_and_answers_it()
    {
        using var server = new UdpTransport(MavlinkEndpoint.Parse("udpin://127.0.0.1:0"));
        var serverFrames = new BlockingCollection<byte[]>();
        var serverLink = new MavlinkLink(server, CommonDialect.Instance);
        serverLink.Start((_, f) => serverFrames.Add(f.Raw.ToArray()));
        Assert.False(server.Send(Frame(new Heartbeat(), 1)));

        using var client = new UdpTransport(MavlinkEndpoint.Parse($"udpout://127.0.0.1:{server.LocalEndPoint.Port}"));
        var clientFrames = new BlockingCollection<byte[]>();
        var clientLink = new MavlinkLink(client, CommonDialect.Instance);
        clientLink.Start((_, f) => clientFrames.Add(f.Raw.ToArray()));

        byte[] hello = Frame(new Heartbeat { Type = MavType.Gcs }, 255);
        Assert.True(client.Send(hello));
        Assert.True(serverFrames.TryTake(out byte[]? got, Wait));
        Assert.Equal(hello, got);
        Assert.Single(server.Peers);

        byte[] reply = Frame(new Heartbeat { Type = MavType.Quadrotor }, 1);
        Assert.True(server.Send(reply));
        Assert.True(clientFrames.TryTake(out got, Wait));
        Assert.Equal(reply, got);
    }

    [Fact]
    public void Vehicle_style_udp_sends_to_its_ground_station_and_to_every_peer_heard_from()
    {
        using var groundStation = new UdpTransport(MavlinkEndpoint.Parse("udpin://127.0.0.1:0"));
        var stationFrames = new BlockingCollection<byte[]>();
        new MavlinkLink(groundStation, CommonDialect.Instance).Start((_, f) => stationFrames.Add(f.Raw.ToArray()));
        using var vehicle = new UdpTransport(new IPEndPoint(IPAddress.Loopback, 0), groundStation.LocalEndPoint);
        var vehicleFrames = new BlockingCollection<byte[]>();
        new MavlinkLink(vehicle, CommonDialect.Instance).Start((_, f) => vehicleFrames.Add(f.Raw.ToArray()));

        byte[] heartbeat = Frame(new Heartbeat { Type = MavType.Quadrotor }, 1);
        Assert.True(vehicle.Send(heartbeat));
        Assert.True(stationFrames.TryTake(out byte[]? got, Wait));
        Assert.Equal(heartbeat, got);

        // A script talking to the vehicle's bound port is learned and answered too, the ground station still served.
        using var script = new UdpTransport(MavlinkEndpoint.Parse($"udpout://127.0.0.1:{vehicle.LocalEndPoint.Port}"));
        var scriptFrames = new BlockingCollection<byte[]>();
        new MavlinkLink(script, CommonDialect.Instance).Start((_, f) => scriptFrames.Add(f.Raw.ToArray()));
        Assert.True(script.Send(Frame(new Heartbeat { Type = MavType.Gcs }, 255)));
        Assert.True(vehicleFrames.TryTake(out _, Wait));
        Assert.Equal(2, vehicle.Peers.Count);

        byte[] attitude = Frame(new Attitude { Roll = 0.5f, TimeBootMs = 7 }, 1);
        Assert.True(vehicle.Send(attitude));
        Assert.True(stationFrames.TryTake(out got, Wait));
        Assert.Equal(attitude, got);
        Assert.True(scriptFrames.TryTake(out got, Wait));
        Assert.Equal(attitude, got);
        Assert.Equal(0, vehicle.SendErrors);
    }

    [Fact]
    public void Tcp_client_and_server_exchange_frames_split_across_writes()
    {
        using var server = new TcpTransport(MavlinkEndpoint.Parse("tcpin://127.0.0.1:0"));
        var serverFrames = new BlockingCollection<byte[]>();
        new MavlinkLink(server, CommonDialect.Instance).Start((_, f) => serverFrames.Add(f.Raw.ToArray()));
        using var client = new TcpTransport(MavlinkEndpoint.Parse($"tcpout://127.0.0.1:{server.LocalEndPoint!.Port}"));
        var clientFrames = new BlockingCollection<byte[]>();
        new MavlinkLink(client, CommonDialect.Instance).Start((_, f) => clientFrames.Add(f.Raw.ToArray()));
        SpinWait.SpinUntil(() => server.ConnectedClients == 1 && client.ConnectedClients == 1, Wait);

        byte[] frame = Frame(new Attitude { Roll = 0.25f, TimeBootMs = 42 }, 1);
        Assert.True(client.Send(frame.AsSpan(0, 7)));
        Thread.Sleep(20);
        Assert.True(client.Send(frame.AsSpan(7)));
        Assert.True(serverFrames.TryTake(out byte[]? got, Wait));
        Assert.Equal(frame, got);

        Assert.True(server.Send(frame));
        Assert.True(clientFrames.TryTake(out got, Wait));
        Assert.Equal(frame, got);
    }

    [Fact]
    public void Router_forwards_by_learned_target_and_never_back_to_the_source()
    {
        using var router = new MavlinkRouter();
        var (gcsSide, gcsRouter) = MemoryTransport.CreatePair("gcs");
        var (v1Side, v1Router) = MemoryTransport.CreatePair("vehicle1");
        var (v2Side, v2Router) = MemoryTransport.CreatePair("vehicle2");
        router.Add(gcsRouter);
        router.Add(v1Router);
        router.Add(v2Router);
        var gcs = Collect(gcsSide);
        var vehicle1 = Collect(v1Side);
        var vehicle2 = Collect(v2Side);

        // Heartbeats (no target) go everywhere but back; they teach the router where systems 1, 2 and 255 are.
        v1Side.Send(Frame(new Heartbeat(), 1));
        v2Side.Send(Frame(new Heartbeat(), 2));
        gcsSide.Send(Frame(new Heartbeat { Type = MavType.Gcs }, 255, component: 190));
        Assert.Equal([1, 1, 2, 2, 255, 255], [.. gcs.Concat(vehicle1).Concat(vehicle2).Select(f => (int)f[5]).Order()]);
        Assert.DoesNotContain(vehicle1, f => f[5] == 1);
        gcs.Clear();
        vehicle1.Clear();
        vehicle2.Clear();

        // A command for system 2 reaches only vehicle 2.
        byte[] command = Frame(new CommandLong { TargetSystem = 2, TargetComponent = 1, Command = MavCmd.ComponentArmDisarm, Param1 = 1 }, 255, component: 190);
        gcsSide.Send(command);
        Assert.Equal([command], vehicle2);
        Assert.Empty(vehicle1);
        Assert.Empty(gcs);

        // Its answer (target 255/190) reaches only the GCS.
        byte[] ack = Frame(new CommandAck { Command = MavCmd.ComponentArmDisarm, TargetSystem = 255, TargetComponent = 190 }, 2);
        v2Side.Send(ack);
        Assert.Equal([ack], gcs);
        Assert.Single(vehicle2);

        // A target nobody has announced is not forwarded; SETUP_SIGNING never is.
        long dropped = router.Dropped;
        gcsSide.Send(Frame(new CommandLong { TargetSystem = 9, TargetComponent = 1 }, 255, component: 190));
        gcsSide.Send(Frame(new SetupSigning { TargetSystem = 1, TargetComponent = 1, InitialTimestamp = 5 }, 255, component: 190));
        Assert.Empty(vehicle1);
        Assert.Equal(dropped + 2, router.Dropped);
    }

    [Fact]
    public void Router_forwards_frames_of_unknown_ids_raw_to_every_other_link_at_once()
    {
        using var router = new MavlinkRouter();
        var (aSide, aRouter) = MemoryTransport.CreatePair("a");
        var (bSide, bRouter) = MemoryTransport.CreatePair("b");
        var (cSide, cRouter) = MemoryTransport.CreatePair("c");
        router.Add(aRouter);
        router.Add(bRouter);
        router.Add(cRouter);
        var a = CollectRaw(aSide);
        var b = CollectRaw(bSide);
        var c = CollectRaw(cSide);

        // Id 0x7A6B5C is in no dialect: its CRC cannot be checked, but a router must pass it on unchanged.
        byte[] unknown = [0xFD, 3, 0, 0, 4, 7, 1, 0x5C, 0x6B, 0x7A, 1, 2, 3, 0x44, 0x55];
        aSide.Send(unknown);
        Assert.Empty(a);
        Assert.Equal([unknown], b);
        Assert.Equal([unknown], c);
        Assert.Equal(1, router.Forwarded);
    }

    private static List<byte[]> CollectRaw(MemoryTransport side)
    {
        var chunks = new List<byte[]>();
        side.Start((_, _, bytes) => chunks.Add(bytes.ToArray()));
        return chunks;
    }

    private static List<byte[]> Collect(MemoryTransport side)
    {
        var frames = new List<byte[]>();
        var link = new MavlinkLink(side, MavlinkDialects.All);
        link.Start((_, f) => frames.Add(f.Raw.ToArray()));
        return frames;
    }

    private static byte[] Frame<T>(T message, byte system, byte component = 1)
        where T : struct, IMavlinkMessage<T>
    {
        var buffer = new byte[300];
        return buffer[..MavlinkFrameWriter.EncodeV2(message, buffer, 0, system, component)];
    }
}
