using System.Buffers.Binary;

namespace StrategicTech.Drivers.Mavlink;

/// <summary>
/// Reads a telemetry log (.tlog, as written by Mission Planner / MAVProxy / QGroundControl): records of an 8-byte
/// big-endian Unix time in microseconds followed by one complete MAVLink frame. Frames are checked by the given
/// parser (so its counters cover the log); a damaged record is skipped a byte at a time until records line up again.
/// </summary>
public sealed class MavlinkTlogReader(MavlinkParser parser)
{
    private const int TimestampLength = 8;

    // 2000-01-01 and 2100-01-01 in Unix µs: a record time outside is not a tlog timestamp.
    private const ulong PlausibleFromUs = 946_684_800_000_000;
    private const ulong PlausibleToUs = 4_102_444_800_000_000;

    public MavlinkParser Parser { get; } = parser ?? throw new ArgumentNullException(nameof(parser));

    /// <summary>Bytes skipped because they did not form a valid record.</summary>
    public long SkippedBytes { get; private set; }

    /// <summary>Reads the next record. Returns false when fewer bytes than a record remain (see <see cref="Finish"/>).</summary>
    public bool TryRead(ref ReadOnlySpan<byte> input, out long timeUs, out MavlinkFrame frame)
    {
        while (input.Length >= TimestampLength + 1)
        {
            ulong time = BinaryPrimitives.ReadUInt64BigEndian(input);
            ReadOnlySpan<byte> rest = input[TimestampLength..];
            int length = FrameLength(rest);
            if (length > 0 && rest.Length < length)
            {
                break;
            }

            // A frame of an unknown id proves nothing by its CRC: a damaged record can look like one and run over
            // the next record. It is believed only when the next record checks out (or the log ends right after it).
            if (length > 0 && time is >= PlausibleFromUs and <= PlausibleToUs
                && (Parser.Classify(rest[..length]) != 0 || NextRecordChecksOut(rest[length..], unknownAllowed: true)))
            {
                ReadOnlySpan<byte> slice = rest[..length];
                bool got = Parser.TryRead(ref slice, out frame) || Parser.TryFlush(out frame);
                if (got && frame.Raw.Length == length)
                {
                    timeUs = (long)time;
                    input = rest[length..];
                    return true;
                }

                while (Parser.TryFlush(out _))
                {
                }
            }

            SkippedBytes++;
            input = input[1..];
        }

        timeUs = 0;
        frame = default;
        return false;
    }

    /// <summary>
    /// True when <paramref name="after"/> is empty (end of log) or starts with a record whose time is plausible and
    /// whose frame is a known id with a good CRC, or (once) an unknown id followed by such a record or the end.
    /// </summary>
    private bool NextRecordChecksOut(ReadOnlySpan<byte> after, bool unknownAllowed)
    {
        if (after.IsEmpty)
        {
            return true;
        }

        if (after.Length < TimestampLength + 1)
        {
            return false;
        }

        ulong time = BinaryPrimitives.ReadUInt64BigEndian(after);
        ReadOnlySpan<byte> rest = after[TimestampLength..];
        int length = FrameLength(rest);
        if (time is < PlausibleFromUs or > PlausibleToUs || length <= 0 || rest.Length < length)
        {
            return false;
        }

        return Parser.Classify(rest[..length]) switch
        {
            1 => true,
            0 => unknownAllowed && NextRecordChecksOut(rest[length..], unknownAllowed: false),
            _ => false,
        };
    }

    /// <summary>End of log: counts leftover bytes (a truncated last record) as skipped.</summary>
    public void Finish(ReadOnlySpan<byte> leftover) => SkippedBytes += leftover.Length;

    /// <summary>True when the data starts with records that chain like a tlog (time, frame, time, frame).</summary>
    public static bool LooksLikeTlog(ReadOnlySpan<byte> data)
    {
        for (int record = 0; record < 3; record++)
        {
            if (data.Length < TimestampLength + 1)
            {
                return record > 0;
            }

            ulong time = BinaryPrimitives.ReadUInt64BigEndian(data);
            int length = FrameLength(data[TimestampLength..]);
            if (time is < PlausibleFromUs or > PlausibleToUs || length <= 0)
            {
                return false;
            }

            data = data[Math.Min(data.Length, TimestampLength + length)..];
        }

        return true;
    }

    /// <summary>Length of the frame a header announces, or -1 when it does not start with a magic byte or the header is incomplete.</summary>
    public static int FrameLength(ReadOnlySpan<byte> frame)
    {
        if (frame.Length >= MavlinkConstants.HeaderLengthV1 && frame[0] == MavlinkConstants.MagicV1)
        {
            return MavlinkConstants.HeaderLengthV1 + frame[1] + MavlinkConstants.ChecksumLength;
        }

        if (frame.Length >= MavlinkConstants.HeaderLengthV2 && frame[0] == MavlinkConstants.MagicV2)
        {
            bool signed = (frame[2] & MavlinkConstants.IncompatFlagSigned) != 0;
            return MavlinkConstants.HeaderLengthV2 + frame[1] + MavlinkConstants.ChecksumLength + (signed ? MavlinkConstants.SignatureLength : 0);
        }

        return -1;
    }
}
