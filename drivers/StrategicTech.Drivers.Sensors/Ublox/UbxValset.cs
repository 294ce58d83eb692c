using System.Buffers.Binary;

namespace StrategicTech.Drivers.Sensors.Ublox;

/// <summary>Which configuration layers a CFG-VALSET writes (bit mask of its layers field).</summary>
[Flags]
public enum UbxConfigLayers : byte
{
    Ram = 0x01,
    BatteryBackedRam = 0x02,
    Flash = 0x04,
}

/// <summary>
/// Builds a UBX-CFG-VALSET (0x06 0x8A) frame in a caller buffer: version 0, layers, 2 reserved bytes, then
/// key (U4 LE) + value pairs whose value size comes from the key. The receiver answers ACK-ACK or ACK-NAK.
/// </summary>
public ref struct UbxValset
{
    private const int FramePayloadOffset = 6;
    private readonly Span<byte> _frame;
    private int _payloadLength;

    public UbxValset(Span<byte> frameBuffer, UbxConfigLayers layers)
    {
        if (frameBuffer.Length < UbxWriter.Overhead + 4)
        {
            throw new ArgumentException("buffer too small for a CFG-VALSET frame", nameof(frameBuffer));
        }

        _frame = frameBuffer;
        Span<byte> p = _frame[FramePayloadOffset..];
        p[0] = 0; // version
        p[1] = (byte)layers;
        p[2] = 0;
        p[3] = 0;
        _payloadLength = 4;
    }

    /// <summary>Appends one key/value; the value is truncated to the key's size (little-endian).</summary>
    public void Add(uint key, ulong value)
    {
        int size = UbxConfigKey.ValueSize(key);
        if (FramePayloadOffset + _payloadLength + 4 + size + 2 > _frame.Length)
        {
            throw new ArgumentException("CFG-VALSET buffer is full");
        }

        Span<byte> p = _frame[(FramePayloadOffset + _payloadLength)..];
        BinaryPrimitives.WriteUInt32LittleEndian(p, key);
        for (int i = 0; i < size; i++)
        {
            p[4 + i] = (byte)(value >> (8 * i));
        }

        _payloadLength += 4 + size;
    }

    /// <summary>Writes header and checksum; returns the frame length to send.</summary>
    public readonly int Finish()
    {
        Span<byte> payload = stackalloc byte[_payloadLength];
        _frame.Slice(FramePayloadOffset, _payloadLength).CopyTo(payload);
        return UbxWriter.WriteFrame(_frame, UbxMessageId.ClassCfg, UbxMessageId.CfgValset, payload);
    }
}
