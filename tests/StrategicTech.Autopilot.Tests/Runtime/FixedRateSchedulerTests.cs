using StrategicTech.Autopilot.Runtime;
using StrategicTech.Navigation.Time;
using StrategicTech.TestSupport;

namespace StrategicTech.Autopilot.Tests.Runtime;

public class FixedRateSchedulerTests
{
    [Fact]
    public void Ten_seconds_on_the_sim_clock_give_exact_call_counts_times_and_order()
    {
        var clock = new ManualClock(5_000_000);
        var scheduler = new FixedRateScheduler(clock, 1000);
        var log = new RunLog(20_000);
        // Registered out of priority order on purpose: the run order must follow priority, then registration.
        var telemetry = new RecordingTask(4, log);
        var rate = new RecordingTask(0, log);
        var attitude = new RecordingTask(1, log);
        var ekf = new RecordingTask(2, log);
        var position = new RecordingTask(3, log);
        int hTelemetry = scheduler.Register("telemetry", telemetry, 10, priority: 9);
        scheduler.Register("rate", rate, 1000, priority: 0);
        scheduler.Register("attitude", attitude, 500, priority: 1);
        scheduler.Register("ekf", ekf, 250, priority: 1); // same priority as attitude: registration order decides
        scheduler.Register("position", position, 50, priority: 2);

        for (int i = 0; i < 10_000; i++)
        {
            scheduler.Step();
        }

        Assert.Equal(10_000, rate.Runs);
        Assert.Equal(5_000, attitude.Runs);
        Assert.Equal(2_500, ekf.Runs);
        Assert.Equal(500, position.Runs);
        Assert.Equal(100, telemetry.Runs);
        Assert.Equal(18_100, log.Count);
        Assert.Equal(10_000, scheduler.TickCount);
        Assert.Equal(5_000_000 + 9_999_000, clock.TimeUs);

        // Tick 0 runs everything in priority order; tick 1 only the 1000 Hz task; tick 2 adds 500 Hz; tick 4 adds 250 Hz.
        int[] expectedIds = [0, 1, 2, 3, 4, 0, 0, 1, 0, 0, 1, 2];
        long[] expectedTimes = [5_000_000, 5_000_000, 5_000_000, 5_000_000, 5_000_000, 5_001_000, 5_002_000, 5_002_000, 5_003_000, 5_004_000, 5_004_000, 5_004_000];
        for (int i = 0; i < expectedIds.Length; i++)
        {
            Assert.Equal(expectedIds[i], log.IdAt(i));
            Assert.Equal(expectedTimes[i], log.TimeAt(i));
        }

        // Every telemetry run lands exactly on its 100 ms grid.
        int seen = 0;
        for (int i = 0; i < Math.Min(log.Count, 20_000); i++)
        {
            if (log.IdAt(i) == 4)
            {
                Assert.Equal(5_000_000 + (seen * 100_000L), log.TimeAt(i));
                seen++;
            }
        }

        Assert.Equal(100, seen);
        TaskStatistics s = scheduler.GetStatistics(hTelemetry);
        Assert.Equal(("telemetry", 10, 100L, 0L, 0L), (s.Name, s.RateHz, s.Runs, s.Overruns, s.JitterMaxUs));
    }

    [Fact]
    public void Lockstep_cycles_allocate_nothing_over_100000_ticks()
    {
        var clock = new ManualClock();
        var scheduler = new FixedRateScheduler(clock, 1000);
        var tasks = new CountingTask[] { new(), new(), new(), new(), new() };
        int[] rates = [1000, 500, 250, 50, 10];
        for (int i = 0; i < tasks.Length; i++)
        {
            scheduler.Register("t" + i, tasks[i], rates[i], priority: i);
        }

        long ticks = Allocations.AssertZero(scheduler.Step, 100_000);
        Assert.Equal(ticks, tasks[0].Runs); // every tick the helper made, warm-up included
        Assert.Equal(((ticks - 1) / 100) + 1, tasks[4].Runs); // 10 Hz: ticks 0, 100, 200, …

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int h = 0; h < tasks.Length; h++)
        {
            _ = scheduler.GetStatistics(h);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Jitter_execution_time_and_overruns_match_injected_delays()
    {
        // Base 1000 Hz, 1000 ticks. Task A (first) takes 100 µs, except 1500 µs on ticks 25, 75, 125, … (20 ticks);
        // task B (second) always takes 50 µs. Expected, by hand:
        //  A start jitter: 0 except on the 20 ticks after a heavy one, which start 550 µs late (1550 − 1000).
        //  B start jitter: 100 on 960 ticks, 650 (550 + 100) on 20 ticks, 1500 on the 20 heavy ticks.
        //  Overruns (finish after scheduled + 1000 µs): A on its 20 heavy ticks (1500), B on the same 20 (1550).
        var clock = new ManualClock();
        var scheduler = new FixedRateScheduler(clock, 1000);
        int a = scheduler.Register("A", new DelayTask(clock, run => run % 50 == 25 ? 1500 : 100), 1000, priority: 0);
        int b = scheduler.Register("B", new DelayTask(clock, _ => 50), 1000, priority: 1);
        for (int i = 0; i < 1000; i++)
        {
            scheduler.Step();
        }

        TaskStatistics sa = scheduler.GetStatistics(a), sb = scheduler.GetStatistics(b);
        Assert.Equal((1000L, 20L), (sa.Runs, sa.Overruns));
        Assert.Equal((100L, 1500L, 1500L), (sa.ExecP50Us, sa.ExecP99Us, sa.ExecMaxUs)); // 2 % of runs are heavy, so p99 is heavy
        Assert.Equal(((980 * 100.0) + (20 * 1500.0)) / 1000, sa.ExecMeanUs, 9);
        Assert.Equal((0L, 550L, 550L), (sa.JitterP50Us, sa.JitterP99Us, sa.JitterMaxUs));

        Assert.Equal((1000L, 20L), (sb.Runs, sb.Overruns));
        Assert.Equal((50L, 50L, 50L), (sb.ExecP50Us, sb.ExecP99Us, sb.ExecMaxUs));
        Assert.Equal((100L, 1500L, 1500L), (sb.JitterP50Us, sb.JitterP99Us, sb.JitterMaxUs));
        Assert.Equal(20, scheduler.LateTicks);

        scheduler.ResetStatistics();
        Assert.Equal(0, scheduler.GetStatistics(a).Runs);
        Assert.Equal(0, scheduler.LateTicks);
    }

    [Theory]
    [InlineData(300)]
    [InlineData(0)]
    [InlineData(2000)]
    [InlineData(-50)]
    public void A_rate_that_does_not_divide_the_base_rate_is_refused_naming_it(int rateHz)
    {
        var scheduler = new FixedRateScheduler(new ManualClock(), 1000);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => scheduler.Register("ekf", new CountingTask(), rateHz));
        Assert.Equal("rateHz", ex.ParamName);
        Assert.Contains($"rate {rateHz} Hz does not divide the base rate 1000 Hz", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'ekf'", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, scheduler.TaskCount);
    }

    [Fact]
    public void Registration_after_start_and_step_on_a_wall_clock_are_refused()
    {
        var scheduler = new FixedRateScheduler(new ManualClock(), 400);
        scheduler.Register("rate", new CountingTask(), 400);
        scheduler.Step();
        Assert.Throws<InvalidOperationException>(() => scheduler.Register("late", new CountingTask(), 200));

        var wall = new FixedRateScheduler(new WallClock(), 400);
        Assert.Throws<InvalidOperationException>(wall.Step);
    }

    [Fact]
    public void Base_rates_that_do_not_divide_a_second_keep_an_exact_grid()
    {
        // 300 Hz: ticks at ⌊k·10⁶/300⌋ µs, so after 300 ticks exactly one second has passed (no drift).
        var clock = new ManualClock();
        var scheduler = new FixedRateScheduler(clock, 300);
        scheduler.Register("t", new CountingTask(), 300);
        for (int i = 0; i <= 300; i++)
        {
            scheduler.Step();
        }

        Assert.Equal(1_000_000, clock.TimeUs);
    }

    [Fact]
    public void Wall_clock_loop_runs_exactly_the_ticks_of_its_duration()
    {
        var clock = new WallClock();
        var scheduler = new FixedRateScheduler(clock, 1000);
        var fast = new CountingTask();
        var slow = new CountingTask();
        scheduler.Register("fast", fast, 1000);
        scheduler.Register("slow", slow, 100);
        new WallClockLoop(scheduler, clock).Run(50_000);
        Assert.Equal(50, fast.Runs);
        Assert.Equal(5, slow.Runs);
        Assert.Equal(50, scheduler.TickCount);
    }
}
