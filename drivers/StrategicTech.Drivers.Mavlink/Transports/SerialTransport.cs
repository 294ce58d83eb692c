using System.IO.Ports;

namespace StrategicTech.Drivers.Mavlink.Transports;

/// <summary>A serial port (telemetry radio, flight controller UART): <c>serial:///dev/ttyUSB0:57600</c>, 8N1.</summary>
public sealed class SerialTransport : IMavlinkTransport
{
    private readonly SerialPort _port;
    private readonly CancellationTokenSource _stop = new();
    private Thread? _thread;

    public SerialTransport(MavlinkEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (endpoint.Kind != MavlinkEndpointKind.Serial)
        {
            throw new ArgumentException($"{endpoint} is not a serial endpoint", nameof(endpoint));
        }

        Name = endpoint.ToString();
        _port = new SerialPort(endpoint.Device, endpoint.BaudRate, Parity.None, 8, StopBits.One) { ReadTimeout = 500 };
        _port.Open();
    }

    public string Name { get; }

    public bool PreservesFrameBoundaries => false;

    public void Start(MavlinkBytesHandler received)
    {
        ArgumentNullException.ThrowIfNull(received);
        _thread = new Thread(() => ReadLoop(received)) { IsBackground = true, Name = "mavlink " + Name };
        _thread.Start();
    }

    public bool Send(ReadOnlySpan<byte> frames)
    {
        _port.BaseStream.Write(frames);
        return true;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _port.Dispose();
        _thread?.Join(TimeSpan.FromSeconds(2));
        _stop.Dispose();
    }

    private void ReadLoop(MavlinkBytesHandler received)
    {
        var buffer = new byte[4096];
        while (!_stop.IsCancellationRequested)
        {
            int count;
            try
            {
                count = _port.BaseStream.Read(buffer, 0, buffer.Length);
            }
            catch (TimeoutException)
            {
                continue;
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            if (count > 0)
            {
                received(this, 0, buffer.AsSpan(0, count));
            }
        }
    }
}
