using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace StrategicTech.Drivers.Mavlink;

/// <summary>
/// Encodes messages into frames for one sender (system id, component id, its own sequence counter and optional
/// signer). MAVLink 2 payloads are zero-trimmed as the spec requires; MAVLink 1 carries the base fields only.
/// Writes into caller spans or an <see cref="IBufferWriter{T}"/>; allocates nothing.
/// </summary>
public sealed class MavlinkFrameWriter(byte systemId, byte componentId, MavlinkSigner? signer = null)
{
    private byte _sequence;

    public byte SystemId { get; } = systemId;

    public byte ComponentId { get; } = componentId;

    public MavlinkSigner? Signer { get; } = signer;

    /// <summary>The sequence number the next frame will carry.</summary>
    public byte NextSequence
    {
        get => _sequence;
        set => _sequence = value;
    }

    /// <summary>Writes a MAVLink 2 frame (signed when a signer is set). Returns its length.</summary>
    public int WriteV2<T>(in T message, Span<byte> destination, byte compatFlags = 0)
        where T : struct, IMavlinkMessage<T>
    {
        int length = EncodeV2(message, destination, _sequence, SystemId, ComponentId, compatFlags, Signer);
        _sequence++;
        return length;
    }

    /// <summary>Writes a MAVLink 1 frame (ids below 256 only; extension fields are not sent). Returns its length.</summary>
    public int WriteV1<T>(in T message, Span<byte> destination)
        where T : struct, IMavlinkMessage<T>
    {
        int length = EncodeV1(message, destination, _sequence, SystemId, ComponentId);
        _sequence++;
        return length;
    }

    /// <summary>Writes a MAVLink 2 frame into <paramref name="output"/> and advances it.</summary>
    public int WriteV2<T>(in T message, IBufferWriter<byte> output, byte compatFlags = 0)
        where T : struct, IMavlinkMessage<T>
    {
        ArgumentNullException.ThrowIfNull(output);
        int length = WriteV2(message, output.GetSpan(MaxFrameLengthOf<T>()), compatFlags);
        output.Advance(length);
        return length;
    }

    /// <summary>Space <see cref="EncodeV2{T}"/> needs for <typeparamref name="T"/> (untrimmed payload plus signature).</summary>
    public static int MaxFrameLengthOf<T>()
        where T : struct, IMavlinkMessage<T> =>
        MavlinkConstants.HeaderLengthV2 + T.MaxPayloadLength + MavlinkConstants.ChecksumLength + MavlinkConstants.SignatureLength;

    /// <summary>Encodes one MAVLink 2 frame. <paramref name="destination"/> must hold <see cref="MaxFrameLengthOf{T}"/> bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int EncodeV2<T>(in T message, Span<byte> destination, byte sequence, byte systemId, byte componentId, byte compatFlags = 0, MavlinkSigner? signer = null)
        where T : struct, IMavlinkMessage<T>
    {
        int needed = MavlinkConstants.HeaderLengthV2 + T.MaxPayloadLength + MavlinkConstants.ChecksumLength + (signer is null ? 0 : MavlinkConstants.SignatureLength);
        if (destination.Length < needed)
        {
            ThrowTooShort(needed, destination.Length);
        }

        Span<byte> payload = destination.Slice(MavlinkConstants.HeaderLengthV2, T.MaxPayloadLength);
        message.Encode(payload);
        int payloadLength = payload.LastIndexOfAnyExcept((byte)0) + 1;
        if (payloadLength == 0)
        {
            payloadLength = 1;
        }

        uint id = T.MessageId;
        destination[0] = MavlinkConstants.MagicV2;
        destination[1] = (byte)payloadLength;
        destination[2] = signer is null ? (byte)0 : MavlinkConstants.IncompatFlagSigned;
        destination[3] = compatFlags;
        destination[4] = sequence;
        destination[5] = systemId;
        destination[6] = componentId;
        destination[7] = (byte)id;
        destination[8] = (byte)(id >> 8);
        destination[9] = (byte)(id >> 16);
        int crcOffset = MavlinkConstants.HeaderLengthV2 + payloadLength;
        ushort crc = MavlinkCrc.Accumulate(destination[1..crcOffset]);
        crc = MavlinkCrc.Accumulate(T.CrcExtra, crc);
        destination[crcOffset] = (byte)crc;
        destination[crcOffset + 1] = (byte)(crc >> 8);
        int length = crcOffset + MavlinkConstants.ChecksumLength;
        return signer is null ? length : signer.Sign(destination, length);
    }

    /// <summary>Encodes one MAVLink 1 frame. <paramref name="destination"/> must hold 8 + the untrimmed payload length.</summary>
    public static int EncodeV1<T>(in T message, Span<byte> destination, byte sequence, byte systemId, byte componentId)
        where T : struct, IMavlinkMessage<T>
    {
        if (T.MessageId > byte.MaxValue)
        {
            ThrowNotV1(T.MessageId);
        }

        int needed = MavlinkConstants.HeaderLengthV1 + T.MaxPayloadLength + MavlinkConstants.ChecksumLength;
        if (destination.Length < needed)
        {
            ThrowTooShort(needed, destination.Length);
        }

        message.Encode(destination.Slice(MavlinkConstants.HeaderLengthV1, T.MaxPayloadLength));
        int payloadLength = T.MinPayloadLength;
        destination[0] = MavlinkConstants.MagicV1;
        destination[1] = (byte)payloadLength;
        destination[2] = sequence;
        destination[3] = systemId;
        destination[4] = componentId;
        destination[5] = (byte)T.MessageId;
        int crcOffset = MavlinkConstants.HeaderLengthV1 + payloadLength;
        ushort crc = MavlinkCrc.Accumulate(destination[1..crcOffset]);
        crc = MavlinkCrc.Accumulate(T.CrcExtra, crc);
        destination[crcOffset] = (byte)crc;
        destination[crcOffset + 1] = (byte)(crc >> 8);
        return crcOffset + MavlinkConstants.ChecksumLength;
    }

    [DoesNotReturn]
    private static void ThrowTooShort(int needed, int actual) =>
        throw new ArgumentException($"destination holds {actual} bytes, the frame needs up to {needed}", "destination");

    [DoesNotReturn]
    private static void ThrowNotV1(uint id) =>
        throw new ArgumentException($"message id {id} does not fit MAVLink 1 (ids 0..255 only)", "message");
}
