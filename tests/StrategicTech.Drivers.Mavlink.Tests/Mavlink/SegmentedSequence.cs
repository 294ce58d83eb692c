using System.Buffers;

namespace StrategicTech.Drivers.Mavlink.Tests.Mavlink;

/// <summary>Builds a multi-segment ReadOnlySequence with random segment sizes.</summary>
internal sealed class SegmentedSequence : ReadOnlySequenceSegment<byte>
{
    private SegmentedSequence(ReadOnlyMemory<byte> memory, long runningIndex)
    {
        Memory = memory;
        RunningIndex = runningIndex;
    }

    public static ReadOnlySequence<byte> Create(byte[] data, Random random)
    {
        SegmentedSequence? first = null, last = null;
        int at = 0;
        while (at < data.Length)
        {
            int size = Math.Min(data.Length - at, 1 + random.Next(200));
            var segment = new SegmentedSequence(data.AsMemory(at, size), at);
            if (last is null)
            {
                first = segment;
            }
            else
            {
                last.Next = segment;
            }

            last = segment;
            at += size;
        }

        return first is null ? ReadOnlySequence<byte>.Empty : new ReadOnlySequence<byte>(first, 0, last!, last!.Memory.Length);
    }
}
