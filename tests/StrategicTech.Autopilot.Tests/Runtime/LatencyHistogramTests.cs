using StrategicTech.Autopilot.Runtime;
using StrategicTech.TestSupport;

namespace StrategicTech.Autopilot.Tests.Runtime;

public class LatencyHistogramTests
{
    [Fact]
    public void Percentiles_are_exact_below_2048_us()
    {
        var h = new LatencyHistogram();
        for (int v = 1; v <= 1000; v++)
        {
            h.Record(v);
        }

        Assert.Equal(500, h.PercentileUs(0.5));
        Assert.Equal(990, h.PercentileUs(0.99));
        Assert.Equal(1000, h.PercentileUs(1.0));
        Assert.Equal(1000, h.MaxUs);
        Assert.Equal(500.5, h.MeanUs, 12);
    }

    [Fact]
    public void Large_values_keep_a_relative_resolution_of_one_sixty_fourth()
    {
        var h = new LatencyHistogram();
        h.Record(10);
        h.Record(123_456);
        h.Record(5_000_000_000);
        long p67 = h.PercentileUs(0.6);
        Assert.InRange(p67, 123_456 - (123_456 / 64), 123_456);
        Assert.Equal(5_000_000_000, h.PercentileUs(1));
        Assert.Equal(0, new LatencyHistogram().PercentileUs(0.5));
    }

    [Fact]
    public void Negative_samples_count_as_zero_and_recording_allocates_nothing()
    {
        var h = new LatencyHistogram();
        h.Record(-5);
        Assert.Equal(0, h.MaxUs);
        long v = 0;
        long calls = Allocations.AssertZero(() => h.Record(v++ % 5000), 10_000);
        Assert.Equal(1 + calls, h.Count);
    }
}
