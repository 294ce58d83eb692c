using System.Diagnostics;
using System.Runtime;
using Xunit;

namespace StrategicTech.TestSupport;

/// <summary>Measures managed bytes allocated on the calling thread, to prove real-time paths allocate nothing.</summary>
public static class Allocations
{
    /// <summary>Calls per warm-up round (fewer when the caller asks for fewer measured calls).</summary>
    private const int WarmUpRoundCalls = 100;

    /// <summary>
    /// The runtime promotes a method to tier 1 about 100 ms after its call counting ends; the warm-up only ends once
    /// the calling thread has compiled nothing for twice that long.
    /// </summary>
    private static readonly TimeSpan QuietJitPeriod = TimeSpan.FromMilliseconds(200);

    /// <summary>Upper bound on warm-up time: code still allocating after this is measured anyway (and fails).</summary>
    private static readonly TimeSpan MaxWarmUp = TimeSpan.FromSeconds(5);

    /// <summary>Upper bound on warm-up rounds, so a caller feeding pre-generated samples knows how many it needs.</summary>
    private const int MaxWarmUpRounds = 40;

    /// <summary>The most calls <see cref="AssertZero"/> makes for <paramref name="iterations"/>: warm-up plus 3 × iterations.</summary>
    public static int MaxCalls(int iterations) => (MaxWarmUpRounds * Math.Min(iterations, WarmUpRoundCalls)) + (3 * iterations);

    /// <summary>Runs <paramref name="action"/> once to warm up (JIT, lazy statics), then returns the bytes the measured runs allocated.</summary>
    public static long Measure(Action action, int iterations = 1)
    {
        ArgumentNullException.ThrowIfNull(action);
        action();
        return MeasureCalls(action, iterations);
    }

    /// <summary>
    /// Asserts that <paramref name="action"/> allocates zero bytes per call in steady state: after a warm-up, a run of
    /// <paramref name="iterations"/> calls and then a run of twice as many must each allocate exactly zero bytes.
    /// </summary>
    /// <remarks>
    /// The warm-up repeats short rounds until the calling thread has compiled no method (tier 0 or on-stack
    /// replacement; tier 1 compiles in the background and allocates nothing here) for <see cref="QuietJitPeriod"/>
    /// and the last round allocated nothing (tier-0 code can allocate what tier 1 keeps on the stack), so the
    /// measured calls run the final code; it asserts nothing and is capped at <see cref="MaxWarmUp"/>. The two
    /// measured runs are never repeated: an allocation made per call, or every k-th call for k up to
    /// <paramref name="iterations"/>, shows in both and fails the test, and so does a one-off allocation in either.
    /// </remarks>
    /// <returns>How many times <paramref name="action"/> was called in all (warm-up and measured runs).</returns>
    public static long AssertZero(Action action, int iterations = 1000)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        long warmUpCalls = WarmUp(action, Math.Min(iterations, WarmUpRoundCalls));

        long single = MeasureCalls(action, iterations);
        long twice = MeasureCalls(action, 2 * iterations);
        Assert.True(
            single == 0 && twice == 0,
            $"expected 0 bytes allocated over {iterations} and over {2 * iterations} calls after warm-up, measured {single} and {twice} bytes");
        return warmUpCalls + (3L * iterations);
    }

    private static long WarmUp(Action action, int roundCalls)
    {
        long calls = 0;
        var total = Stopwatch.StartNew();
        var quiet = Stopwatch.StartNew();
        long compiled = JitInfo.GetCompiledMethodCount(currentThread: true);
        for (int round = 0; round < MaxWarmUpRounds && total.Elapsed < MaxWarmUp; round++)
        {
            long allocated = MeasureCalls(action, roundCalls);
            calls += roundCalls;
            long nowCompiled = JitInfo.GetCompiledMethodCount(currentThread: true);
            if (nowCompiled != compiled)
            {
                compiled = nowCompiled;
                quiet.Restart();
            }
            else if (allocated == 0 && quiet.Elapsed >= QuietJitPeriod)
            {
                return calls;
            }

            // Yield the core so the runtime's background tier-1 compiler can run on a busy machine; 40 rounds
            // sleep 0.8 s in all, four times the quiet period.
            Thread.Sleep(20);
        }

        return calls;
    }

    private static long MeasureCalls(Action action, int calls)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < calls; i++)
        {
            action();
        }

        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
