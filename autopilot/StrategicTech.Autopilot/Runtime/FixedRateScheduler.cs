using System.Globalization;
using StrategicTech.Navigation.Time;

namespace StrategicTech.Autopilot.Runtime;

/// <summary>
/// Runs registered <see cref="IPeriodicTask"/>s on one thread at integer divisions of a base rate (e.g. base
/// 1000 Hz with tasks at 1000/500/250/50/10 Hz).
/// <para>
/// Timing: tick k is scheduled at t₀ + ⌊k·10⁶ / baseRateHz⌋ µs, where t₀ is the clock reading at the first tick, so
/// no rounding drift accumulates. A task of rate r runs on every tick k with k mod (baseRateHz / r) = 0; all tasks
/// are released together on tick 0.
/// </para>
/// <para>
/// Order (deterministic): within a tick, due tasks run by ascending <c>priority</c> value, ties in registration
/// order. A late tick is never skipped: the scheduler runs it as soon as it can and the lateness shows in the
/// jitter statistics, so call counts stay exact.
/// </para>
/// <para>
/// Drivers: <see cref="Step"/> for lockstep simulation on an <see cref="ISteppableClock"/> (one base tick per call),
/// or <see cref="WallClockLoop"/> which waits for each tick on the wall clock (sleep, then spin).
/// </para>
/// <para>
/// Real-time contract: registration (start-up) allocates; ticks and statistics recording never do. Not thread-safe:
/// one thread registers, runs and reads statistics (read them between ticks or after the run).
/// </para>
/// </summary>
public sealed class FixedRateScheduler
{
    private readonly IClock _clock;
    private readonly ISteppableClock? _steppable;
    private readonly Entry[] _entries;
    private readonly int[] _order;
    private int _count;
    private long _originUs;
    private bool _started;

    public FixedRateScheduler(IClock clock, int baseRateHz, int maxTasks = 32)
    {
        ArgumentNullException.ThrowIfNull(clock);
        if (baseRateHz is < 1 or > 1_000_000)
        {
            throw new ArgumentOutOfRangeException(nameof(baseRateHz), baseRateHz,
                string.Create(CultureInfo.InvariantCulture, $"base rate must be 1..1000000 Hz, got {baseRateHz} Hz"));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(maxTasks, 1);
        _clock = clock;
        _steppable = clock as ISteppableClock;
        BaseRateHz = baseRateHz;
        _entries = new Entry[maxTasks];
        _order = new int[maxTasks];
    }

    public int BaseRateHz { get; }

    /// <summary>Number of ticks run so far (the index of the next tick).</summary>
    public long TickCount { get; private set; }

    public int TaskCount => _count;

    /// <summary>Ticks whose last task finished after the next tick was due.</summary>
    public long LateTicks { get; private set; }

    /// <summary>Scheduled time of the next tick (µs on the injected clock); valid once the first tick has run.</summary>
    public long NextTickUs => TickTimeUs(TickCount);

    /// <summary>
    /// Registers a task. <paramref name="rateHz"/> must divide the base rate exactly; lower <paramref name="priority"/>
    /// runs first within a tick. Returns the handle for <see cref="GetStatistics"/>. Start-up only.
    /// </summary>
    public int Register(string name, IPeriodicTask task, int rateHz, int priority = 0)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(task);
        if (_started)
        {
            throw new InvalidOperationException($"task '{name}' registered after the scheduler started; register every task before the first tick");
        }

        if (rateHz < 1 || rateHz > BaseRateHz || BaseRateHz % rateHz != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(rateHz), rateHz, string.Create(CultureInfo.InvariantCulture,
                $"task '{name}': rate {rateHz} Hz does not divide the base rate {BaseRateHz} Hz; use a rate r with {BaseRateHz} mod r = 0"));
        }

        if (_count == _entries.Length)
        {
            throw new InvalidOperationException($"task '{name}': the scheduler holds at most {_entries.Length} tasks");
        }

        int handle = _count;
        _entries[handle] = new Entry(name, task, rateHz, BaseRateHz / rateHz, 1_000_000L / rateHz, priority);

        // Insertion into the run order: by priority, then registration order (stable).
        int j = _count;
        while (j > 0 && _entries[_order[j - 1]].Priority > priority)
        {
            _order[j] = _order[j - 1];
            j--;
        }

        _order[j] = handle;
        _count++;
        return handle;
    }

    /// <summary>
    /// Lockstep driver: moves the steppable clock to the next tick's scheduled time (tick 0 runs at the clock's
    /// current time) and runs the tasks due on it. Time a task spends (by advancing the clock itself) shows up as
    /// execution time, and as start jitter for the tasks after it.
    /// </summary>
    public void Step()
    {
        if (_steppable is null)
        {
            ThrowNotSteppable();
        }

        if (_started)
        {
            _steppable!.AdvanceToUs(TickTimeUs(TickCount));
        }

        RunTick();
    }

    /// <summary>Runs the next tick now, whatever the clock says (drivers call this once the tick is due).</summary>
    public void RunTick()
    {
        if (!_started)
        {
            _originUs = _clock.TimeUs;
            _started = true;
        }

        long tick = TickCount;
        long scheduledUs = TickTimeUs(tick);
        long endUs = scheduledUs;
        for (int j = 0; j < _count; j++)
        {
            ref Entry e = ref _entries[_order[j]];
            if (tick % e.Divisor != 0)
            {
                continue;
            }

            long startUs = _clock.TimeUs;
            e.Task.Run(startUs);
            endUs = _clock.TimeUs;
            e.Runs++;
            e.Jitter.Record(startUs - scheduledUs);
            e.Exec.Record(endUs - startUs);
            if (endUs - scheduledUs > e.PeriodUs)
            {
                e.Overruns++;
            }
        }

        TickCount = tick + 1;
        if (endUs > TickTimeUs(tick + 1))
        {
            LateTicks++;
        }
    }

    /// <summary>Statistics of the task with this handle. Reads percentiles from the histograms (no allocation).</summary>
    public TaskStatistics GetStatistics(int handle)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(handle);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(handle, _count);
        ref Entry e = ref _entries[handle];
        return new TaskStatistics(e.Name, e.RateHz, e.Priority, e.Runs, e.Overruns,
            e.Exec.PercentileUs(0.5), e.Exec.PercentileUs(0.99), e.Exec.MaxUs, e.Exec.MeanUs,
            e.Jitter.PercentileUs(0.5), e.Jitter.PercentileUs(0.99), e.Jitter.MaxUs);
    }

    /// <summary>Clears every task's counters and histograms (e.g. after a warm-up period).</summary>
    public void ResetStatistics()
    {
        for (int i = 0; i < _count; i++)
        {
            ref Entry e = ref _entries[i];
            e.Runs = 0;
            e.Overruns = 0;
            e.Exec.Clear();
            e.Jitter.Clear();
        }

        LateTicks = 0;
    }

    private long TickTimeUs(long tick) => _originUs + (tick * 1_000_000L / BaseRateHz);

    private static void ThrowNotSteppable() =>
        throw new InvalidOperationException("Step() needs an ISteppableClock (e.g. ManualClock); use WallClockLoop for real time");

    private struct Entry
    {
        public readonly string Name;
        public readonly IPeriodicTask Task;
        public readonly int RateHz;
        public readonly int Divisor;
        public readonly long PeriodUs;
        public readonly int Priority;
        public readonly LatencyHistogram Exec;
        public readonly LatencyHistogram Jitter;
        public long Runs;
        public long Overruns;

        public Entry(string name, IPeriodicTask task, int rateHz, int divisor, long periodUs, int priority)
        {
            Name = name;
            Task = task;
            RateHz = rateHz;
            Divisor = divisor;
            PeriodUs = periodUs;
            Priority = priority;
            Exec = new LatencyHistogram();
            Jitter = new LatencyHistogram();
            Runs = 0;
            Overruns = 0;
        }
    }
}
