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
}
