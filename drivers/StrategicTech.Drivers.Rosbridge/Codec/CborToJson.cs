using System.Buffers.Binary;
using System.Formats.Cbor;
using System.Text.Json;

namespace StrategicTech.Drivers.Rosbridge.Codec;

/// <summary>
/// Transcodes one rosbridge CBOR frame to the JSON it stands for, so both encodings meet one decoder: typed arrays
/// (RFC 8746 LE tags) become number lists, byte strings base64 (as uint8[] is in JSON), non-finite floats their
/// string names. Untrusted input: depth is bounded, map keys must be text, and any malformation throws
/// <see cref="CborContentException"/> or <see cref="InvalidOperationException"/> (the caller counts it).
/// </summary>
public static class CborToJson
{
    public const int MaxDepth = 32;

    public static void Transcode(ReadOnlyMemory<byte> cbor, Utf8JsonWriter json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var reader = new CborReader(cbor, CborConformanceMode.Lax);
        WriteItem(reader, json, 0);
        if (reader.BytesRemaining != 0)
        {
            throw new CborContentException($"{reader.BytesRemaining} trailing bytes after the CBOR item");
        }

        json.Flush();
    }

    /// <summary>
    /// CBOR major type 1 encodes -1 - n for any 64-bit n, beyond what <see cref="long"/> holds; such values are
    /// written as the nearest double rather than thrown on (a peer may send them, and they must not end the frame).
    /// </summary>
    private static void WriteNegativeInteger(Utf8JsonWriter json, ulong encoded)
    {
        if (encoded <= long.MaxValue)
        {
            json.WriteNumberValue(-1L - (long)encoded);
        }
        else
        {
            json.WriteNumberValue(-1.0 - encoded);
        }
    }

    private static void WriteItem(CborReader reader, Utf8JsonWriter json, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new CborContentException($"nesting deeper than {MaxDepth}");
        }

        switch (reader.PeekState())
        {
            case CborReaderState.UnsignedInteger:
                json.WriteNumberValue(reader.ReadUInt64());
                break;
            case CborReaderState.NegativeInteger:
                WriteNegativeInteger(json, reader.ReadCborNegativeIntegerRepresentation());
                break;
            case CborReaderState.HalfPrecisionFloat:
            case CborReaderState.SinglePrecisionFloat:
            case CborReaderState.DoublePrecisionFloat:
                WriteDouble(json, reader.ReadDouble());
                break;
            case CborReaderState.Boolean:
                json.WriteBooleanValue(reader.ReadBoolean());
                break;
            case CborReaderState.Null:
                reader.ReadNull();
                json.WriteNullValue();
                break;
            case CborReaderState.SimpleValue:
                reader.ReadSimpleValue();
                json.WriteNullValue();
                break;
            case CborReaderState.TextString:
            case CborReaderState.StartIndefiniteLengthTextString:
                json.WriteStringValue(reader.ReadTextString());
                break;
            case CborReaderState.ByteString:
            case CborReaderState.StartIndefiniteLengthByteString:
                json.WriteBase64StringValue(reader.ReadByteString());
                break;
            case CborReaderState.StartArray:
                reader.ReadStartArray();
                json.WriteStartArray();
                while (reader.PeekState() != CborReaderState.EndArray)
                {
                    WriteItem(reader, json, depth + 1);
                }

                reader.ReadEndArray();
                json.WriteEndArray();
                break;
            case CborReaderState.StartMap:
                reader.ReadStartMap();
                json.WriteStartObject();
                while (reader.PeekState() != CborReaderState.EndMap)
                {
                    if (reader.PeekState() != CborReaderState.TextString)
                    {
                        throw new CborContentException("map key is not a text string");
                    }

                    json.WritePropertyName(reader.ReadTextString());
                    WriteItem(reader, json, depth + 1);
                }

                reader.ReadEndMap();
                json.WriteEndObject();
                break;
            case CborReaderState.Tag:
                WriteTagged(reader, json, depth);
                break;
            default:
                throw new CborContentException($"unsupported CBOR item {reader.PeekState()}");
        }
    }

    private static void WriteTagged(CborReader reader, Utf8JsonWriter json, int depth)
    {
        ulong tag = (ulong)reader.ReadTag();
        int size = CborTypedArrayTags.ElementSize(tag);
        if (size == 0 || reader.PeekState() != CborReaderState.ByteString)
        {
            WriteItem(reader, json, depth + 1); // a tag we do not interpret: its content stands for it
            return;
        }

        byte[] bytes = reader.ReadByteString();
        if (tag == CborTypedArrayTags.Uint8)
        {
            json.WriteBase64StringValue(bytes);
            return;
        }

        if (bytes.Length % size != 0)
        {
            throw new CborContentException($"typed array tag {tag}: {bytes.Length} bytes is not a multiple of {size}");
        }

        ReadOnlySpan<byte> b = bytes;
        json.WriteStartArray();
        for (int i = 0; i < b.Length; i += size)
        {
            ReadOnlySpan<byte> e = b.Slice(i, size);
            switch (tag)
            {
                case CborTypedArrayTags.Int8: json.WriteNumberValue((sbyte)e[0]); break;
                case CborTypedArrayTags.Uint16Le: json.WriteNumberValue(BinaryPrimitives.ReadUInt16LittleEndian(e)); break;
                case CborTypedArrayTags.Int16Le: json.WriteNumberValue(BinaryPrimitives.ReadInt16LittleEndian(e)); break;
                case CborTypedArrayTags.Uint32Le: json.WriteNumberValue(BinaryPrimitives.ReadUInt32LittleEndian(e)); break;
                case CborTypedArrayTags.Int32Le: json.WriteNumberValue(BinaryPrimitives.ReadInt32LittleEndian(e)); break;
                case CborTypedArrayTags.Uint64Le: json.WriteNumberValue(BinaryPrimitives.ReadUInt64LittleEndian(e)); break;
                case CborTypedArrayTags.Int64Le: json.WriteNumberValue(BinaryPrimitives.ReadInt64LittleEndian(e)); break;
                case CborTypedArrayTags.Float32Le: WriteSingle(json, BinaryPrimitives.ReadSingleLittleEndian(e)); break;
                default: WriteDouble(json, BinaryPrimitives.ReadDoubleLittleEndian(e)); break;
            }
        }

        json.WriteEndArray();
    }

    private static void WriteDouble(Utf8JsonWriter json, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumberValue(value);
        }
        else
        {
            json.WriteStringValue(double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
        }
    }

    private static void WriteSingle(Utf8JsonWriter json, float value)
    {
        if (float.IsFinite(value))
        {
            json.WriteNumberValue(value);
        }
        else
        {
            json.WriteStringValue(float.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
        }
    }
}
