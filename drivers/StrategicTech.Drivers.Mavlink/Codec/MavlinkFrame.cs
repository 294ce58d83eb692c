using System.Runtime.CompilerServices;

namespace StrategicTech.Drivers.Mavlink;

/// <summary>
/// One checked frame as it appeared on the wire. Its spans point into the parser's buffer or the caller's input
/// and are valid until the next call on the parser (copy <see cref="Raw"/> to keep it).
/// </summary>
public readonly ref struct MavlinkFrame
{
    public MavlinkFrame(ReadOnlySpan<byte> raw, bool isKnown)
    {
        Raw = raw;
        IsKnown = isKnown;
    }

    /// <summary>The complete frame bytes from STX to CRC (and signature), for forwarding or logging unchanged.</summary>
    public ReadOnlySpan<byte> Raw { get; }

    /// <summary>True when the id is in the parser's dialect and the CRC (with CRC_EXTRA) was verified; false for a raw frame of an unknown id.</summary>
    public bool IsKnown { get; }

    /// <summary>1 or 2.</summary>
    public int Version => Raw[0] == MavlinkConstants.MagicV2 ? 2 : 1;

    public bool IsV2 => Raw[0] == MavlinkConstants.MagicV2;

    public byte IncompatFlags => IsV2 ? Raw[2] : (byte)0;

    public byte CompatFlags => IsV2 ? Raw[3] : (byte)0;

    public bool IsSigned => (IncompatFlags & MavlinkConstants.IncompatFlagSigned) != 0;

    public byte Sequence => IsV2 ? Raw[4] : Raw[2];

    public byte SystemId => IsV2 ? Raw[5] : Raw[3];

    public byte ComponentId => IsV2 ? Raw[6] : Raw[4];

    public uint MessageId => IsV2 ? (uint)(Raw[7] | (Raw[8] << 8) | (Raw[9] << 16)) : Raw[5];

    /// <summary>The payload as sent (MAVLink 2: possibly zero-trimmed).</summary>
    public ReadOnlySpan<byte> Payload => Raw.Slice(IsV2 ? MavlinkConstants.HeaderLengthV2 : MavlinkConstants.HeaderLengthV1, Raw[1]);

    /// <summary>The 13-byte signature block, or empty when unsigned.</summary>
    public ReadOnlySpan<byte> Signature => IsSigned ? Raw[^MavlinkConstants.SignatureLength..] : default;

    /// <summary>Link id of a signed frame (0 when unsigned).</summary>
    public byte LinkId => IsSigned ? Raw[^MavlinkConstants.SignatureLength] : (byte)0;

    /// <summary>Signature timestamp (10 µs units since 2015-01-01 UTC) of a signed frame, 0 when unsigned.</summary>
    public ulong SignatureTimestamp => IsSigned ? MavlinkSignature.ReadTimestamp(Raw[^(MavlinkConstants.SignatureLength - 1)..]) : 0;

    /// <summary>True when the frame is message <typeparamref name="T"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Is<T>()
        where T : struct, IMavlinkMessage<T> => MessageId == T.MessageId;

    /// <summary>Decodes the payload as <typeparamref name="T"/> when the id matches (zero-extending a trimmed payload). No allocation.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryDecode<T>(out T message)
        where T : struct, IMavlinkMessage<T>
    {
        if (MessageId != T.MessageId)
        {
            message = default;
            return false;
        }

        message = T.Decode(Payload);
        return true;
    }
}
