namespace StrategicTech.Autopilot.Bus;

/// <summary>
/// A reader's cursor on a <see cref="Topic{T}"/>. Reads samples in generation order; when the reader falls more
/// than the ring capacity behind, the oldest samples are lost and the gap is reported (per sample in
/// <see cref="TopicSample{T}.MissedBefore"/> and in total in <see cref="MissedCount"/>). Use from one thread at a time.
/// Allocation-free after construction.
/// </summary>
public sealed class TopicSubscription<T>
    where T : unmanaged
{
    private readonly Topic<T> _topic;

    internal TopicSubscription(Topic<T> topic, long cursor)
    {
        _topic = topic;
        LastGeneration = cursor;
    }

    /// <summary>Generation of the last sample read (or where the subscription started).</summary>
    public long LastGeneration { get; private set; }

    /// <summary>Total samples lost to ring overflow since the subscription was created.</summary>
    public long MissedCount { get; private set; }

    /// <summary>True if samples newer than the last one read have been published.</summary>
    public bool HasNew => _topic.Generation > LastGeneration;

    /// <summary>Reads the next unread sample (oldest first); false when there is none.</summary>
    public bool TryRead(out TopicSample<T> sample)
    {
        // Samples lost to lapping in earlier passes of this call belong to the gap reported with the sample returned.
        long lappedBefore = 0;
        while (true)
        {
            long latest = _topic.Generation;
            long next = LastGeneration + 1;
            if (next > latest)
            {
                sample = default;
                return false;
            }

            long oldest = Math.Max(1, latest - _topic.Capacity + 1);
            long missed = 0;
            if (next < oldest)
            {
                missed = oldest - next;
                next = oldest;
            }

            if (_topic.TryReadSlot(next, out T value))
            {
                MissedCount += missed;
                LastGeneration = next;
                sample = new TopicSample<T>(value, next, lappedBefore + missed);
                return true;
            }

            // Overwritten while we looked (the publishers lapped us): that sample is lost too; go again.
            MissedCount += missed + 1;
            lappedBefore += missed + 1;
            LastGeneration = next;
        }
    }

    /// <summary>Skips to the latest sample (a controller that only wants the newest setpoint); false if nothing new.
    /// Deliberately skipped samples appear in <see cref="TopicSample{T}.MissedBefore"/> but not in <see cref="MissedCount"/>.</summary>
    public bool TryReadLatest(out TopicSample<T> sample)
    {
        while (true)
        {
            long latest = _topic.Generation;
            if (latest <= LastGeneration)
            {
                sample = default;
                return false;
            }

            if (_topic.TryReadSlot(latest, out T value))
            {
                long skipped = latest - LastGeneration - 1;
                LastGeneration = latest;
                sample = new TopicSample<T>(value, latest, skipped);
                return true;
            }
        }
    }
}
