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
    /// <remarks>
    /// A non-zero first measurement is measured once more: the runtime can allocate once on the calling thread while
    /// it re-compiles a hot loop (tier-up, on-stack replacement) in the middle of the measured calls. An allocation
    /// that the code under test makes per call shows in both measurements and fails the test.
    /// </remarks>
    public static void AssertZero(Action action, int iterations = 1000)
    {
        long first = Measure(action, iterations);
        if (first == 0)
        {
            return;
        }

        long second = Measure(action, iterations);
        Assert.True(second == 0, $"expected 0 bytes allocated over {iterations} calls, measured {first}, then {second} on a second run");
    }
}
