using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;
using StrategicTech.Drivers.Rosbridge.Messages;

namespace StrategicTech.Drivers.Rosbridge.Codec;

/// <summary>Reads the non-finite float spellings peers use; writes non-finite values as the string names.</summary>
internal static class NonFinite
{
    public static bool TryRead(ref Utf8JsonReader reader, out double value)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                return reader.TryGetDouble(out value);
            case JsonTokenType.Null:
                value = double.NaN; // rosbridge peers that cannot spell NaN in JSON send null
                return true;
            case JsonTokenType.String:
                if (reader.ValueTextEquals("NaN"u8) || reader.ValueTextEquals("nan"u8))
                {
                    value = double.NaN;
                    return true;
                }

                if (reader.ValueTextEquals("Infinity"u8) || reader.ValueTextEquals("inf"u8))
                {
                    value = double.PositiveInfinity;
                    return true;
                }

                if (reader.ValueTextEquals("-Infinity"u8) || reader.ValueTextEquals("-inf"u8))
                {
                    value = double.NegativeInfinity;
                    return true;
                }

                break;
        }

        value = 0;
        return false;
    }

    public static void Write(Utf8JsonWriter writer, double value)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumberValue(value);
        }
        else
        {
            writer.WriteStringValue(double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
        }
    }

    public static void Write(Utf8JsonWriter writer, float value)
    {
        if (float.IsFinite(value))
        {
            writer.WriteNumberValue(value);
        }
        else
        {
            writer.WriteStringValue(float.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
        }
    }
}

/// <summary>float64 field.</summary>
public sealed class RosDoubleConverter : JsonConverter<double>
{
    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        NonFinite.TryRead(ref reader, out double v) ? v : throw new JsonException($"expected a number, got {reader.TokenType}");

    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options) => NonFinite.Write(writer, value);
}

/// <summary>float32 field.</summary>
public sealed class RosSingleConverter : JsonConverter<float>
{
    public override float Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        NonFinite.TryRead(ref reader, out double v) ? (float)v : throw new JsonException($"expected a number, got {reader.TokenType}");

    public override void Write(Utf8JsonWriter writer, float value, JsonSerializerOptions options) => NonFinite.Write(writer, value);
}

/// <summary>
/// uint8[]: base64 in JSON (rosbridge and ROSBRIDGE_PROTOCOL §4.6); a list of numbers 0..255 is accepted too, as
/// the spec allows clients to send either.
/// </summary>
public sealed class RosByteArrayConverter : JsonConverter<byte[]>
{
    public override byte[] Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetBytesFromBase64();
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException($"uint8[] must be base64 or a list, got {reader.TokenType}");
        }

        var buffer = new ArrayBufferWriter<byte>(64);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.Number || !reader.TryGetByte(out byte b))
            {
                throw new JsonException("uint8[] element is not a number in 0..255");
            }

            buffer.GetSpan(1)[0] = b;
            buffer.Advance(1);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public override void Write(Utf8JsonWriter writer, byte[] value, JsonSerializerOptions options) => writer.WriteBase64StringValue(value);
}

/// <summary>builtin_interfaces/Time as {sec, nanosec}; ROS 1's {secs, nsecs} is accepted on decode.</summary>
public sealed class RosTimeConverter : JsonConverter<RosTime>
{
    public override RosTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"time must be an object, got {reader.TokenType}");
        }

        long sec = 0, nanosec = 0;
        bool hasSec = false, hasNanosec = false;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            bool isSec = reader.ValueTextEquals("sec"u8) || reader.ValueTextEquals("secs"u8);
            bool isNanosec = reader.ValueTextEquals("nanosec"u8) || reader.ValueTextEquals("nsecs"u8);
            reader.Read();
            if (isSec || isNanosec)
            {
                if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out long v))
                {
                    throw new JsonException("time field is not an integer");
                }

                if (isSec)
                {
                    sec = v;
                    hasSec = true;
                }
                else
                {
                    nanosec = v;
                    hasNanosec = true;
                }
            }
            else
            {
                reader.Skip();
            }
        }

        if (!hasSec || !hasNanosec)
        {
            throw new JsonException(hasSec ? "time lacks 'nanosec'" : "time lacks 'sec'");
        }

        if (sec is < int.MinValue or > int.MaxValue || nanosec is < 0 or > uint.MaxValue)
        {
            throw new JsonException("time field out of range");
        }

        return new RosTime((int)sec, (uint)nanosec);
    }

    public override void Write(Utf8JsonWriter writer, RosTime value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteNumber("sec"u8, value.Sec);
        writer.WriteNumber("nanosec"u8, value.Nanosec);
        writer.WriteEndObject();
    }
}
