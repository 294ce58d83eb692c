using System.Buffers;
using System.Formats.Cbor;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using StrategicTech.Drivers.Rosbridge.Codec;
using StrategicTech.Drivers.Rosbridge.Codec.Cdr;

namespace StrategicTech.Drivers.Rosbridge.Protocol;

/// <summary>
/// One received rosbridge operation: the parsed JSON object (a CBOR frame is transcoded to JSON first) with typed
/// accessors. Field access never throws for a missing field; a present field of the wrong JSON type throws
/// <see cref="RosbridgeFrameException"/> naming it, which the receiver counts as a bad frame.
/// </summary>
public sealed class RosbridgeEnvelope : IDisposable
{
    private readonly JsonDocument _document;

    private RosbridgeEnvelope(JsonDocument document, string op, bool wasCbor)
    {
        _document = document;
        Op = op;
        WasCbor = wasCbor;
    }

    public string Op { get; }

    /// <summary>True when the frame arrived as CBOR (binary).</summary>
    public bool WasCbor { get; }

    public JsonElement Root => _document.RootElement;

    /// <summary>The <c>id</c> field as text (rosbridge allows a string or a number), or null.</summary>
    public string? Id => Root.TryGetProperty("id", out JsonElement id) ? id.ValueKind switch
    {
        JsonValueKind.String => id.GetString(),
        JsonValueKind.Number => id.GetRawText(),
        JsonValueKind.Null => null,
        _ => throw new RosbridgeFrameException(RosbridgeFrameError.WrongType, "field 'id' must be a string or a number"),
    } : null;

    /// <summary>Parses a text (JSON) frame.</summary>
    public static RosbridgeEnvelope ParseJson(ReadOnlyMemory<byte> utf8)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8, new JsonDocumentOptions { MaxDepth = CborToJson.MaxDepth + 8 });
        }
        catch (JsonException e)
        {
            throw new RosbridgeFrameException(RosbridgeFrameError.InvalidJson, "invalid JSON: " + e.Message);
        }

        return FromDocument(document, wasCbor: false);
    }

    /// <summary>Parses a binary (CBOR) frame.</summary>
    public static RosbridgeEnvelope ParseCbor(ReadOnlyMemory<byte> cbor)
    {
        var buffer = new ArrayBufferWriter<byte>(Math.Max(256, cbor.Length * 2));
        try
        {
            using (var writer = new Utf8JsonWriter(buffer))
            {
                CborToJson.Transcode(cbor, writer);
            }

            return FromDocument(JsonDocument.Parse(buffer.WrittenMemory), wasCbor: true);
        }
        catch (Exception e) when (e is CborContentException or InvalidOperationException or JsonException or FormatException or OverflowException)
        {
            throw new RosbridgeFrameException(RosbridgeFrameError.InvalidCbor, "invalid CBOR: " + e.Message);
        }
    }

    public string? GetString(string field)
    {
        if (!Root.TryGetProperty(field, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString()
            : throw new RosbridgeFrameException(RosbridgeFrameError.WrongType, $"field '{field}' must be a string");
    }

    public string RequireString(string field) =>
        GetString(field) ?? throw new RosbridgeFrameException(RosbridgeFrameError.WrongType, $"op '{Op}' lacks required field '{field}'");

    public int? GetInt32(string field)
    {
        if (!Root.TryGetProperty(field, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out double d) && d is >= int.MinValue and <= int.MaxValue)
        {
            return (int)Math.Round(d);
        }

        throw new RosbridgeFrameException(RosbridgeFrameError.WrongType, $"field '{field}' must be a number");
    }

    public bool? GetBoolean(string field)
    {
        if (!Root.TryGetProperty(field, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new RosbridgeFrameException(RosbridgeFrameError.WrongType, $"field '{field}' must be a boolean"),
        };
    }

    public bool TryGetElement(string field, out JsonElement element) => Root.TryGetProperty(field, out element);

    /// <summary>
    /// Decodes the message object in <paramref name="field"/> (msg, args, values) with its contract. A message lacking
    /// a field fails with <see cref="RosbridgeFrameError.MissingField"/> and "<c>type.path missing</c>"; a field of the
    /// wrong JSON type with <see cref="RosbridgeFrameError.WrongType"/> naming type and path.
    /// </summary>
    public T Decode<T>(string field, JsonTypeInfo<T> contract, string? typeName = null)
    {
        ArgumentNullException.ThrowIfNull(contract);
        if (!Root.TryGetProperty(field, out JsonElement element))
        {
            throw new RosbridgeFrameException(RosbridgeFrameError.WrongType, $"op '{Op}' lacks '{field}'");
        }

        try
        {
            // rosbridge's ROS 1 services take args as a list of field values; an empty list is an empty request.
            if (element.ValueKind == JsonValueKind.Array && element.GetArrayLength() == 0)
            {
                return JsonSerializer.Deserialize("{}"u8, contract)!;
            }

            return element.Deserialize(contract) ?? throw new JsonException("null message");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or NotSupportedException)
        {
            string name = typeName ?? typeof(T).Name;
            if (element.ValueKind == JsonValueKind.Object && RequiredFields.FindMissing(element, contract) is { } missing)
            {
                throw new RosbridgeFrameException(RosbridgeFrameError.MissingField, $"{name}.{missing} missing");
            }

            // The serializer's path ("$.pose.pose.position.x") names the offending field.
            string path = e is JsonException { Path: { Length: > 2 } jsonPath } && jsonPath.StartsWith("$.", StringComparison.Ordinal) ? "." + jsonPath[2..] : "";
            throw new RosbridgeFrameException(RosbridgeFrameError.WrongType, $"{name}{path} wrong type ('{field}' of op '{Op}'): {e.Message}");
        }
    }

    /// <summary>
    /// Decodes a cbor-raw message: <paramref name="field"/> is {secs, nsecs, bytes} with bytes the ROS 2 serialized
    /// message (the CBOR transcode holds the byte string as base64). Failures are <see cref="RosbridgeFrameError.InvalidCbor"/>.
    /// </summary>
    public T DecodeCdr<T>(string field, CdrCodec<T> codec)
    {
        ArgumentNullException.ThrowIfNull(codec);
        if (!Root.TryGetProperty(field, out JsonElement raw) || raw.ValueKind != JsonValueKind.Object
            || !raw.TryGetProperty("bytes", out JsonElement bytes) || !bytes.TryGetBytesFromBase64(out byte[]? serialized))
        {
            throw new RosbridgeFrameException(RosbridgeFrameError.InvalidCbor, $"cbor-raw '{field}' lacks a 'bytes' byte string");
        }

        try
        {
            return codec.Deserialize(serialized);
        }
        catch (CdrFormatException e)
        {
            throw new RosbridgeFrameException(RosbridgeFrameError.InvalidCbor, e.Message);
        }
    }

    public void Dispose() => _document.Dispose();

    private static RosbridgeEnvelope FromDocument(JsonDocument document, bool wasCbor)
    {
        JsonElement root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            throw new RosbridgeFrameException(RosbridgeFrameError.WrongType, "frame is not a JSON object");
        }

        if (!root.TryGetProperty("op", out JsonElement op) || op.ValueKind != JsonValueKind.String)
        {
            document.Dispose();
            throw new RosbridgeFrameException(RosbridgeFrameError.WrongType, "frame lacks a string 'op'");
        }

        return new RosbridgeEnvelope(document, op.GetString()!, wasCbor);
    }

    internal static string FormatId(long value) => value.ToString(CultureInfo.InvariantCulture);
}
