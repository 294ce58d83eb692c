namespace StrategicTech.GroundStation.Inspection;

/// <summary>The link's parser counters as the inspector shows them.</summary>
public readonly record struct LinkCounters(long Frames, long BadCrc, long SignatureFailures, long UnknownIds, long LengthErrors, long GarbageBytes, long FilteredFrames);
