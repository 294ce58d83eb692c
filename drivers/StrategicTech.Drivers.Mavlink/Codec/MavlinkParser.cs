using System.Buffers;
using System.Runtime.CompilerServices;

namespace StrategicTech.Drivers.Mavlink;

/// <summary>
/// Resumable MAVLink 1/2 frame parser. Feed it bytes in any chunking; it returns checked frames. A frame that lies
/// wholly inside the caller's chunk is checked in place (zero copy); only a frame split across chunks is assembled
/// in a preallocated buffer. After a false start (bad CRC, bad flags, noise that looks like a header) it rescans
/// from the byte after the false start, so intact frames hidden among garbage are recovered. Not thread-safe:
/// one parser per link. Allocates nothing after construction.
/// </summary>
public sealed class MavlinkParser
{
    // One extra byte: a frame of an unknown id is confirmed by the byte that follows it.
    private readonly byte[] _pending = new byte[MavlinkConstants.MaxFrameLength + 1];
    private readonly byte[] _lastSequence = new byte[1 << 16];
    private readonly bool[] _sequenceSeen = new bool[1 << 16];
    private readonly MavlinkDialect _dialect;
    private readonly MavlinkSignatureVerifier? _verifier;
    private int _pendingCount;
    private int _releaseOnNext;

    public MavlinkParser(MavlinkDialect dialect, MavlinkSignatureVerifier? verifier = null)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        _dialect = dialect;
        _verifier = verifier;
    }

    private enum Verdict
    {
        Accept,
        NeedMore,
        SkipByte,
        SkipFrame,
    }

    public MavlinkDialect Dialect => _dialect;

    public MavlinkParserStats Stats { get; } = new();

    public UnknownMessageHandling UnknownMessages { get; init; } = UnknownMessageHandling.Deliver;

    /// <summary>Bytes held back from earlier input, waiting for the rest of a frame.</summary>
    public int BufferedBytes => _pendingCount - _releaseOnNext;

    /// <summary>
    /// Consumes bytes from <paramref name="input"/> until one frame is complete (returns true, <paramref name="input"/>
    /// advanced past it) or the input is used up (returns false; a partial frame is kept for the next call).
    /// </summary>
    public bool TryRead(scoped ref ReadOnlySpan<byte> input, out MavlinkFrame frame)
    {
        if (_releaseOnNext > 0)
        {
            Release(_releaseOnNext);
            _releaseOnNext = 0;
        }

        while (true)
        {
            if (_pendingCount > 0)
            {
                if (TryReadPending(ref input, atEnd: false, out frame))
                {
                    return true;
                }

                if (_pendingCount > 0)
                {
                    return false;
                }
            }

            // Back-to-back frames: the next byte is usually a magic byte, skip the vector search then.
            int start = !input.IsEmpty && input[0] is MavlinkConstants.MagicV2 or MavlinkConstants.MagicV1
                ? 0
                : input.IndexOfAny(MavlinkConstants.MagicV2, MavlinkConstants.MagicV1);
            if (start < 0)
            {
                Stats.GarbageBytes += input.Length;
                input = default;
                frame = default;
                return false;
            }

            if (start > 0)
            {
                Stats.GarbageBytes += start;
                input = input[start..];
            }

            switch (Check(input, atEnd: false, out int length, out _, out bool known))
            {
                case Verdict.Accept:
                    frame = new MavlinkFrame(input[..length], known);
                    input = input[length..];
                    return true;
                case Verdict.NeedMore:
                    input.CopyTo(_pending);
                    _pendingCount = input.Length;
                    input = default;
                    frame = default;
                    return false;
                case Verdict.SkipFrame:
                    input = input[length..];
                    break;
                default:
                    Stats.GarbageBytes++;
                    input = input[1..];
                    break;
            }
        }
    }

    /// <summary>Reads frames from a multi-segment sequence; same contract as the span overload.</summary>
    public bool TryRead(ref ReadOnlySequence<byte> input, out MavlinkFrame frame)
    {
        while (!input.IsEmpty)
        {
            ReadOnlySpan<byte> span = input.FirstSpan;
            ReadOnlySpan<byte> rest = span;
            bool got = TryRead(ref rest, out frame);
            input = input.Slice(span.Length - rest.Length);
            if (got)
            {
                return true;
            }
        }

        frame = default;
        return false;
    }

    /// <summary>
    /// End of stream: recovers frames still held back (an unknown-id frame awaiting confirmation, or intact frames
    /// behind a false start that claimed more bytes than arrived). Call until it returns false.
    /// </summary>
    public bool TryFlush(out MavlinkFrame frame)
    {
        if (_releaseOnNext > 0)
        {
            Release(_releaseOnNext);
            _releaseOnNext = 0;
        }

        ReadOnlySpan<byte> none = default;
        while (_pendingCount > 0)
        {
            if (TryReadPending(ref none, atEnd: true, out frame))
            {
                return true;
            }
        }

        frame = default;
        return false;
    }

    /// <summary>Drops buffered bytes and sequence history (counters are kept; see <see cref="MavlinkParserStats.Reset"/>).</summary>
    public void Reset()
    {
        _pendingCount = 0;
        _releaseOnNext = 0;
        Array.Clear(_sequenceSeen);
    }

    private bool TryReadPending(scoped ref ReadOnlySpan<byte> input, bool atEnd, out MavlinkFrame frame)
    {
        while (_pendingCount > 0)
        {
            Verdict verdict = Check(_pending.AsSpan(0, _pendingCount), atEnd, out int length, out int needed, out bool known);
            switch (verdict)
            {
                case Verdict.Accept:
                    frame = new MavlinkFrame(_pending.AsSpan(0, length), known);
                    _releaseOnNext = length;
                    return true;
                case Verdict.NeedMore:
                    if (atEnd)
                    {
                        Stats.Truncated++;
                        SkipPendingFalseStart();
                        break;
                    }

                    int take = Math.Min(needed - _pendingCount, input.Length);
                    input[..take].CopyTo(_pending.AsSpan(_pendingCount));
                    _pendingCount += take;
                    input = input[take..];
                    if (_pendingCount < needed)
                    {
                        frame = default;
                        return false;
                    }

                    break;
                case Verdict.SkipFrame:
                    Release(length);
                    break;
                default:
                    SkipPendingFalseStart();
                    break;
            }
        }

        frame = default;
        return false;
    }

    private void SkipPendingFalseStart()
    {
        int next = _pending.AsSpan(1, _pendingCount - 1).IndexOfAny(MavlinkConstants.MagicV2, MavlinkConstants.MagicV1);
        int skip = next < 0 ? _pendingCount : next + 1;
        Stats.GarbageBytes += skip;
        Release(skip);
    }

    private void Release(int count)
    {
        int rest = _pendingCount - count;
        if (rest > 0)
        {
            Buffer.BlockCopy(_pending, count, _pending, 0, rest);
        }

        _pendingCount = rest;
    }

    /// <summary>Judges a candidate that starts with a magic byte.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Verdict Check(ReadOnlySpan<byte> c, bool atEnd, out int length, out int needed, out bool known)
    {
        bool v2 = c[0] == MavlinkConstants.MagicV2;
        int headerLength = v2 ? MavlinkConstants.HeaderLengthV2 : MavlinkConstants.HeaderLengthV1;
        length = 0;
        known = false;
        if (c.Length < headerLength)
        {
            needed = headerLength;
            return Verdict.NeedMore;
        }

        int payloadLength = c[1];
        uint messageId;
        bool signed = false;
        if (v2)
        {
            byte incompat = c[2];
            if ((incompat & ~MavlinkConstants.IncompatFlagSigned) != 0)
            {
                Stats.UnsupportedFlags++;
                needed = 0;
                return Verdict.SkipByte;
            }

            signed = incompat != 0;
            messageId = (uint)(c[7] | (c[8] << 8) | (c[9] << 16));
        }
        else
        {
            messageId = c[5];
        }

        length = headerLength + payloadLength + MavlinkConstants.ChecksumLength + (signed ? MavlinkConstants.SignatureLength : 0);
        known = _dialect.TryGet(messageId, out MavlinkMessageInfo info);
        if (c.Length < length)
        {
            needed = length;
            return Verdict.NeedMore;
        }

        needed = 0;
        int crcOffset = headerLength + payloadLength;
        if (known)
        {
            ushort crc = MavlinkCrc.Accumulate(c[1..crcOffset]);
            crc = MavlinkCrc.Accumulate(info.CrcExtra, crc);
            if (crc != (ushort)(c[crcOffset] | (c[crcOffset + 1] << 8)))
            {
                bool impossibleLength = v2 ? payloadLength == 0 || payloadLength > info.MaxLength : payloadLength != info.MinLength;
                if (impossibleLength)
                {
                    Stats.LengthErrors++;
                }
                else
                {
                    Stats.BadCrc++;
                }

                return Verdict.SkipByte;
            }
        }
        else
        {
            // No CRC_EXTRA: the frame is believed only when the next byte starts another frame (or the stream ends).
            if (c.Length == length && !atEnd)
            {
                needed = length + 1;
                return Verdict.NeedMore;
            }

            bool confirmed = c.Length == length || c[length] is MavlinkConstants.MagicV2 or MavlinkConstants.MagicV1;
            if (!confirmed)
            {
                return Verdict.SkipByte;
            }

            Stats.UnknownIds++;
            if (UnknownMessages == UnknownMessageHandling.Skip)
            {
                return Verdict.SkipByte;
            }
        }

        if (_verifier is not null && !_verifier.Accept(c[..length], messageId))
        {
            Stats.SignatureFailures++;
            return Verdict.SkipFrame;
        }

        TrackSequence(c, v2);
        Stats.Frames++;
        return Verdict.Accept;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void TrackSequence(ReadOnlySpan<byte> c, bool v2)
    {
        int at = v2 ? 4 : 2;
        byte sequence = c[at];
        int stream = (c[at + 1] << 8) | c[at + 2];
        if (_sequenceSeen[stream])
        {
            Stats.SequenceDrops += (byte)(sequence - _lastSequence[stream] - 1);
        }
        else
        {
            _sequenceSeen[stream] = true;
        }

        _lastSequence[stream] = sequence;
    }
}
