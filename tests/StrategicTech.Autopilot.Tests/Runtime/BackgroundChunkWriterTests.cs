using StrategicTech.Autopilot.Runtime;
using StrategicTech.Drivers.Mavlink;
using StrategicTech.Drivers.Mavlink.Logs;
using StrategicTech.TestSupport;

namespace StrategicTech.Autopilot.Tests.Runtime;

public class BackgroundChunkWriterTests
{
    [Fact]
    public void Wait_policy_delivers_every_chunk_in_order_through_a_small_queue_and_a_slow_target()
    {
        var target = new RecordingTarget { DelayEvery = 50 };
        using (var writer = new BackgroundChunkWriter("test-wait", target, QueueOverflow.Wait, slotCount: 4, slotBytes: 64))
        {
            for (int i = 0; i < 1000; i++)
            {
                writer.Enqueue([(byte)i, (byte)(i >> 8), 0xAA]);
            }

            writer.Dispose();
            Assert.Equal(0, writer.DroppedBytes);
            Assert.Equal(1000, writer.ChunksWritten);
        }

        Assert.Equal(3000, target.Bytes.Count);
        for (int i = 0; i < 1000; i++)
        {
            Assert.Equal((byte)i, target.Bytes[3 * i]);
            Assert.Equal((byte)(i >> 8), target.Bytes[(3 * i) + 1]);
        }
    }

    [Fact]
    public void Drop_policy_drops_and_counts_exactly_what_does_not_fit_while_the_target_is_blocked()
    {
        using var gate = new ManualResetEventSlim(false);
        var target = new RecordingTarget { Gate = gate };
        var writer = new BackgroundChunkWriter("test-drop", target, QueueOverflow.Drop, slotCount: 8, slotBytes: 64);
        try
        {
            // The thread takes the first chunk and blocks in the target; its slot stays taken until the write returns.
            Assert.True(writer.Enqueue(new byte[10]));
            Assert.True(SpinWait.SpinUntil(() => target.Entered, TimeSpan.FromSeconds(30)), "the writer thread never reached the target");
            int accepted = 0;
            for (int i = 0; i < 20; i++)
            {
                accepted += writer.Enqueue(new byte[10]) ? 1 : 0;
            }

            Assert.Equal(7, accepted); // 8 slots, one still held by the blocked write
            Assert.Equal(13 * 10, writer.DroppedBytes);
        }
        finally
        {
            gate.Set();
            writer.Dispose();
        }

        Assert.Equal(8, writer.ChunksWritten);
    }

    [Fact]
    public void A_throwing_target_is_counted_and_later_chunks_still_arrive()
    {
        var target = new RecordingTarget { ThrowOnFirst = 2 };
        using var writer = new BackgroundChunkWriter("test-throw", target, QueueOverflow.Wait);
        for (int i = 0; i < 5; i++)
        {
            writer.Enqueue([(byte)i]);
        }

        writer.Dispose();
        Assert.Equal(2, writer.TargetErrors);
        Assert.Equal([2, 3, 4], target.Bytes);
    }

    [Fact]
    public void Enqueue_allocates_nothing()
    {
        using var writer = new BackgroundChunkWriter("test-alloc", new RecordingTarget { Discard = true }, QueueOverflow.Drop);
        byte[] frame = new byte[280];
        Allocations.AssertZero(() => writer.Enqueue(frame), 5000);
    }

    [Fact]
    public void Tlog_written_through_a_queued_stream_has_the_same_bytes_as_written_directly()
    {
        byte[] frame = [0xFD, 0x01, 0, 0, 7, 1, 1, 0, 0, 0, 0x42, 0x11, 0x22]; // one whole MAVLink 2 frame: 10-byte header, 1-byte payload, CRC
        int length = MavlinkTlogReader.FrameLength(frame);
        Assert.Equal(frame.Length, length);

        using var direct = new MemoryStream();
        using var queuedInner = new KeepOpenMemoryStream();
        using (var tlogDirect = new TlogWriter(direct, leaveOpen: true))
        using (var tlogQueued = new TlogWriter(new QueuedWriteStream(queuedInner, QueueOverflow.Wait, "test-tlog")))
        {
            for (int i = 0; i < 2000; i++)
            {
                Assert.True(tlogDirect.Write(1_767_225_600_000_000 + (i * 1000L), frame));
                Assert.True(tlogQueued.Write(1_767_225_600_000_000 + (i * 1000L), frame));
            }
        }

        Assert.Equal(direct.ToArray(), queuedInner.Contents);
    }

    private sealed class RecordingTarget : IChunkTarget
    {
        private int _calls;

        public List<byte> Bytes { get; } = [];

        public int DelayEvery { get; init; }

        public int ThrowOnFirst { get; init; }

        public bool Discard { get; init; }

        public ManualResetEventSlim? Gate { get; init; }

        public volatile bool Entered;

        public void Write(ReadOnlySpan<byte> chunk)
        {
            _calls++;
            Entered = true;
            Gate?.Wait();
            if (_calls <= ThrowOnFirst)
            {
                throw new IOException("disk full");
            }

            if (DelayEvery > 0 && _calls % DelayEvery == 0)
            {
                Thread.Sleep(1);
            }

            if (!Discard)
            {
                Bytes.AddRange(chunk);
            }
        }
    }

    /// <summary>Keeps its contents readable after the queued stream disposes it.</summary>
    private sealed class KeepOpenMemoryStream : MemoryStream
    {
        public byte[] Contents { get; private set; } = [];

        protected override void Dispose(bool disposing)
        {
            Contents = ToArray();
            base.Dispose(disposing);
        }
    }
}
