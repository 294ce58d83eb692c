namespace StrategicTech.Drivers.Mavlink;

/// <summary>
/// How a frame of an unknown id (no CRC_EXTRA, so its own CRC proves nothing) earns delivery. Rule: the bytes right
/// after it must be a known frame with a good CRC, or an unknown-id frame followed by such a frame, or the end of
/// the stream; and no known frame with a good CRC may start inside it (a damaged header whose length runs over
/// real frames would otherwise swallow them). Probe results are remembered by stream position so a stretch of
/// bytes is CRC-checked for hidden frames once, however many unknown-id candidates overlap it.
/// </summary>
public sealed partial class MavlinkParser
{
    // All magic bytes at absolute positions [_cleanFrom, _cleanTo) were probed: none starts an intact known frame.
    private long _cleanFrom = -1;
    private long _cleanTo = -1;

    // The last intact known frame a probe found (absolute start and end), -1 when none.
    private long _intactFrom = -1;
    private long _intactTo = -1;

    private enum Proof
    {
        Proven,
        NeedMore,
        Rejected,
    }

    private enum Follower
    {
        End,
        NeedMore,
        Bad,
        Intact,
        Unknown,
    }

    private void ForgetProbes()
    {
        _cleanFrom = _cleanTo = -1;
        _intactFrom = _intactTo = -1;
    }

    /// <summary>Judges the unknown-id candidate c[..length] at absolute <paramref name="position"/>.</summary>
    private Proof ProveUnknown(ReadOnlySpan<byte> c, int length, long position, bool atEnd, out int needed)
    {
        // What follows: an intact known frame, or one unknown-id frame and then an intact known frame, or the end.
        int window = length;
        for (int depth = 0; ; depth++)
        {
            switch (Follow(c, window, atEnd, out int next, out needed))
            {
                case Follower.NeedMore:
                    return Proof.NeedMore;
                case Follower.Bad:
                    return Proof.Rejected;
                case Follower.Unknown:
                    if (depth > 0)
                    {
                        return Proof.Rejected;
                    }

                    window = next;
                    continue;
                default:
                    window = next;
                    break;
            }

            break;
        }

        needed = 0;
        return HidesIntactFrame(c[..window], length, position) ? Proof.Rejected : Proof.Proven;
    }

    /// <summary>
    /// True when an intact known frame starts at one of c[1..length) and ends within <paramref name="w"/> (the
    /// bytes this verdict is allowed to see, the same for every chunking).
    /// </summary>
    private bool HidesIntactFrame(ReadOnlySpan<byte> w, int length, long position)
    {
        long end = position + length;
        if (_intactFrom > position && _intactFrom < end && _intactTo <= position + w.Length)
        {
            return true;
        }

        int at = 1;
        long runFrom = position + 1;
        if (_cleanFrom <= position + 1 && position + 1 < _cleanTo)
        {
            at = (int)Math.Min(length, _cleanTo - position);
            runFrom = _cleanFrom;
        }

        bool run = true;
        while (at < length)
        {
            int next = w[at..length].IndexOfAny(MavlinkConstants.MagicV2, MavlinkConstants.MagicV1);
            Stats.WorkBytes += next < 0 ? length - at : next + 1;
            if (next < 0)
            {
                break;
            }

            at += next;
            switch (Follow(w, at, atEnd: true, out int frameEnd, out _))
            {
                case Follower.Intact:
                    _intactFrom = position + at;
                    _intactTo = position + frameEnd;
                    if (run)
                    {
                        (_cleanFrom, _cleanTo) = (runFrom, position + at);
                    }

                    return true;
                case Follower.Bad when Fits(w, at):
                    break;
                case Follower.Unknown:
                    break;
                default:
                    // Cut off by the window: not a verdict on the stream's bytes, so the clean run ends here.
                    if (run)
                    {
                        (_cleanFrom, _cleanTo) = (runFrom, position + at);
                        run = false;
                    }

                    break;
            }

            at++;
        }

        if (run)
        {
            (_cleanFrom, _cleanTo) = (runFrom, Math.Max(end, _cleanTo > runFrom ? _cleanTo : end));
        }

        return false;
    }

    /// <summary>True when the candidate at <paramref name="at"/> was judged on its own bytes (header and, when its length is possible, all of it).</summary>
    private bool Fits(ReadOnlySpan<byte> w, int at)
    {
        bool v2 = w[at] == MavlinkConstants.MagicV2;
        int headerLength = v2 ? MavlinkConstants.HeaderLengthV2 : MavlinkConstants.HeaderLengthV1;
        if (w.Length - at < headerLength)
        {
            return false;
        }

        if (v2 && (w[at + 2] & ~MavlinkConstants.IncompatFlagSigned) != 0)
        {
            return true;
        }

        uint id = v2 ? (uint)(w[at + 7] | (w[at + 8] << 8) | (w[at + 9] << 16)) : w[at + 5];
        if (!_dialect.TryGet(id, out MavlinkMessageInfo info) || !PossibleLength(v2, w[at + 1], info))
        {
            return true;
        }

        int signature = v2 && (w[at + 2] & MavlinkConstants.IncompatFlagSigned) != 0 ? MavlinkConstants.SignatureLength : 0;
        return w.Length - at >= headerLength + w[at + 1] + MavlinkConstants.ChecksumLength + signature;
    }

    /// <summary>
    /// Judges one whole frame on its own (for readers that know where frames end, such as the tlog reader):
    /// 1 = known id with a good CRC, 0 = an unknown id of exactly this length, -1 = neither. Touches no counters.
    /// </summary>
    internal int Classify(ReadOnlySpan<byte> frame)
    {
        long work = Stats.WorkBytes;
        Follower kind = Follow(frame, 0, atEnd: true, out int next, out _);
        Stats.WorkBytes = work;
        return next != frame.Length ? -1 : kind switch
        {
            Follower.Intact => 1,
            Follower.Unknown => 0,
            _ => -1,
        };
    }

    /// <summary>Classifies the bytes at c[at..]: a frame start that checks out, an unknown-id frame, garbage, the end, or not enough bytes yet.</summary>
    private Follower Follow(ReadOnlySpan<byte> c, int at, bool atEnd, out int next, out int needed)
    {
        next = at;
        needed = 0;
        if (c.Length == at)
        {
            needed = at + 1;
            return atEnd ? Follower.End : Follower.NeedMore;
        }

        if (c[at] is not (MavlinkConstants.MagicV2 or MavlinkConstants.MagicV1))
        {
            return Follower.Bad;
        }

        bool v2 = c[at] == MavlinkConstants.MagicV2;
        int headerLength = v2 ? MavlinkConstants.HeaderLengthV2 : MavlinkConstants.HeaderLengthV1;
        if (c.Length - at < headerLength)
        {
            needed = at + headerLength;
            return atEnd ? Follower.Bad : Follower.NeedMore;
        }

        Stats.WorkBytes += headerLength;
        ReadOnlySpan<byte> f = c[at..];
        if (v2 && (f[2] & ~MavlinkConstants.IncompatFlagSigned) != 0)
        {
            return Follower.Bad;
        }

        int payloadLength = f[1];
        bool signed = v2 && f[2] != 0;
        uint id = v2 ? (uint)(f[7] | (f[8] << 8) | (f[9] << 16)) : f[5];
        int length = headerLength + payloadLength + MavlinkConstants.ChecksumLength + (signed ? MavlinkConstants.SignatureLength : 0);
        bool known = _dialect.TryGet(id, out MavlinkMessageInfo info);
        if (known && !PossibleLength(v2, payloadLength, info))
        {
            return Follower.Bad;
        }

        if (f.Length < length)
        {
            needed = at + length;
            return atEnd ? Follower.Bad : Follower.NeedMore;
        }

        next = at + length;
        if (!known)
        {
            return Follower.Unknown;
        }

        return CrcMatches(f, v2, payloadLength, info.CrcExtra) ? Follower.Intact : Follower.Bad;
    }
}
