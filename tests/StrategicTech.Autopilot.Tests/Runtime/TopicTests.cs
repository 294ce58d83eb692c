using System.Reactive.Concurrency;
using StrategicTech.Autopilot.Bus;
using StrategicTech.TestSupport;

namespace StrategicTech.Autopilot.Tests.Runtime;

public readonly record struct TestSample(int PublisherId, long Sequence, double Payload);

public class TopicTests
{
    [Fact]
    public void Samples_are_read_in_order_with_consecutive_generations()
    {
        var topic = new Topic<TestSample>("imu", 8);
        TopicSubscription<TestSample> sub = topic.Subscribe();
        Assert.False(sub.TryRead(out _));
        for (int i = 1; i <= 5; i++)
        {
            Assert.Equal(i, topic.Publish(new TestSample(0, i, i * 0.5)));
        }

        for (int i = 1; i <= 5; i++)
        {
            Assert.True(sub.TryRead(out TopicSample<TestSample> s));
            Assert.Equal((i, (long)i, 0L), (s.Generation, s.Value.Sequence, s.MissedBefore));
        }

        Assert.False(sub.TryRead(out _));
        Assert.True(topic.TryGetLatest(out TestSample latest, out long generation));
        Assert.Equal((5L, 5L), (latest.Sequence, generation));
    }

    [Fact]
    public void Ring_overflow_drops_the_oldest_and_the_generation_gap_shows_it()
    {
        var topic = new Topic<TestSample>("gps", 8);
        TopicSubscription<TestSample> sub = topic.Subscribe();
        for (int i = 1; i <= 20; i++)
        {
            topic.Publish(new TestSample(0, i, 0));
        }

        // Generations 13..20 are still in the ring; 1..12 were overwritten.
        Assert.True(sub.TryRead(out TopicSample<TestSample> first));
        Assert.Equal((13L, 13L, 12L), (first.Generation, first.Value.Sequence, first.MissedBefore));
        for (long g = 14; g <= 20; g++)
        {
            Assert.True(sub.TryRead(out TopicSample<TestSample> s));
            Assert.Equal((g, 0L), (s.Generation, s.MissedBefore));
        }

        Assert.Equal(12, sub.MissedCount);
        Assert.False(sub.TryRead(out _));
    }

    [Fact]
    public void A_late_subscriber_starts_after_the_latest_or_with_it_and_read_latest_skips_ahead()
    {
        var topic = new Topic<TestSample>("setpoint", 4);
        topic.Publish(new TestSample(0, 1, 0));
        topic.Publish(new TestSample(0, 2, 0));
        Assert.False(topic.Subscribe().TryRead(out _));
        Assert.True(topic.Subscribe(includeLatest: true).TryRead(out TopicSample<TestSample> s));
        Assert.Equal(2, s.Generation);

        TopicSubscription<TestSample> sub = topic.Subscribe();
        topic.Publish(new TestSample(0, 3, 0));
        topic.Publish(new TestSample(0, 4, 0));
        topic.Publish(new TestSample(0, 5, 0));
        Assert.True(sub.TryReadLatest(out TopicSample<TestSample> latest));
        Assert.Equal((5L, 2L), (latest.Generation, latest.MissedBefore));
        Assert.Equal(0, sub.MissedCount);
        Assert.False(sub.HasNew);
    }

    [Fact]
    public void Many_publishers_one_subscriber_keeps_each_publishers_order_and_loses_nothing_when_the_ring_is_large()
    {
        const int publishers = 4, perPublisher = 20_000;
        var topic = new Topic<TestSample>("many", 1 << 17);
        TopicSubscription<TestSample> sub = topic.Subscribe();
        var lastSeq = new long[publishers];
        long received = 0, lastGeneration = 0;
        bool orderOk = true;

        using var start = new ManualResetEventSlim(false);
        var threads = new Thread[publishers];
        for (int p = 0; p < publishers; p++)
        {
            int id = p;
            threads[p] = new Thread(() =>
            {
                start.Wait();
                for (long i = 1; i <= perPublisher; i++)
                {
                    topic.Publish(new TestSample(id, i, id * i));
                }
            });
            threads[p].Start();
        }

        start.Set();
        // The subscriber reads concurrently with the publishers.
        while (received < publishers * perPublisher)
        {
            while (sub.TryRead(out TopicSample<TestSample> s))
            {
                orderOk &= s.Generation == lastGeneration + 1 && s.Value.Sequence == lastSeq[s.Value.PublisherId] + 1
                    && s.Value.Payload == s.Value.PublisherId * s.Value.Sequence;
                lastGeneration = s.Generation;
                lastSeq[s.Value.PublisherId] = s.Value.Sequence;
                received++;
            }

            Thread.Yield();
        }

        foreach (Thread t in threads)
        {
            t.Join();
        }

        Assert.True(orderOk);
        Assert.Equal(publishers * perPublisher, received);
        Assert.Equal(0, sub.MissedCount);
        Assert.All(lastSeq, s => Assert.Equal(perPublisher, s));
    }

    [Fact]
    public void Many_publishers_into_a_small_ring_account_for_every_sample_as_read_or_missed()
    {
        const int publishers = 3, perPublisher = 30_000;
        var topic = new Topic<TestSample>("small", 16);
        TopicSubscription<TestSample> sub = topic.Subscribe();
        var lastSeq = new long[publishers];
        long received = 0, lastGeneration = 0;
        bool orderOk = true, tornRead = false;

        var threads = new Thread[publishers];
        for (int p = 0; p < publishers; p++)
        {
            int id = p;
            threads[p] = new Thread(() =>
            {
                for (long i = 1; i <= perPublisher; i++)
                {
                    topic.Publish(new TestSample(id, i, id * i));
                }
            });
        }

        foreach (Thread t in threads)
        {
            t.Start();
        }

        while (lastGeneration < publishers * perPublisher)
        {
            while (sub.TryRead(out TopicSample<TestSample> s))
            {
                orderOk &= s.Generation == lastGeneration + 1 + s.MissedBefore && s.Value.Sequence > lastSeq[s.Value.PublisherId];
                tornRead |= s.Value.Payload != s.Value.PublisherId * s.Value.Sequence;
                lastGeneration = s.Generation;
                lastSeq[s.Value.PublisherId] = s.Value.Sequence;
                received++;
            }
        }

        foreach (Thread t in threads)
        {
            t.Join();
        }

        Assert.True(orderOk);
        Assert.False(tornRead);
        Assert.Equal(publishers * perPublisher, received + sub.MissedCount);
    }

    [Fact]
    public void Publish_and_read_allocate_nothing()
    {
        var topic = new Topic<TestSample>("alloc", 64);
        TopicSubscription<TestSample> sub = topic.Subscribe();
        long n = 0;
        double sink = 0;
        Allocations.AssertZero(() =>
        {
            topic.Publish(new TestSample(1, ++n, 2.0));
            sub.TryRead(out TopicSample<TestSample> s);
            sink += s.Value.Payload;
            topic.TryGetLatest(out TestSample latest, out _);
            sink += latest.Payload;
        }, 100_000);
        Assert.True(sink > 0);
    }

    [Fact]
    public void Observable_adapter_delivers_every_sample_on_the_scheduler_not_the_publisher()
    {
        var topic = new Topic<TestSample>("obs", 16);
        var scheduler = new HistoricalScheduler();
        var seen = new List<TopicSample<TestSample>>();
        using IDisposable subscription = topic.ObserveSamples(TimeSpan.FromMilliseconds(20), scheduler).Subscribe(seen.Add);

        topic.Publish(new TestSample(0, 1, 0));
        topic.Publish(new TestSample(0, 2, 0));
        Assert.Empty(seen); // publishing delivers nothing by itself: observers run only when the scheduler polls

        scheduler.AdvanceBy(TimeSpan.FromMilliseconds(20));
        Assert.Equal([1L, 2L], seen.Select(s => s.Value.Sequence));

        for (int i = 3; i <= 40; i++)
        {
            topic.Publish(new TestSample(0, i, 0)); // 38 samples into a 16-slot ring between polls
        }

        scheduler.AdvanceBy(TimeSpan.FromMilliseconds(20));
        Assert.Equal(2 + 16, seen.Count);
        Assert.Equal((25L, 22L), (seen[2].Generation, seen[2].MissedBefore));
        Assert.Equal(40L, seen[^1].Value.Sequence);
    }

    [Fact]
    public void Observable_values_arrive_off_the_publishing_thread()
    {
        var topic = new Topic<TestSample>("thread", 16);
        using var loop = new EventLoopScheduler();
        using var got = new ManualResetEventSlim(false);
        int observerThread = 0;
        using IDisposable s = topic.Observe(TimeSpan.FromMilliseconds(1), loop).Subscribe(v =>
        {
            observerThread = Environment.CurrentManagedThreadId;
            got.Set();
        });
        topic.Publish(new TestSample(0, 1, 0));
        Assert.True(got.Wait(TimeSpan.FromSeconds(30)));
        Assert.NotEqual(Environment.CurrentManagedThreadId, observerThread);
    }

    [Fact]
    public void Bus_binds_a_name_to_one_type_and_capacity_must_be_a_power_of_two()
    {
        var bus = new TopicBus();
        Topic<TestSample> a = bus.GetOrCreate<TestSample>("vehicle_attitude");
        Assert.Same(a, bus.GetOrCreate<TestSample>("vehicle_attitude"));
        var ex = Assert.Throws<InvalidOperationException>(() => bus.GetOrCreate<double>("vehicle_attitude"));
        Assert.Contains("vehicle_attitude", ex.Message, StringComparison.Ordinal);
        Assert.Equal(["vehicle_attitude"], bus.TopicNames);
        var cap = Assert.Throws<ArgumentOutOfRangeException>(() => new Topic<TestSample>("x", 12));
        Assert.Contains("12", cap.Message, StringComparison.Ordinal);
    }
}
