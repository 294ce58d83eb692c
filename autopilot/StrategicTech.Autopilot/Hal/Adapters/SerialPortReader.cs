using StrategicTech.Drivers.Sensors.Common;

namespace StrategicTech.Autopilot.Hal.Adapters;

/// <summary>
/// A serial port (a tty opened as a file) read by its own background thread into a <see cref="ByteRing"/>, so the
/// loop takes bytes without blocking. Opening throws when the port does not exist or cannot be opened.
/// </summary>
public sealed class SerialPortReader : IByteSource, IDisposable
{
    private readonly FileStream _port;
    private readonly ByteRing _ring = new(16 * 1024);
    private readonly Thread _reader;
    private volatile bool _stopping;

    public SerialPortReader(string devicePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(devicePath);
        _port = new FileStream(devicePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.None);
        _reader = new Thread(ReadLoop) { IsBackground = true, Name = "serial " + devicePath };
        _reader.Start();
    }

    /// <summary>Read errors on the port (the thread stops at the first).</summary>
    public long ReadErrors { get; private set; }

    public long DroppedBytes => _ring.DroppedBytes;

    public int Read(Span<byte> destination) => _ring.Read(destination);

    public void Dispose()
    {
        _stopping = true;
        _port.Dispose();
    }

    private void ReadLoop()
    {
        var buffer = new byte[1024];
        while (!_stopping)
        {
            int n;
            try
            {
                n = _port.Read(buffer, 0, buffer.Length);
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException)
            {
                ReadErrors += _stopping ? 0 : 1;
                return;
            }

            if (n <= 0)
            {
                Thread.Sleep(1);
                continue;
            }

            _ring.Write(buffer.AsSpan(0, n));
        }
    }
}
