using StrategicTech.Autopilot.Runtime;
using StrategicTech.Navigation.Time;

namespace StrategicTech.Autopilot.Tests.Runtime;

/// <summary>A fake clock that moves forward a fixed step on every read, so the wall-clock driver runs deterministically.</summary>
internal sealed class SteppingClock(long stepUs) : IClock
{
    private long _nowUs;

    public long Reads { get; private set; }

    public long TimeUs
    {
        get
        {
            long t = _nowUs;
            _nowUs += stepUs;
            Reads++;
            return t;
        }
    }
}

public class WallClockLoopTests
{
    [Fact]
    public void Waiting_and_measurement_are_exact_on_a_clock_with_known_read_delays()
    {
        // Every clock read costs 250 µs. Tick k is due at k·1000 µs; the loop polls at …750, 1000 and starts the task
        // on the next read (+250), which also ends 250 µs later: jitter and execution time are exactly 250 µs.
        var clock = new SteppingClock(250);
        var scheduler = new FixedRateScheduler(clock, 1000);
        var task = new CountingTask();
        int h = scheduler.Register("t", task, 1000);
        new WallClockLoop(scheduler, clock).Run(100_000);

        TaskStatistics s = scheduler.GetStatistics(h);
        Assert.Equal(100, s.Runs);
        Assert.Equal((250L, 250L, 250L), (s.JitterP50Us, s.JitterP99Us, s.JitterMaxUs));
        Assert.Equal((250L, 250L, 250L), (s.ExecP50Us, s.ExecP99Us, s.ExecMaxUs));
        Assert.Equal(0, s.Overruns);
        Assert.Equal(0, scheduler.LateTicks);
        Assert.Equal(1 + (100 * 2) + (99 * 2), clock.Reads); // origin, start/end per tick, two polls per wait
    }

    [Fact]
    public void A_loop_that_falls_behind_runs_every_tick_late_instead_of_skipping()
    {
        // Reads cost 600 µs, so each tick consumes 1200–1800 µs of a 1000 µs period: the loop can never catch up.
        var clock = new SteppingClock(600);
        var scheduler = new FixedRateScheduler(clock, 1000);
        var task = new CountingTask();
        int h = scheduler.Register("t", task, 1000);
        new WallClockLoop(scheduler, clock).Run(50_000);

        TaskStatistics s = scheduler.GetStatistics(h);
        Assert.Equal(50, s.Runs); // no tick skipped
        Assert.True(s.JitterMaxUs > 10_000, $"lateness should accumulate, max jitter {s.JitterMaxUs} µs");
        Assert.Equal(600, s.ExecMaxUs);
        Assert.True(s.Overruns >= 49, $"overruns {s.Overruns}");
    }
}
