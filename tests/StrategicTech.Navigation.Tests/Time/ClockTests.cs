using StrategicTech.Navigation.Time;

namespace StrategicTech.Navigation.Tests.Time;

public class ClockTests
{
    [Fact]
    public void Manual_clock_moves_only_when_told_and_never_backwards()
    {
        var clock = new ManualClock(1_000);
        Assert.Equal(1_000, clock.TimeUs);
        clock.AdvanceUs(250);
        Assert.Equal(1_250, clock.TimeUs);
        clock.AdvanceToUs(5_000);
        Assert.Equal(5_000, clock.TimeUs);
        clock.AdvanceToUs(4_000); // earlier than now: ignored
        Assert.Equal(5_000, clock.TimeUs);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => clock.AdvanceUs(-1));
        Assert.Equal(-1L, ex.ActualValue);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ManualClock(-5));
    }

    [Fact]
    public void Wall_clock_is_monotonic_and_starts_near_zero()
    {
        var clock = new WallClock();
        long previous = clock.TimeUs;
        Assert.True(previous >= 0);
        for (int i = 0; i < 100_000; i++)
        {
            long now = clock.TimeUs;
            Assert.True(now >= previous, $"clock went back from {previous} to {now} µs");
            previous = now;
        }
    }
}
