namespace StrategicTech.Drivers.Mavlink;

/// <summary>
/// Signs outgoing MAVLink 2 frames for one link. Timestamps never go backwards: each is the later of the clock
/// and the previous timestamp + 1 (so a burst within 10 µs, or a clock step back, still yields increasing values).
/// </summary>
public sealed class MavlinkSigner
{
    private readonly MavlinkSigningKey _key;
    private readonly IUnixTimeSource _clock;

    /// <param name="key">The shared secret.</param>
    /// <param name="linkId">This link's id, sent in every signature.</param>
    /// <param name="clock">Wall-clock source.</param>
    /// <param name="lastTimestamp">The last timestamp used before a restart (from the persisted state), so the sequence stays monotonic.</param>
    public MavlinkSigner(MavlinkSigningKey key, byte linkId, IUnixTimeSource clock, ulong lastTimestamp = 0)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(clock);
        _key = key;
        _clock = clock;
        LinkId = linkId;
        LastTimestamp = lastTimestamp;
    }

    public byte LinkId { get; }

    /// <summary>The shared secret (a receiver on the same link verifies with it).</summary>
    public MavlinkSigningKey Key => _key;

    /// <summary>The wall-clock source of the timestamps.</summary>
    public IUnixTimeSource Clock => _clock;

    /// <summary>The timestamp of the last signed frame (persist it; see <see cref="MavlinkSigningState"/>).</summary>
    public ulong LastTimestamp { get; private set; }

    /// <summary>
    /// Appends link id, timestamp and signature to a frame whose first <paramref name="unsignedLength"/> bytes are
    /// already written with the signed incompat flag set and the CRC computed. Returns the signed length.
    /// </summary>
    public int Sign(Span<byte> frame, int unsignedLength)
    {
        ulong now = MavlinkSignature.TimestampFromUnixUs(_clock.UnixTimeUs);
        ulong timestamp = Math.Max(now, LastTimestamp + 1);
        LastTimestamp = timestamp;
        frame[unsignedLength] = LinkId;
        MavlinkSignature.WriteTimestamp(frame.Slice(unsignedLength + 1, 6), timestamp);
        int signedPart = unsignedLength + 7;
        MavlinkSignature.Compute(_key.Bytes, frame[..signedPart], frame.Slice(signedPart, 6));
        return signedPart + 6;
    }
}
