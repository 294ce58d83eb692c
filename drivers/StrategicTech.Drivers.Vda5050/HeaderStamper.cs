using System.Collections.Concurrent;
using StrategicTech.Drivers.Vda5050.Messages;

namespace StrategicTech.Drivers.Vda5050;

/// <summary>
/// Fills a message's header before it is sent: header id counting up from 0 per MQTT topic (the standard asks for
/// one counter per topic), timestamp from the injected time provider, the connection's protocol version.
/// </summary>
internal sealed class HeaderStamper(string protocolVersion, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, StrongBox> _next = new(StringComparer.Ordinal);

    public void Stamp(Vda5050Message message, string mqttTopic, string manufacturer, string serialNumber)
    {
        StrongBox counter = _next.GetOrAdd(mqttTopic, _ => new StrongBox());
        message.HeaderId = (uint)(Interlocked.Increment(ref counter.Value) - 1);
        message.Timestamp = Vda5050Codec.FormatTimestamp(time.GetUtcNow());
        message.Version = protocolVersion;
        message.Manufacturer = manufacturer;
        message.SerialNumber = serialNumber;
    }

    private sealed class StrongBox
    {
        public long Value;
    }
}
