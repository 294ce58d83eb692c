using System.Device.Spi;
using StrategicTech.Drivers.Sensors.Common;

namespace StrategicTech.Autopilot.Hal.Adapters;

/// <summary>
/// A receiver's SPI port read as a byte stream (u-blox: the host clocks bytes out, the receiver sends 0xFF when it has
/// nothing; the UBX parser skips 0xFF outside a frame). Each <see cref="Read"/> clocks one fixed-size chunk; bus
/// errors are counted and yield no bytes.
/// </summary>
public sealed class SpiStreamSource(SpiDevice spi, int chunkBytes = 64) : IByteSource, IDisposable
{
    private readonly SpiDevice _spi = spi ?? throw new ArgumentNullException(nameof(spi));
    private readonly byte[] _idle = CreateIdle(chunkBytes);
    private bool _readThisCall;

    public long BusErrors { get; private set; }

    public int Read(Span<byte> destination)
    {
        // The caller loops until 0: clock one chunk, then report "nothing more" so a tick costs one transfer.
        if (_readThisCall)
        {
            _readThisCall = false;
            return 0;
        }

        int n = Math.Min(destination.Length, _idle.Length);
        try
        {
            _spi.TransferFullDuplex(_idle.AsSpan(0, n), destination[..n]);
        }
        catch (IOException)
        {
            BusErrors++;
            return 0;
        }

        _readThisCall = true;
        return n;
    }

    public void Dispose() => _spi.Dispose();

    private static byte[] CreateIdle(int chunkBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkBytes, 1);
        var idle = new byte[chunkBytes];
        Array.Fill(idle, (byte)0xFF);
        return idle;
    }
}
