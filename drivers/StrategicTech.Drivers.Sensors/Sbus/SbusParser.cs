using StrategicTech.Drivers.Sensors.Common;

namespace StrategicTech.Drivers.Sensors.Sbus;

/// <summary>
/// Futaba SBUS decoder. Line: 100 000 baud, 8 data bits, even parity, 2 stop bits, inverted (the inversion is done
/// by the UART or an inverter; this class sees plain bytes). Frame: 25 bytes = header 0x0F, 22 bytes of sixteen
/// 11-bit channels, a flags byte (bit0 ch17, bit1 ch18, bit2 frame lost, bit3 failsafe) and footer 0x00 (SBUS2
/// telemetry slots use 0x04/0x14/0x24/0x34). SBUS has no checksum, so framing is checked by header and footer; a
/// bad frame is counted and the parser re-synchronizes on the next 0x0F inside the bytes it already holds.
/// </summary>
public sealed class SbusParser
{
    public const int FrameLength = 25;
    public const byte Header = 0x0F;

    private readonly byte[] _frame = new byte[FrameLength];
    private int _length;
    private RcInput _latest;
    private bool _hasNew;

    public long Frames { get; private set; }
    public long FramingErrors { get; private set; }
    public long LostFrames { get; private set; }
    public long FailsafeFrames { get; private set; }

    /// <summary>Consumes bytes; returns the number of frames completed.</summary>
    public int Feed(ReadOnlySpan<byte> bytes, long timeUs)
    {
        int frames = 0;
        foreach (byte b in bytes)
        {
            if (Push(b, timeUs))
            {
                frames++;
            }
        }

        return frames;
    }

    /// <summary>Consumes one byte; true when it completed a well-framed frame.</summary>
    public bool Push(byte b, long timeUs)
    {
        if (_length == 0 && b != Header)
        {
            return false;
        }

        _frame[_length++] = b;
        if (_length < FrameLength)
        {
            return false;
        }

        if (!IsFooter(_frame[FrameLength - 1]))
        {
            FramingErrors++;
            Resynchronize();
            return false;
        }

        _length = 0;
        TryDecode(_frame, timeUs, out _latest);
        Frames++;
        if (_latest.FrameLost)
        {
            LostFrames++;
        }

        if (_latest.Failsafe)
        {
            FailsafeFrames++;
        }

        _hasNew = true;
        return true;
    }

    /// <summary>The newest frame, once.</summary>
    public bool TryReadInput(out RcInput input)
    {
        input = _latest;
        if (!_hasNew)
        {
            return false;
        }

        _hasNew = false;
        return true;
    }

    /// <summary>Decodes one 25-byte frame; false when header or footer is wrong.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> frame, long timeUs, out RcInput input)
    {
        input = default;
        if (frame.Length < FrameLength || frame[0] != Header || !IsFooter(frame[FrameLength - 1]))
        {
            return false;
        }

        input.TimeUs = timeUs;
        input.ChannelCount = RcChannels.Count;
        Bits11.Unpack(frame.Slice(1, Bits11.PackedBytes), ref input.ChannelsUs);
        byte flags = frame[23];
        input.Digital17 = (flags & 0x01) != 0;
        input.Digital18 = (flags & 0x02) != 0;
        input.FrameLost = (flags & 0x04) != 0;
        input.Failsafe = (flags & 0x08) != 0;
        return true;
    }

    private static bool IsFooter(byte b) => b == 0x00 || (b & 0xCF) == 0x04;

    /// <summary>Keeps the bytes after the next header candidate so a frame that began inside the bad one is not lost.</summary>
    private void Resynchronize()
    {
        int next = Array.IndexOf(_frame, Header, 1);
        if (next < 0)
        {
            _length = 0;
            return;
        }

        _length = FrameLength - next;
        Array.Copy(_frame, next, _frame, 0, _length);
    }
}
