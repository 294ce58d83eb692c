using System.Buffers;
using System.Runtime.CompilerServices;

namespace StrategicTech.Drivers.Mavlink;

/// <summary>
/// Resumable MAVLink 1/2 frame parser. Feed it bytes in any chunking; it returns checked frames. A frame that lies
/// wholly inside the caller's chunk is checked in place (zero copy); only a frame split across chunks is assembled
/// in a preallocated buffer. After a false start (bad CRC, bad flags, noise that looks like a header) it rescans
/// from the byte after the false start, so intact frames hidden among garbage are recovered. Every verdict depends
/// only on the stream's bytes, never on how they were chunked. Not thread-safe: one parser per link. Allocates
/// nothing after construction. After <see cref="TryRead(ref ReadOnlySpan{byte}, out MavlinkFrame)"/> returns true,
/// pass the rest of the input (or the next bytes of the same stream) in the next call.
/// </summary>
public sealed partial class MavlinkParser
{
    // A frame of an unknown id is judged together with up to two frames after it (see UnknownProof), so up to three
    // frames (plus one byte) may be held back; twice that lets released bytes stay in place until a compaction.
    private const int PendingWindow = (3 * MavlinkConstants.MaxFrameLength) + 1;
    private readonly byte[] _pending = new byte[2 * PendingWindow];
    private readonly byte[] _lastSequence = new byte[1 << 16];
    private readonly bool[] _sequenceSeen = new bool[1 << 16];
    private readonly MavlinkDialect _dialect;
    private readonly MavlinkSignatureVerifier? _verifier;
    private int _pendingStart;
    private int _pendingCount;
    private int _releaseOnNext;

    // Absolute stream position (bytes consumed from callers since construction) of the current call's input[0],
    // and the input's length on entry: positions key the unknown-id probe memo (UnknownProof).
    private long _inputBase;
    private long _callBase;
    private int _callLength;

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
        _callBase = _inputBase;
        _callLength = input.Length;
        bool got = TryReadCore(ref input, out frame);
        _inputBase = _callBase + (_callLength - input.Length);
        return got;
    }

    private bool TryReadCore(scoped ref ReadOnlySpan<byte> input, out MavlinkFrame frame)
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
            Stats.WorkBytes += start < 0 ? input.Length : start + 1;
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

            switch (Check(input, InputPosition(input), atEnd: false, out int length, out _, out bool known))
            {
                case Verdict.Accept:
                    frame = new MavlinkFrame(input[..length], known);
                    input = input[length..];
                    return true;
                case Verdict.NeedMore:
                    input.CopyTo(_pending);
                    _pendingStart = 0;
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

        _callBase = _inputBase;
        _callLength = 0;
        ReadOnlySpan<byte> none = default;
        while (_pendingCount > 0)
        {
            if (TryReadPending(ref none, atEnd: true, out frame))
            {
                return true;
            }
        }

        // The stream ended: whatever comes next is a new stream, so nothing learnt about this one may carry over.
        ForgetProbes();
        frame = default;
        return false;
    }

    /// <summary>Drops buffered bytes and sequence history (counters are kept; see <see cref="MavlinkParserStats.Reset"/>).</summary>
    public void Reset()
    {
        _pendingStart = 0;
        _pendingCount = 0;
        _releaseOnNext = 0;
        ForgetProbes();
        Array.Clear(_sequenceSeen);
    }

    /// <summary>Absolute stream position of <paramref name="input"/>[0] during the current call.</summary>
    private long InputPosition(scoped ReadOnlySpan<byte> input) => _callBase + (_callLength - input.Length);

    private Span<byte> Pending => _pending.AsSpan(_pendingStart, _pendingCount);

    private bool TryReadPending(scoped ref ReadOnlySpan<byte> input, bool atEnd, out MavlinkFrame frame)
    {
        while (_pendingCount > 0)
        {
            // Held-back bytes left after a frame or a rejected signature need not start a frame: hunt for a magic
            // byte first, exactly as in the caller's input, so the verdict cannot depend on the chunking.
            if (_pending[_pendingStart] is not (MavlinkConstants.MagicV2 or MavlinkConstants.MagicV1))
            {
                SkipPendingTo(0);
                continue;
            }

            long position = InputPosition(input) - _pendingCount;
            Verdict verdict = Check(Pending, position, atEnd, out int length, out int needed, out bool known);
            switch (verdict)
            {
                case Verdict.Accept:
                    frame = new MavlinkFrame(_pending.AsSpan(_pendingStart, length), known);
                    _releaseOnNext = length;
                    return true;
                case Verdict.NeedMore:
                    if (atEnd)
                    {
                        Stats.Truncated++;
                        SkipPendingTo(1);
                        break;
                    }

                    if (_pendingStart + needed > _pending.Length)
                    {
                        // Compact: each byte is moved at most once per PendingWindow bytes released before it.
                        Buffer.BlockCopy(_pending, _pendingStart, _pending, 0, _pendingCount);
                        _pendingStart = 0;
                    }

                    int take = Math.Min(needed - _pendingCount, input.Length);
                    input[..take].CopyTo(_pending.AsSpan(_pendingStart + _pendingCount));
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
                    SkipPendingTo(1);
                    break;
            }
        }

        frame = default;
        return false;
    }

    /// <summary>Drops held-back bytes up to the next magic byte at or after <paramref name="from"/> (all of them if none).</summary>
    private void SkipPendingTo(int from)
    {
        int next = Pending[from..].IndexOfAny(MavlinkConstants.MagicV2, MavlinkConstants.MagicV1);
        int skip = next < 0 ? _pendingCount : from + next;
        Stats.WorkBytes += skip + 1 - from;
        Stats.GarbageBytes += skip;
        Release(skip);
    }

    private void Release(int count)
    {
        _pendingCount -= count;
        _pendingStart = _pendingCount == 0 ? 0 : _pendingStart + count;
    }

    /// <summary>Judges a candidate that starts with a magic byte at absolute stream position <paramref name="position"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Verdict Check(ReadOnlySpan<byte> c, long position, bool atEnd, out int length, out int needed, out bool known)
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

        Stats.WorkBytes += headerLength;
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
        if (known && !PossibleLength(v2, payloadLength, info))
        {
            // Judged on the header alone, before waiting for or checksumming bytes that cannot form this message:
            // a flood of 0xFE (MAVLink 1, length 254, id 254) costs a few steps per byte instead of a 262-byte CRC.
            Stats.LengthErrors++;
            needed = 0;
            return Verdict.SkipByte;
        }

        if (c.Length < length)
        {
            needed = length;
            return Verdict.NeedMore;
        }

        needed = 0;
        if (known)
        {
            if (!CrcMatches(c, v2, payloadLength, info.CrcExtra))
            {
                if (v2 && payloadLength > info.MaxLength)
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
            // No CRC_EXTRA: believed only when what follows checks out and no intact frame hides inside it.
            switch (ProveUnknown(c, length, position, atEnd, out needed))
            {
                case Proof.NeedMore:
                    return Verdict.NeedMore;
                case Proof.Rejected:
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

    /// <summary>
    /// Payload lengths a known message can have: MAVLink 1 carries the base fields and may carry extensions
    /// (min..max); MAVLink 2 never truncates the first payload byte (at least 1) and may be longer than we know
    /// (newer extensions, still checked by the CRC).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool PossibleLength(bool v2, int payloadLength, in MavlinkMessageInfo info) =>
        v2 ? payloadLength > 0 : payloadLength >= info.MinLength && payloadLength <= info.MaxLength;

    /// <summary>CRC over header (after the magic) and payload, then CRC_EXTRA, against the frame's checksum.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool CrcMatches(ReadOnlySpan<byte> c, bool v2, int payloadLength, byte crcExtra)
    {
        int crcOffset = (v2 ? MavlinkConstants.HeaderLengthV2 : MavlinkConstants.HeaderLengthV1) + payloadLength;
        Stats.WorkBytes += crcOffset;
        ushort crc = MavlinkCrc.Accumulate(c[1..crcOffset]);
        crc = MavlinkCrc.Accumulate(crcExtra, crc);
        return crc == (ushort)(c[crcOffset] | (c[crcOffset + 1] << 8));
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
