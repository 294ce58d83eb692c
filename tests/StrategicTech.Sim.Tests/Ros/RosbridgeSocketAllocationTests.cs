using System.Buffers;
using System.Net.WebSockets;
using StrategicTech.Drivers.Rosbridge.Client;
using StrategicTech.Drivers.Rosbridge.Messages;
using StrategicTech.Drivers.Rosbridge.Messages.Preallocated;
using StrategicTech.Drivers.Rosbridge.Protocol;
using Xunit.Abstractions;

namespace StrategicTech.Sim.Tests.Ros;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessAllocationCollection
{
    public const string Name = "Process-wide allocation measurement";
}

/// <summary>
/// Steady-state receive through the real socket path: a bare WebSocket server in this process sends 1 000 prebuilt
/// 360-beam scan frames; a receive loop like the client's hands each to <see cref="RosbridgeClient.HandleFrame"/>,
/// which finds and decodes it into a preallocated slot; the test (standing in for the control loop) drains the
/// slots. The whole client (its own loops) is measured too, for the record. Bytes are counted process-wide
/// (<see cref="GC.GetTotalAllocatedBytes(bool)"/>, this collection runs alone) and compared with the same frames read
/// by a bare <see cref="ClientWebSocket"/> that decodes nothing: the BCL's share (server send + client receive).
/// </summary>
[Collection(ProcessAllocationCollection.Name)]
public sealed class RosbridgeSocketAllocationTests(ITestOutputHelper output)
{
    private const int WarmUpFrames = 300;
    private const int MeasuredFrames = 1000;

    /// <summary>Each path is measured this many times and the least kept: a per-frame allocation shows in every round,
    /// the test host's own background allocations (result reporting) only in some.</summary>
    private const int Rounds = 3;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    private static LaserScan Scan()
    {
        var random = new Random(3);
        float[] ranges = [.. Enumerable.Range(0, 360).Select(_ => random.Next(20) == 0 ? float.PositiveInfinity : (float)(0.12 + (random.NextDouble() * 11.8)))];
        return new LaserScan(new Header(new RosTime(1712, 5), "base_scan"), -3.1415927f, 3.1415927f, 0.017453292f, 0.0002777f, 0.1f, 0.12f, 12f, ranges, []);
    }

    private static (byte[] Frame, bool Binary, SubscribeOptions Options) FrameFor(string encoding) => encoding switch
    {
        RosbridgeCompression.Cbor => (RosbridgeFrames.PublishCbor("/scan", Scan()), true, new SubscribeOptions { Compression = encoding }),
        RosbridgeCompression.CborRaw => (RosbridgeFrames.PublishCborRaw("/scan", RosTypes.LaserScan.Cdr!.Serialize(Scan()), 1_000), true, new SubscribeOptions { Compression = encoding }),
        _ => (RosbridgeFrames.Publish("/scan", Scan(), RosTypes.LaserScan.Contract), false, SubscribeOptions.Default),
    };

    /// <summary>Bytes allocated in the process while the feeder sends <paramref name="count"/> frames and <paramref name="done"/> turns true.</summary>
    private static long MeasureWhile(WebSocketFrameFeeder feeder, byte[] frame, bool binary, int count, Func<bool> done)
    {
        long before = GC.GetTotalAllocatedBytes(precise: true);
        Task send = feeder.SendAsync(frame, binary, count);
        Assert.True(SpinWait.SpinUntil(done, Wait), "frames did not arrive");
        long after = GC.GetTotalAllocatedBytes(precise: true);
        send.GetAwaiter().GetResult();
        return after - before;
    }

    [Theory]
    [InlineData(RosbridgeCompression.None)]
    [InlineData(RosbridgeCompression.Cbor)]
    [InlineData(RosbridgeCompression.CborRaw)]
    public async Task Receiving_1000_scan_frames_over_a_socket_into_slots_allocates_no_object_per_frame_beyond_the_bare_socket(string encoding)
    {
        (byte[] frame, bool binary, SubscribeOptions options) = FrameFor(encoding);

        // The BCL alone: a bare ClientWebSocket reading the same frames (and, for the record, with a cancellable token).
        long bareBytes = await MeasureBareAsync(frame, binary, CancellationToken.None);
        using var cancellable = new CancellationTokenSource();
        long bareWithTokenBytes = await MeasureBareAsync(frame, binary, cancellable.Token);

        // The same socket receive loop as RosbridgeClient's (Memory overload, whole message assembled, HandleFrame),
        // driven here without the client's own loops (their idle ticks: RosbridgeIdleTickAllocationTests).
        (long drivenBytes, long drivenDropped) = await MeasureDrivenAsync(frame, binary, options);

        // The whole client with its own loops, for the record.
        long clientBytes;
        long dropped;
        await using (WebSocketFrameFeeder feeder = WebSocketFrameFeeder.Start())
        {
            await using var client = new RosbridgeClient(feeder.Uri);
            PreallocatedSubscription<LaserScanBuffer> scan = client.SubscribePreallocated("/scan", PreallocatedTypes.LaserScan(), options, capacity: 64);
            client.Start();
            await client.WaitConnectedAsync(Wait);
            await feeder.ConnectedAsync(Wait);
            long beams = 0;
            bool Drained(long target)
            {
                while (scan.TryRead(out LaserScanBuffer s))
                {
                    beams += s.Ranges.Length;
                }

                return scan.Sequence >= target;
            }

            Func<bool> warm = () => Drained(WarmUpFrames);
            Func<bool> measured = () => Drained(WarmUpFrames + MeasuredFrames);
            MeasureWhile(feeder, frame, binary, WarmUpFrames, warm);
            clientBytes = MeasureWhile(feeder, frame, binary, MeasuredFrames, measured);
            Drained(0);
            dropped = scan.Dropped;
            Assert.Equal(WarmUpFrames + MeasuredFrames, scan.Sequence);
            Assert.Equal((WarmUpFrames + MeasuredFrames - dropped) * 360, beams);
            Assert.Equal(0, client.Counters.BadFrames);
        }

        output.WriteLine($"{encoding}: {frame.Length} B frames; per {MeasuredFrames} frames: bare ClientWebSocket {bareBytes} B "
            + $"({bareWithTokenBytes} B with a cancellable token), receive loop + HandleFrame into slots {drivenBytes} B (ring drops {drivenDropped}), "
            + $"whole client {clientBytes} B (ring drops {dropped})");
        // The smallest object is 24 B, so anything allocated per frame adds >= 24 000 B over 1 000 frames. Measured
        // (least of 3 rounds) difference to the bare socket: 0 .. 336 B, the host's background allocations.
        Assert.True(drivenBytes - bareBytes < 24 * MeasuredFrames, $"receive loop + HandleFrame {drivenBytes} B vs bare socket {bareBytes} B over {MeasuredFrames} frames");
    }

    /// <summary>Feeds frames to a client (not started) through a socket loop identical to its receive loop.</summary>
    private static async Task<(long Bytes, long Dropped)> MeasureDrivenAsync(byte[] frame, bool binary, SubscribeOptions options)
    {
        await using WebSocketFrameFeeder feeder = WebSocketFrameFeeder.Start();
        await using var client = new RosbridgeClient(feeder.Uri);
        PreallocatedSubscription<LaserScanBuffer> scan = client.SubscribePreallocated("/scan", PreallocatedTypes.LaserScan(), options, capacity: 64);
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(feeder.Uri, CancellationToken.None);
        await feeder.ConnectedAsync(Wait);
        Task receive = DriveAsync(socket, client);
        long beams = 0;
        bool Drained(long target)
        {
            while (scan.TryRead(out LaserScanBuffer s))
            {
                beams += s.Ranges.Length;
            }

            return scan.Sequence >= target;
        }

        long target = WarmUpFrames;
        Func<bool> drained = () => Drained(target);
        MeasureWhile(feeder, frame, binary, WarmUpFrames, drained);
        long bytes = long.MaxValue;
        for (int round = 1; round <= Rounds; round++)
        {
            target = WarmUpFrames + (round * MeasuredFrames);
            bytes = Math.Min(bytes, MeasureWhile(feeder, frame, binary, MeasuredFrames, drained));
        }

        Drained(0);
        socket.Abort();
        await receive.ContinueWith(_ => { }, TaskScheduler.Default);
        Assert.Equal(WarmUpFrames + (Rounds * MeasuredFrames), scan.Sequence);
        Assert.Equal((WarmUpFrames + (Rounds * MeasuredFrames) - scan.Dropped) * 360, beams);
        Assert.Equal(0, client.Counters.BadFrames);
        return (bytes, scan.Dropped);
    }

    /// <summary>RosbridgeClient.ReceiveLoopAsync's per-message work: receive chunks, assemble, hand the message to HandleFrame.</summary>
    private static async Task DriveAsync(ClientWebSocket socket, RosbridgeClient client)
    {
        byte[] chunk = new byte[64 * 1024];
        var message = new ArrayBufferWriter<byte>(64 * 1024);
        try
        {
            while (true)
            {
                message.ResetWrittenCount();
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(chunk.AsMemory(), CancellationToken.None);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        return;
                    }

                    message.Write(chunk.AsSpan(0, result.Count));
                }
                while (!result.EndOfMessage);

                client.HandleFrame(message.WrittenMemory, result.MessageType == WebSocketMessageType.Binary);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    private static async Task<long> MeasureBareAsync(byte[] frame, bool binary, CancellationToken token)
    {
        await using WebSocketFrameFeeder feeder = WebSocketFrameFeeder.Start();
        using var bare = new ClientWebSocket();
        await bare.ConnectAsync(feeder.Uri, CancellationToken.None);
        await feeder.ConnectedAsync(Wait);
        long frames = 0;
        Task read = ReadAllAsync(bare, () => Interlocked.Increment(ref frames), token);
        MeasureWhile(feeder, frame, binary, WarmUpFrames, () => Interlocked.Read(ref frames) >= WarmUpFrames);
        long bytes = long.MaxValue;
        for (int round = 1; round <= Rounds; round++)
        {
            long target = WarmUpFrames + (round * MeasuredFrames);
            bytes = Math.Min(bytes, MeasureWhile(feeder, frame, binary, MeasuredFrames, () => Interlocked.Read(ref frames) >= target));
        }

        bare.Abort();
        await read.ContinueWith(_ => { }, TaskScheduler.Default);
        return bytes;
    }

    private static async Task ReadAllAsync(ClientWebSocket socket, Action onFrame, CancellationToken token)
    {
        byte[] buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                ValueWebSocketReceiveResult result = await socket.ReceiveAsync(buffer.AsMemory(), token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                if (result.EndOfMessage)
                {
                    onFrame();
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }
}
