namespace StrategicTech.Drivers.Mavlink.Inspection;

/// <summary>
/// What a <see cref="LinkInspector"/> has seen up to <see cref="TimeUs"/>: link totals and error counters, and per
/// (system, component) the messages with counts and rates.
/// </summary>
public sealed record LinkSnapshot(
    long TimeUs,
    double ElapsedS,
    long Bytes,
    long Frames,
    long BadCrc,
    long BadSignature,
    long SequenceDrops,
    long GarbageBytes,
    long LengthErrors,
    long UnknownIds,
    long Truncated,
    IReadOnlyList<ComponentSnapshot> Components);

/// <summary>One sender: frames, bytes and frames lost to gaps in its sequence counter.</summary>
public sealed record ComponentSnapshot(byte SystemId, byte ComponentId, long Frames, long Bytes, long SequenceDrops, IReadOnlyList<MessageSnapshot> Messages);

/// <summary>
/// One message type from one sender. <see cref="RateHz"/> is measured since the previous snapshot (what a live view
/// shows); <see cref="MeanRateHz"/> over its first to last arrival (what a summary shows).
/// </summary>
public sealed record MessageSnapshot(uint MessageId, string Name, long Count, double RateHz, double MeanRateHz, long LastUs);
