namespace StrategicTech.Autopilot.Bus;

/// <summary>
/// One sample read from a <see cref="Topic{T}"/>: the value, its generation (1 for the first sample ever
/// published on the topic, then +1 per publish) and how many samples this subscription lost to ring overflow
/// just before it (generation gap − 1).
/// </summary>
public readonly record struct TopicSample<T>(T Value, long Generation, long MissedBefore)
    where T : unmanaged;
