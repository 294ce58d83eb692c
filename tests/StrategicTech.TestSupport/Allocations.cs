using Xunit;

namespace StrategicTech.TestSupport;

/// <summary>Measures managed bytes allocated on the calling thread, to prove real-time paths allocate nothing.</summary>
public static class Allocations
{
    /// <summary>Runs <paramref name="action"/> once to warm up (JIT, tiering, lazy statics), then returns the bytes the measured runs allocated.</summary>
    public static long Measure(Action action, int iterations = 1)
    {
        ArgumentNullException.ThrowIfNull(action);
        action();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < iterations; i++)
        {
            action();
        }

        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    /// <summary>Asserts that <paramref name="action"/>, after one warm-up call, allocates zero bytes over <paramref name="iterations"/> calls.</summary>
    public static void AssertZero(Action action, int iterations = 1000)
    {
        long bytes = Measure(action, iterations);
        Assert.True(bytes == 0, $"expected 0 bytes allocated over {iterations} calls, measured {bytes}");
    }
}
