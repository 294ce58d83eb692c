namespace StrategicTech.Drivers.Mavlink;

/// <summary>
/// Checks incoming frames against the signing policy: a correct signature, a timestamp newer than the last on the
/// same (system, component, link) stream, and not more than a minute behind local time (the later of the clock
/// and the newest accepted timestamp). Allocates only when a new stream appears.
/// </summary>
public sealed class MavlinkSignatureVerifier
{
    private readonly MavlinkSigningKey _key;
    private readonly IUnixTimeSource _clock;
    private readonly HashSet<uint> _unsignedAllowed;
    private readonly Dictionary<int, ulong> _lastByStream = [];
    private ulong _newestAccepted;

    public MavlinkSignatureVerifier(MavlinkSigningKey key, MavlinkSigningPolicy policy, IUnixTimeSource clock, IEnumerable<uint>? unsignedAllowed = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(clock);
        _key = key;
        _clock = clock;
        Policy = policy;
        _unsignedAllowed = [.. unsignedAllowed ?? []];
    }

    public MavlinkSigningPolicy Policy { get; }

    /// <summary>Why the last frame was rejected (for diagnostics).</summary>
    public SignatureRejection LastRejection { get; private set; }

    /// <summary>Judges one complete frame (CRC already checked).</summary>
    public bool Accept(ReadOnlySpan<byte> frame, uint messageId)
    {
        if (frame[0] != MavlinkConstants.MagicV2)
        {
            return Policy == MavlinkSigningPolicy.Accept || Reject(SignatureRejection.MavlinkV1);
        }

        if ((frame[2] & MavlinkConstants.IncompatFlagSigned) == 0)
        {
            return Policy == MavlinkSigningPolicy.Accept || _unsignedAllowed.Contains(messageId) || Reject(SignatureRejection.Unsigned);
        }

        if (!MavlinkSignature.Verify(_key.Bytes, frame))
        {
            return Reject(SignatureRejection.BadSignature);
        }

        ReadOnlySpan<byte> block = frame[^MavlinkConstants.SignatureLength..];
        ulong timestamp = MavlinkSignature.ReadTimestamp(block[1..7]);
        int stream = (frame[5] << 16) | (frame[6] << 8) | block[0];
        if (_lastByStream.TryGetValue(stream, out ulong last) && timestamp <= last)
        {
            return Reject(SignatureRejection.Replayed);
        }

        ulong local = Math.Max(MavlinkSignature.TimestampFromUnixUs(_clock.UnixTimeUs), _newestAccepted);
        if (timestamp + MavlinkSignature.OneMinute < local)
        {
            return Reject(SignatureRejection.Stale);
        }

        _lastByStream[stream] = timestamp;
        _newestAccepted = Math.Max(_newestAccepted, timestamp);
        LastRejection = SignatureRejection.None;
        return true;
    }

    /// <summary>Forgets every stream's last timestamp (e.g. after a key change).</summary>
    public void ResetStreams()
    {
        _lastByStream.Clear();
        _newestAccepted = 0;
    }

    private bool Reject(SignatureRejection reason)
    {
        LastRejection = reason;
        return false;
    }
}
