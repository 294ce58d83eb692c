namespace StrategicTech.Drivers.Mavlink;

/// <summary>
/// A generated MAVLink message struct. Static members let generic code (frame writer, decoders) inline per
/// message type without boxing or virtual calls.
/// </summary>
public interface IMavlinkMessage<TSelf>
    where TSelf : struct, IMavlinkMessage<TSelf>
{
    static abstract uint MessageId { get; }

    static abstract string MessageName { get; }

    /// <summary>The CRC_EXTRA seed byte computed from the message's name and base fields.</summary>
    static abstract byte CrcExtra { get; }

    /// <summary>Payload bytes without extension fields (the MAVLink 1 payload length).</summary>
    static abstract int MinPayloadLength { get; }

    /// <summary>Payload bytes with every extension field.</summary>
    static abstract int MaxPayloadLength { get; }

    /// <summary>Decodes a received payload; shorter payloads (MAVLink 2 trimming, MAVLink 1) are zero-extended.</summary>
    static abstract TSelf Decode(ReadOnlySpan<byte> payload);

    /// <summary>Writes the untrimmed payload (<see cref="MaxPayloadLength"/> bytes).</summary>
    void Encode(Span<byte> payload);
}
