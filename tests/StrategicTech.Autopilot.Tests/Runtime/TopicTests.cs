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
    public void Topic_capacity_must_be_a_power_of_two()
    {
        var cap = Assert.Throws<ArgumentOutOfRangeException>(() => new Topic<TestSample>("x", 12));
        Assert.Contains("12", cap.Message, StringComparison.Ordinal);
    }
}
