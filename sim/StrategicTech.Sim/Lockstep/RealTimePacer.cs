using System.Globalization;
using StrategicTech.Autopilot.Runtime;
using StrategicTech.Navigation.Time;

namespace StrategicTech.Sim.Lockstep;

/// <summary>
/// Holds a lockstep simulation to a multiple of real time (<c>--speed 1</c> so a ground station can follow,
/// <c>--speed 10</c> for ten times faster). Before each tick the simulation asks <see cref="WaitForTick"/> to wait
/// until the wall clock reaches that tick's due time, start + simulated time / speed: sleep while the tick is
/// further away than <see cref="SleepMarginUs"/> (OS sleeps overshoot by up to a time slice), then spin (as
/// <see cref="WallClockLoop"/> does). It measures, on the wall clock, each tick's start lateness (jitter) and the
/// ticks that ended after the next one was due (overruns), and splits each tick's lateness into the part that was
/// already there when the wait began (the work since the previous tick start: compute, a GC pause, JIT on the loop
/// thread) and the part added while waiting (sleep overshoot, the thread descheduled); the worst tick keeps that
/// breakdown (<see cref="PacerWorstTick"/>). No allocation per tick.
/// </summary>
public sealed class RealTimePacer
{
    private readonly IClock _wallClock;
    private readonly double _wallUsPerSimUs;
    private readonly long _tickSimUs;
    private readonly LatencyHistogram _jitter = new();
    private bool _started;
    private long _startWallUs;
    private long _startSimUs;
    private long _nextDueWallUs;
    private long _tickStartWallUs = -1;
    private long _tickEndWallUs;
    private long _gcPauseAtTickStartUs;
    private int _gcCountAtTickStart;
    private long _jitAtTickStartUs;
    private long _gcPauseAtStartUs = -1;
    private bool _firstTick;
    private int _gen0AtStart, _gen1AtStart, _gen2AtStart;
    private long _jitAtStartUs;
    private long _maxSleepOvershootUs;
    private long _lateTicks, _lateFromWork;
    private PacerWorstTick _worst;

    /// <param name="speedFactor">Simulated seconds per wall-clock second (&gt; 0).</param>
    /// <param name="tickSimUs">Simulated duration of one tick (µs).</param>
    /// <param name="wallClock">The wall clock (a <see cref="WallClock"/>, or a fake in tests).</param>
    public RealTimePacer(double speedFactor, long tickSimUs, IClock wallClock)
    {
        ArgumentNullException.ThrowIfNull(wallClock);
        if (!(speedFactor > 0) || !double.IsFinite(speedFactor))
        {
            throw new ArgumentOutOfRangeException(nameof(speedFactor), speedFactor,
                string.Create(CultureInfo.InvariantCulture, $"speed factor must be finite and > 0, got {speedFactor}"));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(tickSimUs, 1);
        SpeedFactor = speedFactor;
        _wallUsPerSimUs = 1.0 / speedFactor;
        _tickSimUs = tickSimUs;
        _wallClock = wallClock;
    }

    public double SpeedFactor { get; }

    /// <summary>Sleep only while the tick is further away than this (µs); default 2000.</summary>
    public long SleepMarginUs { get; init; } = 2000;

    public long Ticks => _jitter.Count;

    /// <summary>Ticks that finished after the next tick was due.</summary>
    public long Overruns { get; private set; }

    /// <summary>Start lateness of each tick against its due wall time (µs).</summary>
    public LatencyHistogram Jitter => _jitter;

    /// <summary>A tick counts as late (<see cref="PacerCauses.LateTicks"/>) when it starts more than this after its due time (µs).</summary>
    public const long LateTickUs = 1000;

    /// <summary>Waits until the tick at simulated time <paramref name="simTimeUs"/> is due and records its lateness.</summary>
    public void WaitForTick(long simTimeUs)
    {
        long now = _wallClock.TimeUs;
        if (!_started)
        {
            _started = true;
            // The first tick runs at once and is not on the schedule: the schedule starts when it ends (EndTick), so
            // its one-off costs (first calls compiled, buffers touched) do not make the following ticks late.
            _startWallUs = now;
            _startSimUs = simTimeUs;
            _firstTick = true;
            _jitter.Record(0);
            _nextDueWallUs = long.MaxValue;
            return;
        }

        if (_gcPauseAtStartUs < 0)
        {
            _gcPauseAtStartUs = GcPauseUs();
            _gen0AtStart = GC.CollectionCount(0);
            _gen1AtStart = GC.CollectionCount(1);
            _gen2AtStart = GC.CollectionCount(2);
            _jitAtStartUs = LoopThreadJitUs();
        }

        long dueUs = _startWallUs + (long)((simTimeUs - _startSimUs) * _wallUsPerSimUs);
        long arrivalLateUs = Math.Max(0, now - dueUs);
        while (true)
        {
            long remainingUs = dueUs - now;
            if (remainingUs <= 0)
            {
                break;
            }

            if (remainingUs > SleepMarginUs)
            {
                long before = now;
                Thread.Sleep(1);
                now = _wallClock.TimeUs;
                _maxSleepOvershootUs = Math.Max(_maxSleepOvershootUs, now - before - 1000);
            }
            else
            {
                Thread.SpinWait(20);
                now = _wallClock.TimeUs;
            }
        }

        long latenessUs = now - dueUs;
        _jitter.Record(latenessUs);
        long gcPauseUs = GcPauseUs();
        int gcCount = GC.CollectionCount(0);
        long jitUs = LoopThreadJitUs();
        if (latenessUs > LateTickUs)
        {
            _lateTicks++;
            _lateFromWork += arrivalLateUs * 2 > latenessUs ? 1 : 0;
        }

        if (_tickStartWallUs >= 0 && latenessUs > _worst.LatenessUs)
        {
            _worst = new PacerWorstTick(simTimeUs, latenessUs, arrivalLateUs, latenessUs - arrivalLateUs,
                _tickEndWallUs - _tickStartWallUs, gcPauseUs - _gcPauseAtTickStartUs, gcCount - _gcCountAtTickStart,
                jitUs - _jitAtTickStartUs);
        }

        _tickStartWallUs = now;
        _gcPauseAtTickStartUs = gcPauseUs;
        _gcCountAtTickStart = gcCount;
        _jitAtTickStartUs = jitUs;
        _nextDueWallUs = _startWallUs + (long)((simTimeUs + _tickSimUs - _startSimUs) * _wallUsPerSimUs);
    }

    /// <summary>Call when the tick's work is done: counts an overrun if the next tick is already due.</summary>
    public void EndTick()
    {
        _tickEndWallUs = _wallClock.TimeUs;
        if (_firstTick)
        {
            // Real time starts now: the next tick is due at once.
            _firstTick = false;
            _startWallUs = _tickEndWallUs - (long)(_tickSimUs * _wallUsPerSimUs);
            return;
        }

        if (_tickEndWallUs > _nextDueWallUs)
        {
            Overruns++;
        }
    }

    public PacerStatistics Statistics() => new(SpeedFactor, Ticks, _jitter.PercentileUs(0.5), _jitter.PercentileUs(0.99), _jitter.MaxUs, Overruns)
    {
        Worst = _worst,
        Causes = _gcPauseAtStartUs < 0 ? default : new PacerCauses(
            GcPauseUs() - _gcPauseAtStartUs,
            GC.CollectionCount(0) - _gen0AtStart,
            GC.CollectionCount(1) - _gen1AtStart,
            GC.CollectionCount(2) - _gen2AtStart,
            LoopThreadJitUs() - _jitAtStartUs,
            _maxSleepOvershootUs,
            _lateTicks,
            _lateFromWork),
    };

    private static long GcPauseUs() => GC.GetTotalPauseDuration().Ticks / 10;

    private static long LoopThreadJitUs() => System.Runtime.JitInfo.GetCompilationTime(currentThread: true).Ticks / 10;
}

/// <summary>Wall-clock timing of a paced run: tick start lateness percentiles (µs) and overrun count.</summary>
public readonly record struct PacerStatistics(double SpeedFactor, long Ticks, long JitterP50Us, long JitterP99Us, long JitterMaxUs, long Overruns)
{
    /// <summary>The latest-starting tick and where its lateness came from.</summary>
    public PacerWorstTick Worst { get; init; }

    /// <summary>Process-wide GC and loop-thread JIT figures over the paced run, and the late ticks by cause.</summary>
    public PacerCauses Causes { get; init; }
}

/// <summary>
/// The latest-starting tick: its lateness (µs) = <see cref="ArrivalLateUs"/> (already late when the wait began: the
/// work since the previous tick start) + <see cref="WaitLateUs"/> (added while waiting: sleep overshoot, descheduling).
/// <see cref="PreviousWorkUs"/> is the previous tick's work; GC pause, collections and loop-thread JIT time are
/// counted from the previous tick's start to this one's.
/// </summary>
public readonly record struct PacerWorstTick(long SimTimeUs, long LatenessUs, long ArrivalLateUs, long WaitLateUs, long PreviousWorkUs, long GcPauseUs, int GcCollections, long JitUs);

/// <summary>
/// Over a paced run: GC pause time (µs, whole process) and collections per generation, JIT time on the loop thread
/// (µs), the worst overshoot of a 1 ms sleep (µs), ticks that started more than <see cref="RealTimePacer.LateTickUs"/>
/// late and how many of those were late mostly before the wait began (the work, not the sleep).
/// </summary>
public readonly record struct PacerCauses(long GcPauseUs, int Gen0Collections, int Gen1Collections, int Gen2Collections, long LoopThreadJitUs, long MaxSleepOvershootUs, long LateTicks, long LateFromWork);
