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
/// ticks that ended after the next one was due (overruns). No allocation per tick.
/// </summary>
public sealed class RealTimePacer
{
    private readonly IClock _wallClock;
    private readonly double _wallUsPerSimUs;
    private readonly long _tickSimUs;
    private readonly LatencyHistogram _jitter = new();
    private long _startWallUs = -1;
    private long _startSimUs;
    private long _nextDueWallUs;

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

    /// <summary>Waits until the tick at simulated time <paramref name="simTimeUs"/> is due and records its lateness.</summary>
    public void WaitForTick(long simTimeUs)
    {
        long now = _wallClock.TimeUs;
        if (_startWallUs < 0)
        {
            _startWallUs = now;
            _startSimUs = simTimeUs;
        }

        long dueUs = _startWallUs + (long)((simTimeUs - _startSimUs) * _wallUsPerSimUs);
        while (true)
        {
            long remainingUs = dueUs - now;
            if (remainingUs <= 0)
            {
                break;
            }

            if (remainingUs > SleepMarginUs)
            {
                Thread.Sleep(1);
            }
            else
            {
                Thread.SpinWait(20);
            }

            now = _wallClock.TimeUs;
        }

        _jitter.Record(now - dueUs);
        _nextDueWallUs = _startWallUs + (long)((simTimeUs + _tickSimUs - _startSimUs) * _wallUsPerSimUs);
    }

    /// <summary>Call when the tick's work is done: counts an overrun if the next tick is already due.</summary>
    public void EndTick()
    {
        if (_wallClock.TimeUs > _nextDueWallUs)
        {
            Overruns++;
        }
    }

    public PacerStatistics Statistics() => new(SpeedFactor, Ticks, _jitter.PercentileUs(0.5), _jitter.PercentileUs(0.99), _jitter.MaxUs, Overruns);
}

/// <summary>Wall-clock timing of a paced run: tick start lateness percentiles (µs) and overrun count.</summary>
public readonly record struct PacerStatistics(double SpeedFactor, long Ticks, long JitterP50Us, long JitterP99Us, long JitterMaxUs, long Overruns);
