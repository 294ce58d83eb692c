using StrategicTech.TestSupport;
using Xunit.Sdk;

namespace StrategicTech.Architecture.Tests.TestSupport;

/// <summary>The zero-allocation helper every real-time test relies on fails on any steady-state allocation.</summary>
public sealed class AllocationsTests
{
    private static object? _sink;

    [Fact]
    public void An_allocation_on_every_call_fails()
    {
        var e = Assert.ThrowsAny<XunitException>(() => Allocations.AssertZero(() => _sink = new byte[8], 1000));
        Assert.Contains("expected 0 bytes allocated over 1000 and over 2000 calls", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_allocation_on_every_500th_call_fails()
    {
        int calls = 0;
        Assert.ThrowsAny<XunitException>(() => Allocations.AssertZero(
            () =>
            {
                if (++calls % 500 == 0)
                {
                    _sink = new object();
                }
            },
            1000));
    }

    [Fact]
    public void An_allocation_every_1500th_call_fails_though_a_run_of_1000_calls_can_miss_it()
    {
        // A run of 1 000 calls misses this allocation one time in three; measuring such a run again until it misses
        // would pass it. The run of 2 000 calls always holds at least one, so the helper fails every time.
        int calls = 0;
        Assert.ThrowsAny<XunitException>(() => Allocations.AssertZero(
            () =>
            {
                if (++calls % 1500 == 0)
                {
                    _sink = new object();
                }
            },
            1000));
    }

    [Fact]
    public void Allocations_only_during_start_up_pass()
    {
        int calls = 0;
        Allocations.AssertZero(
            () =>
            {
                if (++calls <= 10)
                {
                    _sink = new double[4];
                }
            },
            1000);

        // The ten allocating calls ran inside the helper (its warm-up), and it still passed.
        Assert.True(calls > 10, $"the helper made {calls} calls");
    }
}
