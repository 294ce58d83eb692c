using System.Reactive.Concurrency;
using System.Reactive.Linq;

namespace StrategicTech.Autopilot.Bus;

/// <summary>
/// Adapts a topic to <see cref="IObservable{T}"/> for non-real-time consumers (ground-station views, logging,
/// tests). Each subscriber gets its own <see cref="TopicSubscription{T}"/> drained periodically on the given
/// scheduler (e.g. <see cref="TaskPoolScheduler"/> or an <see cref="EventLoopScheduler"/>), so observers run off the
/// loop thread and a slow observer can only lose samples (reported in <see cref="TopicSample{T}.MissedBefore"/>),
/// never block or slow a publisher. Latency is at most one poll period.
/// </summary>
public static class TopicObservable
{
    /// <summary>Every sample, in order, with generation and loss information.</summary>
    public static IObservable<TopicSample<T>> ObserveSamples<T>(this Topic<T> topic, TimeSpan pollPeriod, IScheduler scheduler)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(topic);
        ArgumentNullException.ThrowIfNull(scheduler);
        if (pollPeriod <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(pollPeriod), pollPeriod, "poll period must be positive");
        }

        return Observable.Create<TopicSample<T>>(observer =>
        {
            TopicSubscription<T> subscription = topic.Subscribe();
            return scheduler.SchedulePeriodic(pollPeriod, () =>
            {
                while (subscription.TryRead(out TopicSample<T> sample))
                {
                    observer.OnNext(sample);
                }
            });
        });
    }

    /// <summary>Just the values, in order.</summary>
    public static IObservable<T> Observe<T>(this Topic<T> topic, TimeSpan pollPeriod, IScheduler scheduler)
        where T : unmanaged =>
        topic.ObserveSamples(pollPeriod, scheduler).Select(s => s.Value);
}
