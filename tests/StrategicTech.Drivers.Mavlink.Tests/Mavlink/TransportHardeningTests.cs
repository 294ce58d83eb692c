using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using StrategicTech.Drivers.Mavlink;
using StrategicTech.Drivers.Mavlink.Dialects.Common;
using StrategicTech.Drivers.Mavlink.Dialects.Minimal;
using StrategicTech.Drivers.Mavlink.Transports;

namespace StrategicTech.Drivers.Mavlink.Tests.Mavlink;

/// <summary>Issue 17 items 6 and 8: UDP peers only from checked frames; TCP clients capped, queued and freed.</summary>
public sealed class TransportHardeningTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public void Udp_garbage_from_spoofed_sources_teaches_no_peer_and_evicts_no_ground_station()
    {
        using var vehicle = new UdpTransport(MavlinkEndpoint.Parse("udpin://127.0.0.1:0"));
        int datagrams = 0;
        vehicle.Start((_, _, _) => Interlocked.Increment(ref datagrams));
        var target = new IPEndPoint(IPAddress.Loopback, vehicle.LocalEndPoint.Port);

        using var station = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        station.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        station.ReceiveTimeout = (int)Wait.TotalMilliseconds;
        station.SendTo(Frame(new Heartbeat { Type = MavType.Gcs }, 255), target);
        Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref datagrams) == 1, Wait));
        Assert.Single(vehicle.Peers);

        // 80 spoofed sources (more than the 64 peers kept) send garbage, a frame with a broken CRC, and a frame of an
        // unknown id (whose CRC proves nothing).
        byte[] broken = Frame(new Heartbeat { Type = MavType.Gcs }, 66);
        broken[^1] ^= 0x5A;
        byte[] unknownId = [0xFD, 3, 0, 0, 0, 66, 1, 0xEF, 0xCD, 0xAB, 1, 2, 3, 0x11, 0x22];
        var spoofs = new List<Socket>();
        try
        {
            for (int i = 0; i < 80; i++)
            {
                var spoof = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                spoofs.Add(spoof);
                spoof.Bind(new IPEndPoint(IPAddress.Loopback, 0));
                byte[] garbage = new byte[1 + (i * 7 % 200)];
                new Random(i).NextBytes(garbage);
                spoof.SendTo(garbage, target);
                spoof.SendTo(broken, target);
                spoof.SendTo(unknownId, target);
            }

            Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref datagrams) == 1 + (3 * 80), Wait));
            Assert.Equal(3 * 80, vehicle.RefusedDatagrams);
            Assert.Equal(station.LocalEndPoint, Assert.Single(vehicle.Peers));

            byte[] attitude = Frame(new Attitude { Roll = 0.5f, TimeBootMs = 9 }, 1);
            Assert.True(vehicle.Send(attitude));
            var buffer = new byte[512];
            int n = station.Receive(buffer);
            Assert.Equal(attitude, buffer[..n]);
            Assert.All(spoofs, s => Assert.Equal(0, s.Available));
        }
        finally
        {
            spoofs.ForEach(s => s.Dispose());
        }
    }

    [Fact]
    public void Tcp_client_that_never_reads_does_not_stall_sends_to_another_client()
    {
        using var server = new TcpTransport(MavlinkEndpoint.Parse("tcpin://127.0.0.1:0")) { QueueBytes = 16 * 1024 };
        server.Start((_, _, _) => { });
        int port = server.LocalEndPoint!.Port;

        using var stalled = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4096 };
        stalled.Connect(IPAddress.Loopback, port);
        using var reader = new TcpTransport(MavlinkEndpoint.Parse($"tcpout://127.0.0.1:{port}"));
        long readerFrames = 0;
        uint lastSeen = 0;
        new MavlinkLink(reader, CommonDialect.Instance).Start((_, f) =>
        {
            if (f.TryDecode(out Attitude attitude))
            {
                Interlocked.Increment(ref readerFrames);
                Volatile.Write(ref lastSeen, attitude.TimeBootMs);
            }
        });
        Assert.True(SpinWait.SpinUntil(() => server.ConnectedClients == 2, Wait));

        // 40 MB offered: far more than the stalled client's socket buffers (a few MB on loopback) and its 16 KiB
        // queue. With a blocking send the sending thread hangs on the stalled client; here every Send returns.
        byte[] frame = Frame(new Attitude { TimeBootMs = 1, Roll = 1f }, 1);
        byte[] burst = new byte[frame.Length * 64];
        for (int k = 0; k < 64; k++)
        {
            frame.CopyTo(burst, k * frame.Length);
        }

        var sender = new Thread(() =>
        {
            for (int i = 0; i < 40_000_000 / burst.Length; i++)
            {
                server.Send(burst);
            }
        }) { IsBackground = true };
        sender.Start();
        Assert.True(sender.Join(TimeSpan.FromSeconds(120)), "Send blocked on the client that does not read");

        // The reading client still gets what is sent now (its own queue may have dropped bursts meanwhile).
        byte[] marker = Frame(new Attitude { TimeBootMs = 777 }, 1);
        Assert.True(SpinWait.SpinUntil(
            () =>
            {
                server.Send(marker);
                Thread.Sleep(1);
                return Volatile.Read(ref lastSeen) == 777;
            },
            Wait));
        Assert.True(Interlocked.Read(ref readerFrames) > 64);
        Assert.True(server.DroppedSends > 0, "the stalled client's queue never filled");
        Assert.Equal(2, server.ConnectedClients);
    }

    [Fact]
    public void Tcp_server_refuses_clients_over_the_cap_and_a_disconnect_frees_the_slot()
    {
        using var server = new TcpTransport(MavlinkEndpoint.Parse("tcpin://127.0.0.1:0")) { MaxClients = 2 };
        server.Start((_, _, _) => { });
        int port = server.LocalEndPoint!.Port;

        Socket Connect()
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveTimeout = (int)Wait.TotalMilliseconds };
            socket.Connect(IPAddress.Loopback, port);
            return socket;
        }

        using Socket first = Connect();
        using Socket second = Connect();
        Assert.True(SpinWait.SpinUntil(() => server.ConnectedClients == 2, Wait));
        using Socket third = Connect();

        // The third is closed by the server: its read ends (0 bytes) instead of timing out.
        Assert.Equal(0, third.Receive(new byte[16]));
        Assert.Equal(1, server.RefusedClients);
        Assert.Equal(2, server.ConnectedClients);

        first.Close();
        Assert.True(SpinWait.SpinUntil(() => server.ConnectedClients == 1, Wait));
        using Socket fourth = Connect();
        Assert.True(SpinWait.SpinUntil(() => server.ConnectedClients == 2, Wait));
        Assert.True(server.Send(Frame(new Heartbeat(), 1)));
        Assert.True(fourth.Receive(new byte[64]) > 0);
        Assert.Equal(1, server.RefusedClients);
    }

    private static byte[] Frame<T>(T message, byte system)
        where T : struct, IMavlinkMessage<T>
    {
        var buffer = new byte[300];
        int n = new MavlinkFrameWriter(system, 1).WriteV2(message, buffer);
        return buffer[..n];
    }
}
