namespace StrategicTech.Drivers.Mavlink;

/// <summary>What a signing timestamp file held: a timestamp, nothing (no file yet), or why it is damaged.</summary>
/// <param name="StoredTimestamp">The stored timestamp (10 µs units since 2015-01-01), null when missing or damaged.</param>
/// <param name="Problem">Why the file was not usable (names the file and the rule), null when it was.</param>
public readonly record struct SigningStateLoad(ulong? StoredTimestamp, string? Problem)
{
    public bool IsDamaged => Problem is not null;
}
