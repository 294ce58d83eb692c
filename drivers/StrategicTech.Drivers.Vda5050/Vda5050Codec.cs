using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using StrategicTech.Drivers.Vda5050.Messages;

namespace StrategicTech.Drivers.Vda5050;

/// <summary>
/// Encodes and decodes VDA 5050 messages. Decoding never throws: malformed JSON, a missing required field, a
/// wrong type, an unknown enum string or a header of another major version yield a VDA 5050 error object
/// (errorType <c>validationError</c>, level WARNING, references naming the topic and the header id when readable).
/// </summary>
public static class Vda5050Codec
{
    public const string ValidationErrorType = "validationError";

    public static byte[] Encode(Order message) => Encode(message, Vda5050JsonContext.Default.Order);

    public static byte[] Encode(InstantActions message) => Encode(message, Vda5050JsonContext.Default.InstantActions);

    public static byte[] Encode(State message) => Encode(message, Vda5050JsonContext.Default.State);

    /// <summary>A connection message in the layout of its <see cref="Vda5050Message.Version"/> (3.0 spells CONNECTION_BROKEN).</summary>
    public static byte[] Encode(Connection message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return IsV3(message.Version)
            ? Encode(ConnectionWireV3.From(message), Vda5050JsonContext.Default.ConnectionWireV3)
            : Encode(message, Vda5050JsonContext.Default.Connection);
    }

    public static byte[] Encode(Factsheet message) => Encode(message, Vda5050JsonContext.Default.Factsheet);

    public static byte[] Encode(FactsheetV3 message) => Encode(message, Vda5050JsonContext.Default.FactsheetV3);

    public static byte[] Encode(Visualization message) => Encode(message, Vda5050JsonContext.Default.Visualization);

    public static byte[] Encode(Vda5050Error error) => Encode(error, Vda5050JsonContext.Default.Vda5050Error);

    public static bool TryDecodeOrder(ReadOnlySpan<byte> json, string topic, string? expectedVersion, out Order? message, out Vda5050Error? error) =>
        TryDecode(json, topic, expectedVersion, Vda5050JsonContext.Default.Order, out message, out error);

    public static bool TryDecodeInstantActions(ReadOnlySpan<byte> json, string topic, string? expectedVersion, out InstantActions? message, out Vda5050Error? error) =>
        TryDecode(json, topic, expectedVersion, Vda5050JsonContext.Default.InstantActions, out message, out error);

    public static bool TryDecodeState(ReadOnlySpan<byte> json, string topic, string? expectedVersion, out State? message, out Vda5050Error? error) =>
        TryDecode(json, topic, expectedVersion, Vda5050JsonContext.Default.State, out message, out error);

    /// <summary>Decodes a connection message in the layout of <paramref name="expectedVersion"/> (2.x when null).</summary>
    public static bool TryDecodeConnection(ReadOnlySpan<byte> json, string topic, string? expectedVersion, out Connection? message, out Vda5050Error? error)
    {
        if (!IsV3(expectedVersion))
        {
            return TryDecode(json, topic, expectedVersion, Vda5050JsonContext.Default.Connection, out message, out error);
        }

        message = null;
        if (!TryDecode(json, topic, expectedVersion, Vda5050JsonContext.Default.ConnectionWireV3, out ConnectionWireV3? wire, out error))
        {
            return false;
        }

        if (!wire!.TryToConnection(out message))
        {
            error = Error(topic, wire.HeaderId.ToString(CultureInfo.InvariantCulture), $"{topic}: connectionState '{wire.ConnectionState}' is not one of ONLINE, OFFLINE, CONNECTION_BROKEN");
            return false;
        }

        return true;
    }

    public static bool TryDecodeFactsheet(ReadOnlySpan<byte> json, string topic, string? expectedVersion, out Factsheet? message, out Vda5050Error? error) =>
        TryDecode(json, topic, expectedVersion, Vda5050JsonContext.Default.Factsheet, out message, out error);

    public static bool TryDecodeFactsheetV3(ReadOnlySpan<byte> json, string topic, string? expectedVersion, out FactsheetV3? message, out Vda5050Error? error) =>
        TryDecode(json, topic, expectedVersion, Vda5050JsonContext.Default.FactsheetV3, out message, out error);

    /// <summary>True for a 3.x protocol version, whose messages use the 3.0 layout.</summary>
    public static bool IsV3(string? version) => version is not null && Major(version) == "3";

    public static bool TryDecodeVisualization(ReadOnlySpan<byte> json, string topic, string? expectedVersion, out Visualization? message, out Vda5050Error? error) =>
        TryDecode(json, topic, expectedVersion, Vda5050JsonContext.Default.Visualization, out message, out error);

    /// <summary>ISO 8601 UTC with milliseconds, as the standard's examples ("2017-04-15T11:40:03.12Z").</summary>
    public static string FormatTimestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static byte[] Encode<T>(T message, JsonTypeInfo<T> info) => JsonSerializer.SerializeToUtf8Bytes(message, info);

    private static bool TryDecode<T>(ReadOnlySpan<byte> json, string topic, string? expectedVersion, JsonTypeInfo<T> info, out T? message, out Vda5050Error? error)
        where T : Vda5050Message
    {
        message = default;
        error = null;
        T? decoded;
        try
        {
            decoded = JsonSerializer.Deserialize(json, info);
        }
        catch (JsonException e)
        {
            error = Error(topic, HeaderIdOf(json), $"{topic}: {e.Message}");
            return false;
        }

        if (decoded is null)
        {
            error = Error(topic, null, $"{topic}: the message is JSON null");
            return false;
        }

        if (expectedVersion is not null && Major(decoded.Version) != Major(expectedVersion))
        {
            error = Error(topic, decoded.HeaderId.ToString(CultureInfo.InvariantCulture), $"{topic}: version '{decoded.Version}', this connection speaks {expectedVersion}");
            return false;
        }

        message = decoded;
        return true;
    }

    private static string Major(string version)
    {
        int dot = version.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? version : version[..dot];
    }

    private static Vda5050Error Error(string topic, string? headerId, string description)
    {
        var references = new List<ErrorReference> { new() { ReferenceKey = "topic", ReferenceValue = topic } };
        if (headerId is not null)
        {
            references.Add(new ErrorReference { ReferenceKey = "headerId", ReferenceValue = headerId });
        }

        return new Vda5050Error
        {
            ErrorType = ValidationErrorType,
            ErrorLevel = ErrorLevel.Warning,
            ErrorReferences = references,
            ErrorDescription = description,
        };
    }

    /// <summary>The header id of a rejected message when its JSON is well-formed enough to find it.</summary>
    private static string? HeaderIdOf(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 64 });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool isHeader = reader.ValueTextEquals("headerId"u8);
                if (!reader.Read())
                {
                    return null;
                }

                if (isHeader)
                {
                    return reader.TokenType == JsonTokenType.Number && reader.TryGetUInt32(out uint id) ? id.ToString(CultureInfo.InvariantCulture) : null;
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
            return null;
        }

        return null;
    }
}
