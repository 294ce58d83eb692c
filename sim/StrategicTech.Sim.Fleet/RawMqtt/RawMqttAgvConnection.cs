using System.Net.Sockets;
using StrategicTech.Drivers.Vda5050;
using StrategicTech.Drivers.Vda5050.Messages;

namespace StrategicTech.Sim.Fleet.RawMqtt;

/// <summary>
/// One simulated AGV's MQTT connection on a plain socket, as a VDA 5050 AGV opens it: CONNECT with the will
/// <c>connection = CONNECTIONBROKEN</c> (QoS 1, retained), SUBSCRIBE to its <c>order</c> and <c>instantActions</c>,
/// <c>connection = ONLINE</c> (QoS 1, retained); then QoS 0 states from a <see cref="StatePublishTemplate"/>.
/// The handshake blocks (start-up); sending a state allocates nothing. Incoming packets after the handshake
/// (orders, PINGRESP) are read and discarded by <see cref="Drain"/>: this robot stands idle.
/// </summary>
public sealed class RawMqttAgvConnection : IDisposable
{
    public const ushort KeepAliveS = 60;
    private static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(60);
    private readonly Socket _socket;
    private readonly StatePublishTemplate _state;
    private readonly string _connectionTopic;
    private readonly string _manufacturer;
    private readonly string _serialNumber;
    private readonly string _protocolVersion;
    private uint _nextHeaderId;
    private uint _nextConnectionHeaderId;
    private long _lastSendTimestamp;
    private long _receivedBytes;

    private RawMqttAgvConnection(Socket socket, Vda5050ClientOptions options)
    {
        _socket = socket;
        _manufacturer = options.Manufacturer;
        _serialNumber = options.SerialNumber;
        _protocolVersion = options.ProtocolVersion;
        _connectionTopic = Topic(options, Vda5050Topics.Connection);
        State idle = StateLoad.IdleState();
        idle.Version = options.ProtocolVersion;
        idle.Manufacturer = options.Manufacturer;
        idle.SerialNumber = options.SerialNumber;
        _state = new StatePublishTemplate(Topic(options, Vda5050Topics.State), idle);
    }

    /// <summary>False once the socket failed or the broker closed it.</summary>
    public bool Connected { get; private set; } = true;

    /// <summary>Bytes the broker sent after the handshake (orders and instant actions to this robot, PINGRESP), read and discarded.</summary>
    public long ReceivedBytes => Interlocked.Read(ref _receivedBytes);

    /// <summary>Connects and completes the AGV's handshake (CONNACK, SUBACK and the ONLINE message's PUBACK awaited).</summary>
    public static RawMqttAgvConnection Open(Vda5050ClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, ReceiveTimeout = (int)HandshakeTimeout.TotalMilliseconds, SendTimeout = (int)HandshakeTimeout.TotalMilliseconds };
        try
        {
            socket.Connect(options.BrokerHost, options.BrokerPort);
            var c = new RawMqttAgvConnection(socket, options);
            c.Handshake(options);
            return c;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Sends the next state stamped with <paramref name="timestamp"/> (24 bytes); false when the connection is down.</summary>
    public bool SendState(ReadOnlySpan<byte> timestamp, long nowTimestamp)
    {
        if (!Connected)
        {
            return false;
        }

        _state.Patch(_nextHeaderId++, timestamp);
        return Send(_state.Packet, nowTimestamp);
    }

    /// <summary>Reads and discards what the broker sent; sends PINGREQ when nothing went out for half the keep-alive. Notices a closed connection.</summary>
    public void Drain(Span<byte> scratch, long nowTimestamp, long keepAliveHalfTicks)
    {
        if (!Connected)
        {
            return;
        }

        int available = _socket.Available;
        if (available == 0 && _socket.Poll(0, SelectMode.SelectRead))
        {
            Connected = false; // readable with nothing to read: the broker closed the connection
            return;
        }

        while (available > 0)
        {
            int n = _socket.Receive(scratch, SocketFlags.None, out SocketError error);
            if (error != SocketError.Success || n == 0)
            {
                Connected = false;
                return;
            }

            available -= n;
            Interlocked.Add(ref _receivedBytes, n);
        }

        if (nowTimestamp - _lastSendTimestamp > keepAliveHalfTicks)
        {
            Send(MqttWire.PingReq, nowTimestamp);
        }
    }

    /// <summary>Announces OFFLINE (QoS 1, retained) and disconnects cleanly, so the broker does not publish the will.</summary>
    public void Close()
    {
        if (Connected)
        {
            byte[] offline = MqttWire.Publish(_connectionTopic, ConnectionPayload(ConnectionState.Offline), qos: 1, retain: true, packetId: 3);
            if (Send(offline, 0))
            {
                Send(MqttWire.Disconnect, 0);
            }
        }

        Connected = false;
    }

    /// <summary>Drops the connection without DISCONNECT, as a robot that loses power: the broker publishes the will.</summary>
    public void Abort()
    {
        _socket.Shutdown(SocketShutdown.Both); // the socket object stays valid for the publishing thread: its next send fails
    }

    public void Dispose()
    {
        Close();
        _socket.Dispose();
    }

    private void Handshake(Vda5050ClientOptions options)
    {
        byte[] connect = MqttWire.Connect($"{options.Manufacturer}-{options.SerialNumber}", KeepAliveS, _connectionTopic, ConnectionPayload(ConnectionState.ConnectionBroken));
        _socket.Send(connect);
        Expect(MqttWire.ConnAck, body => body.Length == 2 && body[1] == 0, "CONNACK refused");
        _socket.Send(MqttWire.Subscribe(1, Topic(options, Vda5050Topics.Order), Topic(options, Vda5050Topics.InstantActions)));
        Expect(MqttWire.SubAck, body => body.Length == 4 && body[0] == 0 && body[1] == 1 && body[2] == 0 && body[3] == 0, "SUBACK refused a filter");
        _socket.Send(MqttWire.Publish(_connectionTopic, ConnectionPayload(ConnectionState.Online), qos: 1, retain: true, packetId: 2));
        Expect(MqttWire.PubAck, body => body.Length == 2 && body[0] == 0 && body[1] == 2, "PUBACK of another packet");
        _socket.ReceiveTimeout = 0;
        _socket.SendTimeout = (int)HandshakeTimeout.TotalMilliseconds; // a broker that stops reading for this long fails the robot, not the load
    }

    private byte[] ConnectionPayload(ConnectionState state) => Vda5050Codec.Encode(new Connection
    {
        HeaderId = _nextConnectionHeaderId++,
        Timestamp = Vda5050Codec.FormatTimestamp(DateTimeOffset.UtcNow),
        Version = _protocolVersion,
        Manufacturer = _manufacturer,
        SerialNumber = _serialNumber,
        ConnectionState = state,
    });

    private bool Send(ReadOnlySpan<byte> packet, long nowTimestamp)
    {
        while (!packet.IsEmpty)
        {
            int n = _socket.Send(packet, SocketFlags.None, out SocketError error);
            if (error != SocketError.Success)
            {
                Connected = false;
                return false;
            }

            packet = packet[n..];
        }

        _lastSendTimestamp = nowTimestamp;
        return true;
    }

    /// <summary>
    /// Reads packets of the handshake until one that is not a PUBLISH (an order or instant action the master may
    /// already send, discarded: this robot stands idle); it must be of <paramref name="type"/> with a body
    /// <paramref name="valid"/> accepts.
    /// </summary>
    private void Expect(byte type, Func<byte[], bool> valid, string refusal)
    {
        const int MaxSkippedBytes = 1 << 20;
        while (true)
        {
            byte first = ReadByte();
            int length = ReadRemainingLength();
            if ((first & 0xF0) == 0x30)
            {
                if (length > MaxSkippedBytes)
                {
                    throw new InvalidDataException($"MQTT handshake of {_serialNumber}: a PUBLISH of {length} bytes");
                }

                ReadBody(length);
                continue;
            }

            if (length > 64)
            {
                throw new InvalidDataException($"MQTT handshake of {_serialNumber}: packet 0x{first:X2} of {length} bytes (expected 0x{type:X2})");
            }

            byte[] body = ReadBody(length);
            if ((first & 0xF0) != type || !valid(body))
            {
                throw new InvalidDataException($"MQTT handshake of {_serialNumber}: {((first & 0xF0) != type ? $"packet 0x{first:X2} instead of 0x{type:X2}" : refusal)}");
            }

            return;
        }
    }

    private int ReadRemainingLength()
    {
        int length = 0;
        for (int shift = 0; ; shift += 7)
        {
            byte b = ReadByte();
            length |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return length;
            }

            if (shift >= 21)
            {
                throw new InvalidDataException($"MQTT handshake of {_serialNumber}: remaining length longer than four bytes");
            }
        }
    }

    private byte[] ReadBody(int length)
    {
        var body = new byte[length];
        for (int read = 0; read < length;)
        {
            int n = _socket.Receive(body, read, length - read, SocketFlags.None);
            read += n > 0 ? n : throw new IOException("the broker closed the connection during the handshake");
        }

        return body;
    }

    private byte ReadByte()
    {
        Span<byte> one = stackalloc byte[1];
        return _socket.Receive(one) == 1 ? one[0] : throw new IOException("the broker closed the connection during the handshake");
    }

    private static string Topic(Vda5050ClientOptions o, string topic) => Vda5050Topics.For(o.InterfaceName, o.ProtocolVersion, o.Manufacturer, o.SerialNumber, topic);
}
