using System.Text;

namespace StrategicTech.Sim.Fleet.RawMqtt;

/// <summary>
/// The few MQTT 3.1.1 control packets a VDA 5050 AGV needs (OASIS MQTT 3.1.1, section 3): CONNECT with a will,
/// SUBSCRIBE, PUBLISH, PINGREQ, DISCONNECT, and the fixed header's remaining-length encoding. Built once per
/// connection at start-up; the publisher then only patches digits inside a built PUBLISH.
/// </summary>
public static class MqttWire
{
    public const byte ConnAck = 0x20;
    public const byte PubAck = 0x40;
    public const byte SubAck = 0x90;
    public const byte PingResp = 0xD0;

    /// <summary>Largest remaining length MQTT can encode (four length bytes).</summary>
    public const int MaxRemainingLength = 268_435_455;

    public static ReadOnlySpan<byte> PingReq => [0xC0, 0x00];

    public static ReadOnlySpan<byte> Disconnect => [0xE0, 0x00];

    /// <summary>CONNECT, protocol level 4, clean session, a QoS 1 retained will.</summary>
    public static byte[] Connect(string clientId, ushort keepAliveS, string willTopic, ReadOnlySpan<byte> willPayload)
    {
        var body = new List<byte>();
        AddString(body, "MQTT");
        body.Add(4); // protocol level 3.1.1
        body.Add(0x02 | 0x04 | (1 << 3) | 0x20); // clean session, will, will QoS 1, will retain
        body.Add((byte)(keepAliveS >> 8));
        body.Add((byte)keepAliveS);
        AddString(body, clientId);
        AddString(body, willTopic);
        AddBinary(body, willPayload);
        return Packet(0x10, body);
    }

    /// <summary>SUBSCRIBE with packet id <paramref name="packetId"/>, every filter at QoS 0.</summary>
    public static byte[] Subscribe(ushort packetId, params ReadOnlySpan<string> filters)
    {
        var body = new List<byte> { (byte)(packetId >> 8), (byte)packetId };
        foreach (string f in filters)
        {
            AddString(body, f);
            body.Add(0);
        }

        return Packet(0x82, body); // SUBSCRIBE's fixed-header flags are 0010 (3.8.1)
    }

    /// <summary>PUBLISH; a packet id only for QoS above 0.</summary>
    public static byte[] Publish(string topic, ReadOnlySpan<byte> payload, int qos, bool retain, ushort packetId = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(qos is 0 or 1, true, nameof(qos));
        var body = new List<byte>(payload.Length + topic.Length + 4);
        AddString(body, topic);
        if (qos > 0)
        {
            body.Add((byte)(packetId >> 8));
            body.Add((byte)packetId);
        }

        body.AddRange(payload);
        return Packet((byte)(0x30 | (qos << 1) | (retain ? 1 : 0)), body);
    }

    /// <summary>Writes the remaining-length bytes (7 bits each, low first, high bit = more); returns how many.</summary>
    public static int WriteRemainingLength(Span<byte> destination, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, MaxRemainingLength);
        int i = 0;
        do
        {
            byte b = (byte)(length % 128);
            length /= 128;
            destination[i++] = length > 0 ? (byte)(b | 0x80) : b;
        }
        while (length > 0);
        return i;
    }

    private static byte[] Packet(byte first, List<byte> body)
    {
        Span<byte> length = stackalloc byte[4];
        int n = WriteRemainingLength(length, body.Count);
        var packet = new byte[1 + n + body.Count];
        packet[0] = first;
        length[..n].CopyTo(packet.AsSpan(1));
        body.CopyTo(packet, 1 + n);
        return packet;
    }

    private static void AddString(List<byte> body, string s) => AddBinary(body, Encoding.UTF8.GetBytes(s));

    private static void AddBinary(List<byte> body, ReadOnlySpan<byte> bytes)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bytes.Length, ushort.MaxValue, nameof(bytes));
        body.Add((byte)(bytes.Length >> 8));
        body.Add((byte)bytes.Length);
        body.AddRange(bytes);
    }
}
