using System.Buffers.Text;
using System.Globalization;
using System.Text;
using StrategicTech.Drivers.Vda5050;
using StrategicTech.Drivers.Vda5050.Messages;

namespace StrategicTech.Sim.Fleet.RawMqtt;

/// <summary>
/// One robot's VDA 5050 state as a complete MQTT PUBLISH (QoS 0), encoded once by <see cref="Vda5050Codec"/>;
/// each send only patches the header id and the timestamp in place. Why: the robots' process of the fleet
/// benchmark must publish thousands of states a second on a fraction of a core, so no per-state JSON encoding
/// and no allocation. The header id keeps a fixed 10-character field, right-aligned after spaces (JSON allows
/// whitespace before a value), the timestamp a fixed 24-character ISO 8601 UTC field as the codec writes it.
/// </summary>
public sealed class StatePublishTemplate
{
    public const int TimestampLength = 24; // yyyy-MM-ddTHH:mm:ss.fffZ
    private const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
    private const int HeaderIdLength = 10; // digits of uint.MaxValue
    private static readonly byte[] TimestampPlaceholder = "\"2000-01-01T00:00:00.000Z\""u8.ToArray();
    private static readonly byte[] HeaderIdPlaceholder = "\"headerId\":4294967295"u8.ToArray();
    private readonly byte[] _packet;
    private readonly int _headerIdAt;
    private readonly int _timestampAt;
    private readonly int _payloadLength;

    /// <param name="state">The state to send (its header fields are overwritten by placeholders here).</param>
    public StatePublishTemplate(string topic, State state)
    {
        ArgumentNullException.ThrowIfNull(state);
        state.HeaderId = uint.MaxValue;
        state.Timestamp = "2000-01-01T00:00:00.000Z";
        byte[] payload = Vda5050Codec.Encode(state);
        _packet = MqttWire.Publish(topic, payload, qos: 0, retain: false);
        _payloadLength = payload.Length;
        int payloadAt = _packet.Length - payload.Length;
        _headerIdAt = payloadAt + Find(payload, HeaderIdPlaceholder) + HeaderIdPlaceholder.Length - HeaderIdLength;
        _timestampAt = payloadAt + Find(payload, TimestampPlaceholder) + 1;
        PatchHeaderId(0);
    }

    /// <summary>The PUBLISH packet as last patched.</summary>
    public ReadOnlySpan<byte> Packet => _packet;

    /// <summary>The JSON payload as last patched.</summary>
    public ReadOnlySpan<byte> Payload => _packet.AsSpan(_packet.Length - _payloadLength);

    /// <summary>Writes a VDA 5050 timestamp (UTC, milliseconds) into 24 bytes, without allocating.</summary>
    public static void FormatTimestamp(DateTime utc, Span<byte> destination)
    {
        if (!utc.TryFormat(destination, out int written, TimestampFormat, CultureInfo.InvariantCulture) || written != TimestampLength)
        {
            throw new ArgumentException("the destination must hold 24 bytes", nameof(destination));
        }
    }

    /// <summary>Patches header id and timestamp (24 bytes from <see cref="FormatTimestamp"/>).</summary>
    public void Patch(uint headerId, ReadOnlySpan<byte> timestamp)
    {
        PatchHeaderId(headerId);
        timestamp[..TimestampLength].CopyTo(_packet.AsSpan(_timestampAt, TimestampLength));
    }

    private void PatchHeaderId(uint headerId)
    {
        Span<byte> field = _packet.AsSpan(_headerIdAt, HeaderIdLength);
        Span<byte> digits = stackalloc byte[HeaderIdLength];
        Utf8Formatter.TryFormat(headerId, digits, out int n);
        field[..(HeaderIdLength - n)].Fill((byte)' ');
        digits[..n].CopyTo(field[(HeaderIdLength - n)..]);
    }

    private static int Find(byte[] payload, byte[] placeholder)
    {
        int at = payload.AsSpan().IndexOf(placeholder);
        return at >= 0 ? at : throw new InvalidOperationException($"the encoded state lacks {Encoding.UTF8.GetString(placeholder)}");
    }
}
