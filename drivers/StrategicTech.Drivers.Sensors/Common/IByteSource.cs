namespace StrategicTech.Drivers.Sensors.Common;

/// <summary>
/// A non-blocking byte stream for the serial protocols' parsers: returns what has arrived (up to the span's
/// length), 0 when nothing has. A UART is read by a background thread into a <see cref="ByteRing"/>; a
/// hardware-in-the-loop run writes simulated receiver output into one.
/// </summary>
public interface IByteSource
{
    int Read(Span<byte> destination);
}
