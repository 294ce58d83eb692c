using StrategicTech.Drivers.Sensors.Common;

namespace StrategicTech.Drivers.Sensors.Crsf;

/// <summary>
/// TBS Crossfire (CRSF) receiver protocol, 420 000 baud 8N1: <c>address length type payload crc</c>, where length
/// counts type + payload + crc and the CRC-8/DVB-S2 covers type + payload. Decodes RC_CHANNELS_PACKED (0x16,
/// sixteen 11-bit channels in 22 bytes) and LINK_STATISTICS (0x14); other types are counted. Bad CRCs and
/// impossible lengths are counted and skipped. Allocation-free.
/// </summary>
public sealed class CrsfParser
{
    private readonly byte[] _frame = new byte[CrsfFrameType.MaxFrameLength];
    private int _length;
    private int _expected;
    private RcInput _latest;
    private bool _hasNew;
    private CrsfLinkStatistics _link;
    private bool _hasNewLink;

    public long Frames { get; private set; }
    public long CrcErrors { get; private set; }
    public long LengthErrors { get; private set; }
    public long OtherFrames { get; private set; }

    public int Feed(ReadOnlySpan<byte> bytes, long timeUs)
    {
        int channelFrames = 0;
        foreach (byte b in bytes)
        {
            if (Push(b, timeUs))
            {
                channelFrames++;
            }
        }

        return channelFrames;
    }

    /// <summary>Consumes one byte; true when it completed an RC channels frame.</summary>
    public bool Push(byte b, long timeUs)
    {
        if (_length == 0)
        {
            if (b is CrsfFrameType.AddressFlightController or CrsfFrameType.AddressRadioTransmitter
                or CrsfFrameType.AddressReceiver or CrsfFrameType.AddressTransmitterModule)
            {
                _frame[_length++] = b;
            }

            return false;
        }

        if (_length == 1)
        {
            if (b < 2 || b > CrsfFrameType.MaxFrameLength - 2)
            {
                LengthErrors++;
                _length = 0;
                return false;
            }

            _expected = b + 2;
            _frame[_length++] = b;
            return false;
        }

        _frame[_length++] = b;
        if (_length < _expected)
        {
            return false;
        }

        _length = 0;
        ReadOnlySpan<byte> typeAndPayload = _frame.AsSpan(2, _expected - 3);
        if (Crc8DvbS2.Compute(typeAndPayload) != _frame[_expected - 1])
        {
            CrcErrors++;
            return false;
        }

        Frames++;
        return Dispatch(typeAndPayload[0], typeAndPayload[1..], timeUs);
    }

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

    public bool TryReadLinkStatistics(out CrsfLinkStatistics link)
    {
        link = _link;
        if (!_hasNewLink)
        {
            return false;
        }

        _hasNewLink = false;
        return true;
    }

    private bool Dispatch(byte type, ReadOnlySpan<byte> payload, long timeUs)
    {
        if (type == CrsfFrameType.RcChannelsPacked && payload.Length == Bits11.PackedBytes)
        {
            _latest = default;
            _latest.TimeUs = timeUs;
            _latest.ChannelCount = RcChannels.Count;
            Bits11.Unpack(payload, ref _latest.ChannelsUs);
            _hasNew = true;
            return true;
        }

        if (type == CrsfFrameType.LinkStatistics && payload.Length == 10)
        {
            _link = new CrsfLinkStatistics(
                timeUs, payload[0], payload[1], payload[2], (sbyte)payload[3], payload[4], payload[5], payload[6],
                payload[7], payload[8], (sbyte)payload[9]);
            _hasNewLink = true;
            return false;
        }

        OtherFrames++;
        return false;
    }
}
