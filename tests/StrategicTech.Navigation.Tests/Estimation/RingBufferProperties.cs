using FsCheck;
using FsCheck.Xunit;
using StrategicTech.Navigation.Estimation.Uav.Buffers;

namespace StrategicTech.Navigation.Tests.Estimation;

public sealed class RingBufferProperties
{
    [Property]
    public bool Keeps_the_newest_items_in_arrival_order(PositiveInt capacity, int[] items)
    {
        int cap = Math.Min(capacity.Get, 64);
        var buffer = new RingBuffer<int>(cap);
        int overwritten = 0;
        foreach (int item in items)
        {
            overwritten += buffer.Push(item) ? 0 : 1;
        }

        int expectedCount = Math.Min(cap, items.Length);
        if (buffer.Count != expectedCount || overwritten != items.Length - expectedCount)
        {
            return false;
        }

        for (int i = 0; i < expectedCount; i++)
        {
            if (buffer[i] != items[items.Length - expectedCount + i])
            {
                return false;
            }
        }

        return expectedCount == 0 || (buffer.PeekOldest() == items[^expectedCount] && buffer.PeekNewest() == items[^1]);
    }

    [Property]
    public bool Dropping_oldest_preserves_the_rest(PositiveInt capacity, NonEmptyArray<int> items)
    {
        int cap = Math.Min(capacity.Get, 64);
        var buffer = new RingBuffer<int>(cap);
        foreach (int item in items.Get)
        {
            buffer.Push(item);
        }

        int before = buffer.Count;
        int second = before > 1 ? buffer[1] : 0;
        buffer.DropOldest();
        return buffer.Count == before - 1 && (buffer.Count == 0 || buffer.PeekOldest() == second);
    }

    // The indices wrap by a compare (no modulo): a long run of pushes and drops, as the EKF's buffers see, must keep
    // matching a queue of the newest entries however often head and tail pass the end of the array.
    [Property]
    public bool Interleaved_pushes_and_drops_match_a_queue_of_the_newest(PositiveInt capacity, bool[] pushes)
    {
        int cap = Math.Min(capacity.Get, 16);
        var buffer = new RingBuffer<int>(cap);
        var model = new Queue<int>();
        for (int step = 0; step < pushes.Length; step++)
        {
            if (pushes[step])
            {
                bool fit = buffer.Push(step);
                if (fit != (model.Count < cap))
                {
                    return false;
                }

                if (!fit)
                {
                    model.Dequeue();
                }

                model.Enqueue(step);
            }
            else
            {
                buffer.DropOldest();
                model.TryDequeue(out _);
            }

            if (buffer.Count != model.Count || (model.Count > 0 && (buffer.PeekOldest() != model.Peek() || buffer.PeekNewest() != model.Last())))
            {
                return false;
            }
        }

        int[] expected = [.. model];
        for (int i = 0; i < expected.Length; i++)
        {
            if (buffer[i] != expected[i])
            {
                return false;
            }
        }

        return true;
    }
}
