using System.Globalization;
using StrategicTech.Navigation.Time;

namespace StrategicTech.Autopilot.Runtime;

/// <summary>
/// Drives a <see cref="FixedRateScheduler"/> in real time on the calling thread: for each tick it sleeps while the
/// tick is further away than <see cref="SleepMarginUs"/> (the OS sleep granularity is ~1 ms and may overshoot),
/// then spins until the tick is due. Spinning costs a core but is what holds jitter to microseconds on a
/// general-purpose OS; it never yields, because on a busy machine a yield can hand the core away for a whole
/// time slice (milliseconds). The scheduler must have been built on the same <paramref name="clock"/>.
/// </summary>
public sealed class WallClockLoop
{
    private readonly FixedRateScheduler _scheduler;
    private readonly IClock _clock;

    public WallClockLoop(FixedRateScheduler scheduler, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        ArgumentNullException.ThrowIfNull(clock);
        _scheduler = scheduler;
        _clock = clock;
    }

    /// <summary>Sleep only while the next tick is further away than this (µs); default 2000.</summary>
    public long SleepMarginUs { get; init; } = 2000;

    /// <summary>Runs ticks until <paramref name="durationUs"/> has elapsed since the first tick or the token is cancelled.</summary>
    public void Run(long durationUs, CancellationToken cancellationToken = default)
    {
        if (durationUs < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(durationUs), durationUs,
                string.Create(CultureInfo.InvariantCulture, $"duration must be ≥ 0 µs, got {durationUs}"));
        }

        long ticks = durationUs * _scheduler.BaseRateHz / 1_000_000L;
        for (long i = 0; i < ticks && !cancellationToken.IsCancellationRequested; i++)
        {
            if (_scheduler.TickCount > 0)
            {
                WaitUntil(_scheduler.NextTickUs);
            }

            _scheduler.RunTick();
        }
    }

    private void WaitUntil(long dueUs)
    {
        while (true)
        {
            long remainingUs = dueUs - _clock.TimeUs;
            if (remainingUs <= 0)
            {
                return;
            }

            if (remainingUs > SleepMarginUs)
            {
                Thread.Sleep(1);
            }
            else
            {
                Thread.SpinWait(20);
            }
        }
    }
}
