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

    /// <summary>An order in the layout of its <see cref="Vda5050Message.Version"/> (3.x: <see cref="OrderWireV3"/>).</summary>
    public static byte[] Encode(Order message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (IsV3(message.Version))
        {
            return Encode(OrderWireV3.From(message), Vda5050JsonContext.Default.OrderWireV3);
        }

        V2LayoutGuard.Check(message);
        return Encode(message, Vda5050JsonContext.Default.Order);
    }

    /// <summary>Instant actions in the layout of their version; 3.x allows blockingType NONE only.</summary>
    public static byte[] Encode(InstantActions message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (IsV3(message.Version))
        {
            if (message.Actions.Exists(a => a.BlockingType != BlockingType.None))
            {
                throw new ArgumentException("3.0 instant actions must have blockingType NONE", nameof(message));
            }

            return Encode(InstantActionsWireV3.From(message), Vda5050JsonContext.Default.InstantActionsWireV3);
        }

        V2LayoutGuard.Check(message);
        return Encode(message, Vda5050JsonContext.Default.InstantActions);
    }

    /// <summary>A state in the layout of its version (3.x: <see cref="StateWireV3"/>).</summary>
    public static byte[] Encode(State message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (IsV3(message.Version))
        {
            return Encode(StateWireV3.From(message), Vda5050JsonContext.Default.StateWireV3);
        }

        V2LayoutGuard.Check(message);
        return Encode(message, Vda5050JsonContext.Default.State);
    }

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

    /// <summary>A visualization in the layout of its version (3.x requires <see cref="Visualization.ReferenceStateHeaderId"/>).</summary>
    public static byte[] Encode(Visualization message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return IsV3(message.Version)
            ? Encode(VisualizationWireV3.From(message), Vda5050JsonContext.Default.VisualizationWireV3)
            : Encode(message, Vda5050JsonContext.Default.Visualization);
    }

    /// <summary>Responses exist in 3.x only.</summary>
    public static byte[] Encode(Responses message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return IsV3(message.Version)
            ? Encode(message, Vda5050JsonContext.Default.Responses)
            : throw new ArgumentException($"responses exist only in VDA 5050 3.0, not in {message.Version}", nameof(message));
    }

    public static bool TryDecodeResponses(ReadOnlySpan<byte> json, string topic, string? expectedVersion, out Responses? message, out Vda5050Error? error) =>
        TryDecode(json, topic, expectedVersion, Vda5050JsonContext.Default.Responses, out message, out error);

    /// <summary>A zone set exists in 3.x only; one that breaks a per-zone-type rule of the schema is refused.</summary>
    public static byte[] Encode(ZoneSet message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!IsV3(message.Version))
        {
            throw new ArgumentException($"zoneSet exists only in VDA 5050 3.0, not in {message.Version}", nameof(message));
        }

        string? problem = ZoneSetRules.Check(message.Definition, foreignMembersAllowed: false);
        return problem is null ? Encode(message, Vda5050JsonContext.Default.ZoneSet) : throw new ArgumentException(problem, nameof(message));
    }

    /// <summary>Decodes a zone set and checks the per-zone-type rules (a RELEASE zone without releaseLossBehavior is rejected).</summary>
    public static bool TryDecodeZoneSet(ReadOnlySpan<byte> json, string topic, string? expectedVersion, out ZoneSet? message, out Vda5050Error? error)
    {
        if (!TryDecode(json, topic, expectedVersion, Vda5050JsonContext.Default.ZoneSet, out message, out error))
        {
            return false;
        }

        if (ZoneSetRules.Check(message!.Definition, foreignMembersAllowed: true) is string problem)
        {
            error = Error(topic, message.HeaderId.ToString(CultureInfo.InvariantCulture), $"{topic}: {problem}");
            message = null;
            return false;
        }

        return true;
    }

    public static byte[] Encode(Vda5050Error error) => Encode(error, Vda5050JsonContext.Default.Vda5050Error);

    /// <summary>Decodes an order in the layout of <paramref name="expectedVersion"/> (2.x when null); on 3.x every edge must sit between two nodes.</summary>
    public static bool TryDecodeOrder(ReadOnlySpan<byte> json, string topic, string? expectedVersion, out Order? message, out Vda5050Error? error)
    {
        if (!IsV3(expectedVersion))
        {
            return TryDecode(json, topic, expectedVersion, Vda5050JsonContext.Default.Order, out message, out error);
        }

        message = null;
        if (!TryDecode(json, topic, expectedVersion, Vda5050JsonContext.Default.OrderWireV3, out OrderWireV3? wire, out error))
        {
            return false;
        }

        message = wire!.ToOrder(out string? problem);
        if (message is null)
        {
            error = Error(topic, wire.HeaderId.ToString(CultureInfo.InvariantCulture), $"{topic}: {problem}");
            return false;
        }

        return true;
    }

    /// <summary>Decodes instant actions in the layout of <paramref name="expectedVersion"/>; on 3.x a blockingType other than NONE is rejected.</summary>
    public static bool TryDecodeInstantActions(ReadOnlySpan<byte> json, string topic, string? expectedVersion, out InstantActions? message, out Vda5050Error? error)
    {
        if (!IsV3(expectedVersion))
        {
            return TryDecode(json, topic, expectedVersion, Vda5050JsonContext.Default.InstantActions, out message, out error);
        }

        message = null;
        if (!TryDecode(json, topic, expectedVersion, Vda5050JsonContext.Default.InstantActionsWireV3, out InstantActionsWireV3? wire, out error))
        {
            return false;
        }

        if (wire!.Actions.Exists(a => a.BlockingType != BlockingType.None))
        {
            error = Error(topic, wire.HeaderId.ToString(CultureInfo.InvariantCulture), $"{topic}: 3.0 instant actions must have blockingType NONE");
            return false;
        }

        message = wire.ToInstantActions();
        return true;
    }

    /// <summary>Decodes a state in the layout of <paramref name="expectedVersion"/> (2.x when null).</summary>
    public static bool TryDecodeState(ReadOnlySpan<byte> json, string topic, string? expectedVersion, out State? message, out Vda5050Error? error)
    {
        if (!IsV3(expectedVersion))
        {
            return TryDecode(json, topic, expectedVersion, Vda5050JsonContext.Default.State, out message, out error);
        }

        bool ok = TryDecode(json, topic, expectedVersion, Vda5050JsonContext.Default.StateWireV3, out StateWireV3? wire, out error);
        message = ok ? wire!.ToState() : null;
        return ok;
    }

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

    /// <summary>Decodes a visualization in the layout of <paramref name="expectedVersion"/> (2.x when null).</summary>
    public static bool TryDecodeVisualization(ReadOnlySpan<byte> json, string topic, string? expectedVersion, out Visualization? message, out Vda5050Error? error)
    {
        if (!IsV3(expectedVersion))
        {
            return TryDecode(json, topic, expectedVersion, Vda5050JsonContext.Default.Visualization, out message, out error);
        }

        bool ok = TryDecode(json, topic, expectedVersion, Vda5050JsonContext.Default.VisualizationWireV3, out VisualizationWireV3? wire, out error);
        message = ok ? wire!.ToVisualization() : null;
        return ok;
    }

    /// <summary>ISO 8601 UTC with milliseconds, as the standard's examples ("2017-04-15T11:40:03.12Z").</summary>
    public static string FormatTimestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static byte[] Encode<T>(T message, JsonTypeInfo<T> info) => JsonSerializer.SerializeToUtf8Bytes(message, info);

    private static bool TryDecode<T>(ReadOnlySpan<byte> json, string topic, string? expectedVersion, JsonTypeInfo<T> info, out T? message, out Vda5050Error? error)
        where T : Vda5050Message
    {
        message = default;
        error = null;

        // The version first: a message of another major version has another layout, and its error should say so.
        if (expectedVersion is not null && VersionOf(json) is string sent && Major(sent) != Major(expectedVersion))
        {
            error = Error(topic, HeaderIdOf(json), $"{topic}: version '{sent}', this connection speaks {expectedVersion}");
            return false;
        }

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
    private static string? HeaderIdOf(ReadOnlySpan<byte> json) => TopLevelMember(json, "headerId"u8, JsonTokenType.Number);

    /// <summary>The top-level version string when the JSON is well-formed enough to find it.</summary>
    private static string? VersionOf(ReadOnlySpan<byte> json) => TopLevelMember(json, "version"u8, JsonTokenType.String);

    /// <summary>A top-level number (as an unsigned integer) or string member, read without building a document.</summary>
    private static string? TopLevelMember(ReadOnlySpan<byte> json, ReadOnlySpan<byte> name, JsonTokenType kind)
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
                bool isWanted = reader.ValueTextEquals(name);
                if (!reader.Read())
                {
                    return null;
                }

                if (isWanted)
                {
                    if (reader.TokenType != kind)
                    {
                        return null;
                    }

                    return kind == JsonTokenType.String ? reader.GetString()
                        : reader.TryGetUInt32(out uint id) ? id.ToString(CultureInfo.InvariantCulture) : null;
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
