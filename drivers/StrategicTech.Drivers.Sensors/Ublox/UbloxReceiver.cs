using StrategicTech.Drivers.Sensors.Common;
using StrategicTech.Drivers.Sensors.Nmea;

namespace StrategicTech.Drivers.Sensors.Ublox;

/// <summary>Outcome of the last configuration command sent.</summary>
public enum UbxAckState
{
    None,
    Pending,
    Acknowledged,
    NotAcknowledged,
}

/// <summary>
/// A u-blox receiver on a byte stream (UART, or SPI/I²C DDC read as a stream): UBX NAV-PVT/NAV-DOP/NAV-SAT and
/// ACK-ACK/ACK-NAK, with NMEA sentences on the same stream going to the NMEA fallback parser. Feed whatever bytes
/// arrived (any chunking) and read the newest fix with <see cref="TryReadFix"/>. Allocation-free after construction.
/// </summary>
public sealed class UbloxReceiver
{
    private readonly UbxParser _ubx;
    private GnssFix _fix;
    private bool _hasNewFix;
    private byte _ackClass;
    private byte _ackId;

    public UbloxReceiver(int maxPayloadBytes = 3072)
    {
        _ubx = new UbxParser(maxPayloadBytes);
    }

    public UbxParser Ubx => _ubx;

    public NmeaParser Nmea { get; } = new();

    public long NavPvtCount { get; private set; }
    public long NavDopCount { get; private set; }
    public long NavSatCount { get; private set; }
    /// <summary>UBX frames with a valid checksum whose payload did not decode (wrong length, numSvs mismatch).</summary>
    public long MalformedMessages { get; private set; }

    public GnssDop LatestDop { get; private set; }

    /// <summary>Satellites in the latest NAV-SAT, and how many of them the solution used.</summary>
    public int SatellitesTracked { get; private set; }
    public int SatellitesUsed { get; private set; }

    public UbxAckState AckState { get; private set; }

    /// <summary>
    /// Consumes received bytes. UBX frames are decoded as they complete; bytes outside UBX frames go to the NMEA
    /// parser (its fixes are used only while no NAV-PVT has been seen, i.e. a receiver left in NMEA mode).
    /// </summary>
    public void Feed(ReadOnlySpan<byte> bytes, long timeUs)
    {
        foreach (byte b in bytes)
        {
            bool wasIdle = _ubx.IsIdle;
            if (_ubx.Push(b))
            {
                Dispatch(timeUs);
                continue;
            }

            if (wasIdle && _ubx.IsIdle)
            {
                Nmea.Push(b, timeUs);
            }
        }

        if (NavPvtCount == 0 && Nmea.TryReadFix(out GnssFix nmeaFix))
        {
            _fix = nmeaFix;
            _hasNewFix = true;
        }
    }

    /// <summary>The newest fix, once: true when a solution arrived since the last call.</summary>
    public bool TryReadFix(out GnssFix fix)
    {
        fix = _fix;
        if (!_hasNewFix)
        {
            return false;
        }

        _hasNewFix = false;
        return true;
    }

    /// <summary>Marks a configuration frame as sent: the next ACK-ACK/ACK-NAK for that class/id settles <see cref="AckState"/>.</summary>
    public void ExpectAck(byte messageClass, byte id)
    {
        _ackClass = messageClass;
        _ackId = id;
        AckState = UbxAckState.Pending;
    }

    private void Dispatch(long timeUs)
    {
        ReadOnlySpan<byte> p = _ubx.Payload;
        switch (_ubx.Class, _ubx.Id)
        {
            case (UbxMessageId.ClassNav, UbxMessageId.NavPvt):
                if (p.Length != UbxNavPvt.PayloadLength)
                {
                    MalformedMessages++;
                    return;
                }

                NavPvtCount++;
                if (UbxNavPvt.TryDecode(p, timeUs, out GnssFix fix))
                {
                    _fix = fix;
                    _hasNewFix = true;
                }

                return;
            case (UbxMessageId.ClassNav, UbxMessageId.NavDop):
                if (GnssDop.TryDecode(p, out GnssDop dop))
                {
                    NavDopCount++;
                    LatestDop = dop;
                }
                else
                {
                    MalformedMessages++;
                }

                return;
            case (UbxMessageId.ClassNav, UbxMessageId.NavSat):
                if (!UbxNavSat.TryGetCount(p, out int count))
                {
                    MalformedMessages++;
                    return;
                }

                NavSatCount++;
                int used = 0;
                for (int i = 0; i < count; i++)
                {
                    if (UbxNavSat.Satellite(p, i).UsedInSolution)
                    {
                        used++;
                    }
                }

                SatellitesTracked = count;
                SatellitesUsed = used;
                return;
            case (UbxMessageId.ClassAck, UbxMessageId.AckAck or UbxMessageId.AckNak):
                if (p.Length == 2 && AckState == UbxAckState.Pending && p[0] == _ackClass && p[1] == _ackId)
                {
                    AckState = _ubx.Id == UbxMessageId.AckAck ? UbxAckState.Acknowledged : UbxAckState.NotAcknowledged;
                }

                return;
        }
    }
}
