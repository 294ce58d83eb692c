using System.Buffers.Binary;
using System.Text;

namespace StrategicTech.Navigation.Logs;

/// <summary>
/// Writes ULog messages to a stream (the caller owns it). Meant for SITL logging and for building test files;
/// <see cref="WriteData"/> allocates nothing. Sizes are checked against the uint16 payload limit.
/// </summary>
public sealed class ULogWriter
{
    private const int FlagBitsAppendedOffsetsPosition = ULogLimits.HeaderBytes + ULogLimits.MessageHeaderBytes + 16;

    private readonly Stream _stream;
    private readonly byte[] _buffer = new byte[ULogLimits.MessageHeaderBytes + ULogLimits.MaxPayloadBytes];

    public ULogWriter(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
    }

    /// <summary>Bytes written so far (the offset where the next message starts, for a stream that started empty).</summary>
    public long Position => _stream.Position;

    public void WriteHeader(long startTimestampUs, byte version = 1)
    {
        Span<byte> header = stackalloc byte[ULogLimits.HeaderBytes];
        ULogReader.Magic.CopyTo(header);
        header[7] = version;
        BinaryPrimitives.WriteUInt64LittleEndian(header[8..], (ulong)startTimestampUs);
        _stream.Write(header);
    }

    /// <summary>Writes the flag bits message; it must directly follow the header.</summary>
    public void WriteFlagBits(ulong compatFlags, ulong incompatFlags, ReadOnlySpan<long> appendedOffsets = default)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(appendedOffsets.Length, 3, nameof(appendedOffsets));
        Span<byte> payload = stackalloc byte[40];
        payload.Clear();
        BinaryPrimitives.WriteUInt64LittleEndian(payload, compatFlags);
        BinaryPrimitives.WriteUInt64LittleEndian(payload[8..], incompatFlags);
        for (int i = 0; i < appendedOffsets.Length; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(payload[(16 + (8 * i))..], (ulong)appendedOffsets[i]);
        }

        WriteMessage(ULogMessageType.FlagBits, payload);
    }

    /// <summary>Back-patches appended_offsets[index] in the flag bits message (seekable streams only).</summary>
    public void PatchAppendedOffset(int index, long offset)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(index, 2);
        long here = _stream.Position;
        Span<byte> value = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(value, (ulong)offset);
        _stream.Position = FlagBitsAppendedOffsetsPosition + (8 * index);
        _stream.Write(value);
        _stream.Position = here;
    }

    /// <summary>Writes a format definition, e.g. "vehicle_odometry:uint64_t timestamp;float[3] position;".</summary>
    public void WriteFormat(string definition) => WriteMessage(ULogMessageType.Format, Utf8(definition));

    /// <summary>Writes an information message with a "type name" key and raw value bytes.</summary>
    public void WriteInfo(string key, ReadOnlySpan<byte> value) => WriteKeyValue(ULogMessageType.Info, [], key, value);

    /// <summary>Writes a string information message ("char[n] name").</summary>
    public void WriteInfo(string name, string text)
    {
        byte[] bytes = Utf8(text);
        WriteInfo($"char[{bytes.Length}] {name}", bytes);
    }

    public void WriteMultiInfo(string key, ReadOnlySpan<byte> value, bool isContinued) =>
        WriteKeyValue(ULogMessageType.MultiInfo, [isContinued ? (byte)1 : (byte)0], key, value);

    public void WriteParameter(string name, int value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, value);
        WriteKeyValue(ULogMessageType.Parameter, [], "int32_t " + name, bytes);
    }

    public void WriteParameter(string name, float value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteSingleLittleEndian(bytes, value);
        WriteKeyValue(ULogMessageType.Parameter, [], "float " + name, bytes);
    }

    public void WriteDefaultParameter(ULogDefaultTypes defaultTypes, string name, float value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteSingleLittleEndian(bytes, value);
        WriteKeyValue(ULogMessageType.DefaultParameter, [(byte)defaultTypes], "float " + name, bytes);
    }

    public void WriteAddSubscription(byte multiId, ushort msgId, string messageName)
    {
        byte[] name = Utf8(messageName);
        Span<byte> payload = _buffer.AsSpan(ULogLimits.MessageHeaderBytes, 3 + name.Length);
        payload[0] = multiId;
        BinaryPrimitives.WriteUInt16LittleEndian(payload[1..], msgId);
        name.CopyTo(payload[3..]);
        WriteBuffered(ULogMessageType.AddSubscription, payload.Length);
    }

    public void WriteRemoveSubscription(ushort msgId)
    {
        Span<byte> payload = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(payload, msgId);
        WriteMessage(ULogMessageType.RemoveSubscription, payload);
    }

    /// <summary>Writes one sample (packed per its format, starting with the uint64 timestamp). Allocation-free.</summary>
    public void WriteData(ushort msgId, ReadOnlySpan<byte> sample)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sample.Length, ULogLimits.MaxPayloadBytes - 2, nameof(sample));
        Span<byte> payload = _buffer.AsSpan(ULogLimits.MessageHeaderBytes, 2 + sample.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(payload, msgId);
        sample.CopyTo(payload[2..]);
        WriteBuffered(ULogMessageType.Data, payload.Length);
    }

    public void WriteLogging(ULogLogLevel level, long timestampUs, string text)
    {
        byte[] bytes = Utf8(text);
        Span<byte> payload = _buffer.AsSpan(ULogLimits.MessageHeaderBytes, 9 + bytes.Length);
        payload[0] = (byte)('0' + (int)level);
        BinaryPrimitives.WriteUInt64LittleEndian(payload[1..], (ulong)timestampUs);
        bytes.CopyTo(payload[9..]);
        WriteBuffered(ULogMessageType.Logging, payload.Length);
    }

    public void WriteLoggingTagged(ULogLogLevel level, ushort tag, long timestampUs, string text)
    {
        byte[] bytes = Utf8(text);
        Span<byte> payload = _buffer.AsSpan(ULogLimits.MessageHeaderBytes, 11 + bytes.Length);
        payload[0] = (byte)('0' + (int)level);
        BinaryPrimitives.WriteUInt16LittleEndian(payload[1..], tag);
        BinaryPrimitives.WriteUInt64LittleEndian(payload[3..], (ulong)timestampUs);
        bytes.CopyTo(payload[11..]);
        WriteBuffered(ULogMessageType.LoggingTagged, payload.Length);
    }

    public void WriteSync() => WriteMessage(ULogMessageType.Sync, ULogReader.SyncMagic);

    public void WriteDropout(ushort durationMs)
    {
        Span<byte> payload = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(payload, durationMs);
        WriteMessage(ULogMessageType.Dropout, payload);
    }

    /// <summary>Writes any message with a raw payload (also message types this writer has no helper for).</summary>
    public void WriteMessage(ULogMessageType type, ReadOnlySpan<byte> payload)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(payload.Length, ULogLimits.MaxPayloadBytes, nameof(payload));
        payload.CopyTo(_buffer.AsSpan(ULogLimits.MessageHeaderBytes));
        WriteBuffered(type, payload.Length);
    }

    private void WriteKeyValue(ULogMessageType type, ReadOnlySpan<byte> prefix, string key, ReadOnlySpan<byte> value)
    {
        byte[] keyBytes = Utf8(key);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(keyBytes.Length, byte.MaxValue, nameof(key));
        int length = prefix.Length + 1 + keyBytes.Length + value.Length;
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, ULogLimits.MaxPayloadBytes, nameof(value));
        Span<byte> payload = _buffer.AsSpan(ULogLimits.MessageHeaderBytes, length);
        prefix.CopyTo(payload);
        payload[prefix.Length] = (byte)keyBytes.Length;
        keyBytes.CopyTo(payload[(prefix.Length + 1)..]);
        value.CopyTo(payload[(prefix.Length + 1 + keyBytes.Length)..]);
        WriteBuffered(type, length);
    }

    private void WriteBuffered(ULogMessageType type, int payloadLength)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(payloadLength, ULogLimits.MaxPayloadBytes, nameof(payloadLength));
        BinaryPrimitives.WriteUInt16LittleEndian(_buffer, (ushort)payloadLength);
        _buffer[2] = (byte)type;
        _stream.Write(_buffer, 0, ULogLimits.MessageHeaderBytes + payloadLength);
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
