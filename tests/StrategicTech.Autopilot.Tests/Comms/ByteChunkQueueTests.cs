using StrategicTech.Autopilot.Comms;
using StrategicTech.TestSupport;

namespace StrategicTech.Autopilot.Tests.Comms;

public sealed class ByteChunkQueueTests
{
    [Fact]
    public void Long_chunks_are_split_and_drained_in_order()
    {
        var queue = new ByteChunkQueue(slotCount: 8, slotBytes: 64);
        byte[] data = Enumerable.Range(0, 150).Select(i => (byte)i).ToArray();
        Assert.True(queue.Enqueue(data));
        Assert.True(queue.Enqueue([200, 201]));
        var sink = new Collect([]);
        Assert.Equal(4, queue.Drain(ref sink)); // 64 + 64 + 22, then 2
        Assert.Equal(data.Concat(new byte[] { 200, 201 }), sink.Bytes);
        Assert.Equal(0, queue.Drain(ref sink));
    }

    [Fact]
    public void A_full_queue_drops_and_counts_instead_of_blocking()
    {
        var queue = new ByteChunkQueue(slotCount: 2, slotBytes: 64);
        Assert.True(queue.Enqueue(new byte[10]));
        Assert.True(queue.Enqueue(new byte[20]));
        Assert.False(queue.Enqueue(new byte[30]));
        Assert.Equal(30, queue.DroppedBytes);
        var sink = new Collect([]);
        Assert.Equal(2, queue.Drain(ref sink));
        Assert.Equal(30, sink.Bytes.Count);
        Assert.True(queue.Enqueue(new byte[5]));
    }

    [Fact]
    public void A_producer_thread_and_a_consumer_see_every_byte_in_order_or_a_counted_drop()
    {
        var queue = new ByteChunkQueue(slotCount: 16, slotBytes: 64);
        const int Chunks = 20_000;
        var producer = new Thread(() =>
        {
            var chunk = new byte[4];
            for (int i = 0; i < Chunks; i++)
            {
                BitConverter.TryWriteBytes(chunk, i);
                queue.Enqueue(chunk);
            }
        });
        var sink = new Collect([]);
        producer.Start();
        while (producer.IsAlive)
        {
            queue.Drain(ref sink);
        }

        queue.Drain(ref sink);
        Assert.Equal(Chunks * 4, sink.Bytes.Count + queue.DroppedBytes);
        int previous = -1;
        for (int i = 0; i < sink.Bytes.Count; i += 4)
        {
            int value = BitConverter.ToInt32([.. sink.Bytes.GetRange(i, 4)]);
            Assert.True(value > previous, $"chunk {value} after {previous}");
            previous = value;
        }
    }

    [Fact]
    public void Enqueue_and_drain_allocate_nothing()
    {
        var queue = new ByteChunkQueue();
        byte[] frame = new byte[40];
        var counter = new Count();
        Allocations.AssertZero(() =>
        {
            queue.Enqueue(frame);
            queue.Drain(ref counter);
        });
        Assert.True(counter.Total > 0);
    }

    private readonly struct Collect(List<byte> bytes) : IByteChunkConsumer
    {
        public List<byte> Bytes { get; } = bytes;

        public void Consume(ReadOnlySpan<byte> chunk) => Bytes.AddRange(chunk);
    }

    private struct Count : IByteChunkConsumer
    {
        public long Total;

        public void Consume(ReadOnlySpan<byte> chunk) => Total += chunk.Length;
    }
}
