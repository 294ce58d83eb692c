using StrategicTech.Drivers.Sensors.Common;

namespace StrategicTech.Drivers.Sensors.Nmea;

/// <summary>
/// Incremental NMEA 0183 parser for the GNSS fallback path: GGA, RMC, GSA, GSV and VTG from any talker. Bytes in
/// any chunking; a sentence is checked (XOR checksum after '*', printable ASCII, at most
/// <see cref="MaxSentenceLength"/> bytes) before it is decoded. Corrupt, truncated and overlong sentences are
/// counted and skipped. A fix is published on RMC, merged with the GGA of the same UTC second (altitude,
/// satellites) and the latest GSA (fix mode, DOP); VTG refreshes course and speed. Allocation-free.
/// </summary>
public sealed class NmeaParser
{
    /// <summary>The standard allows 82 characters including $ and CR LF; real receivers exceed it a little.</summary>
    public const int MaxSentenceLength = 120;

    private const double KnotsToMps = 1852.0 / 3600.0;

    private readonly byte[] _buffer = new byte[MaxSentenceLength];
    private int _length;
    private bool _inSentence;

    private bool _ggaValid;
    private double _ggaSecondOfDay = -1;
    private int _ggaQuality;
    private int _ggaSatellites;
    private double _ggaHdop;
    private double _ggaAltitudeM;
    private double _ggaSeparationM;
    private double _ggaLatitudeDeg;
    private double _ggaLongitudeDeg;
    private int _gsaMode;
    private double _gsaPdop;
    private GnssFix _fix;
    private bool _hasNewFix;

    public long Sentences { get; private set; }
    public long ChecksumErrors { get; private set; }
    /// <summary>Sentences cut short by a new '$', a non-ASCII byte or the length limit.</summary>
    public long TruncatedSentences { get; private set; }
    /// <summary>Well-formed sentences whose fields did not decode (a number that is not one, a missing field).</summary>
    public long MalformedSentences { get; private set; }
    public long GgaCount { get; private set; }
    public long RmcCount { get; private set; }
    public long GsaCount { get; private set; }
    public long GsvCount { get; private set; }
    public long VtgCount { get; private set; }
    public long OtherCount { get; private set; }

    /// <summary>Satellites in view from the latest GSV group.</summary>
    public int SatellitesInView { get; private set; }

    /// <summary>True while a sentence is being collected.</summary>
    public bool IsIdle => !_inSentence;

    /// <summary>Consumes one byte; returns the type of the sentence it completed (after checks), else <see cref="NmeaSentenceType.None"/>.</summary>
    public NmeaSentenceType Push(byte b, long timeUs)
    {
        if (b == (byte)'$')
        {
            if (_inSentence)
            {
                TruncatedSentences++;
            }

            _inSentence = true;
            _length = 0;
            return NmeaSentenceType.None;
        }

        if (!_inSentence)
        {
            return NmeaSentenceType.None;
        }

        if (b is (byte)'\r' or (byte)'\n')
        {
            _inSentence = false;
            return Complete(_buffer.AsSpan(0, _length), timeUs);
        }

        if (b < 0x20 || b > 0x7E || _length == _buffer.Length)
        {
            TruncatedSentences++;
            _inSentence = false;
            return NmeaSentenceType.None;
        }

        _buffer[_length++] = b;
        return NmeaSentenceType.None;
    }

    /// <summary>The newest fix, once: true when an RMC completed a fix since the last call.</summary>
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

    /// <summary>The XOR of every byte between '$' and '*'.</summary>
    public static byte Checksum(ReadOnlySpan<byte> body)
    {
        byte x = 0;
        foreach (byte b in body)
        {
            x ^= b;
        }

        return x;
    }

    private NmeaSentenceType Complete(ReadOnlySpan<byte> s, long timeUs)
    {
        int star = s.LastIndexOf((byte)'*');
        if (star < 0 || star != s.Length - 3 || !TryHex(s[star + 1], out int hi) || !TryHex(s[star + 2], out int lo)
            || Checksum(s[..star]) != (hi << 4 | lo))
        {
            ChecksumErrors++;
            return NmeaSentenceType.None;
        }

        ReadOnlySpan<byte> body = s[..star];
        var fields = new NmeaFields(body);
        ReadOnlySpan<byte> address = fields.Take();
        if (address.Length < 5)
        {
            MalformedSentences++;
            return NmeaSentenceType.None;
        }

        Sentences++;
        ReadOnlySpan<byte> formatter = address[^3..];
        NmeaSentenceType type = formatter switch
        {
            [(byte)'G', (byte)'G', (byte)'A'] => NmeaSentenceType.Gga,
            [(byte)'R', (byte)'M', (byte)'C'] => NmeaSentenceType.Rmc,
            [(byte)'G', (byte)'S', (byte)'A'] => NmeaSentenceType.Gsa,
            [(byte)'G', (byte)'S', (byte)'V'] => NmeaSentenceType.Gsv,
            [(byte)'V', (byte)'T', (byte)'G'] => NmeaSentenceType.Vtg,
            _ => NmeaSentenceType.Other,
        };

        bool ok = type switch
        {
            NmeaSentenceType.Gga => DecodeGga(ref fields),
            NmeaSentenceType.Rmc => DecodeRmc(ref fields, timeUs),
            NmeaSentenceType.Gsa => DecodeGsa(ref fields),
            NmeaSentenceType.Gsv => DecodeGsv(ref fields),
            NmeaSentenceType.Vtg => DecodeVtg(ref fields),
            _ => true,
        };

        if (!ok)
        {
            MalformedSentences++;
            return NmeaSentenceType.None;
        }

        switch (type)
        {
            case NmeaSentenceType.Gga: GgaCount++; break;
            case NmeaSentenceType.Rmc: RmcCount++; break;
            case NmeaSentenceType.Gsa: GsaCount++; break;
            case NmeaSentenceType.Gsv: GsvCount++; break;
            case NmeaSentenceType.Vtg: VtgCount++; break;
            default: OtherCount++; break;
        }

        return type;
    }

    // GGA: time, lat, N/S, lon, E/W, quality, satellites, HDOP, altitude, M, geoid separation, M, age, station
    private bool DecodeGga(ref NmeaFields f)
    {
        if (!NmeaFields.TryTime(f.Take(), out int h, out int m, out double s))
        {
            return false;
        }

        ReadOnlySpan<byte> lat = f.Take(), ns = f.Take(), lon = f.Take(), ew = f.Take();
        if (!NmeaFields.TryInt(f.Take(), out int quality))
        {
            return false;
        }

        _ggaSecondOfDay = (h * 3600) + (m * 60) + s;
        _ggaQuality = quality;
        _ggaValid = false;
        NmeaFields.TryInt(f.Take(), out _ggaSatellites);
        NmeaFields.TryDouble(f.Take(), out _ggaHdop);
        if (quality == 0)
        {
            return true; // no fix: the position fields may be stale or empty
        }

        bool position = NmeaFields.TryAngle(lat, ns, out _ggaLatitudeDeg) && NmeaFields.TryAngle(lon, ew, out _ggaLongitudeDeg);
        bool altitude = NmeaFields.TryDouble(f.Take(), out _ggaAltitudeM);
        f.Take();
        NmeaFields.TryDouble(f.Take(), out _ggaSeparationM);
        _ggaValid = position && altitude;
        return position;
    }

    // RMC: time, status A/V, lat, N/S, lon, E/W, speed (kn), course (deg true), date, magnetic variation, E/W, mode
    private bool DecodeRmc(ref NmeaFields f, long timeUs)
    {
        if (!NmeaFields.TryTime(f.Take(), out int h, out int m, out double s))
        {
            return false;
        }

        ReadOnlySpan<byte> status = f.Take();
        bool active = status.Length == 1 && status[0] == (byte)'A';
        bool hasPosition = NmeaFields.TryAngle(f.Take(), f.Take(), out double latDeg) & NmeaFields.TryAngle(f.Take(), f.Take(), out double lonDeg);
        bool hasSpeed = NmeaFields.TryDouble(f.Take(), out double speedKn);
        bool hasCourse = NmeaFields.TryDouble(f.Take(), out double courseDeg);
        bool hasDate = NmeaFields.TryDate(f.Take(), out int year, out int month, out int day);
        if (active && !hasPosition)
        {
            return false;
        }

        double secondOfDay = (h * 3600) + (m * 60) + s;
        bool sameEpochGga = _ggaValid && Math.Abs(secondOfDay - _ggaSecondOfDay) < 1e-3;
        GnssFixType fixType = !active ? GnssFixType.NoFix
            : _gsaMode is 2 or 3 ? (GnssFixType)_gsaMode
            : sameEpochGga ? GnssFixType.Fix3D : GnssFixType.Fix2D;
        double groundSpeedMps = hasSpeed ? speedKn * KnotsToMps : 0.0;
        double courseRad = hasCourse ? courseDeg * Math.PI / 180.0 : 0.0;
        _fix = new GnssFix
        {
            TimeUs = timeUs,
            FixType = fixType,
            FixOk = active && (!sameEpochGga || _ggaQuality > 0),
            SatellitesUsed = sameEpochGga ? _ggaSatellites : 0,
            LatitudeDeg = sameEpochGga ? _ggaLatitudeDeg : latDeg,
            LongitudeDeg = sameEpochGga ? _ggaLongitudeDeg : lonDeg,
            HeightMslM = sameEpochGga ? _ggaAltitudeM : 0.0,
            HeightEllipsoidM = sameEpochGga ? _ggaAltitudeM + _ggaSeparationM : 0.0,
            HasAccuracy = false,
            HasVelocity = false,
            GroundSpeedMps = groundSpeedMps,
            CourseRad = courseRad,
            PositionDop = _gsaPdop,
            HasUtc = hasDate,
            Year = year,
            Month = month,
            Day = day,
            Hour = h,
            Minute = m,
            Second = s,
        };
        _hasNewFix = true;
        return true;
    }

    // GSA: selection mode, fix mode (1 none, 2 2-D, 3 3-D), 12 satellite ids, PDOP, HDOP, VDOP
    private bool DecodeGsa(ref NmeaFields f)
    {
        f.Take();
        if (!NmeaFields.TryInt(f.Take(), out int mode) || mode is < 1 or > 3)
        {
            return false;
        }

        for (int i = 0; i < 12; i++)
        {
            f.Take();
        }

        _gsaMode = mode;
        NmeaFields.TryDouble(f.Take(), out _gsaPdop);
        return true;
    }

    // GSV: number of messages, message number, satellites in view, then up to 4 × (id, elevation, azimuth, SNR)
    private bool DecodeGsv(ref NmeaFields f)
    {
        if (!NmeaFields.TryInt(f.Take(), out int total) || !NmeaFields.TryInt(f.Take(), out int number)
            || !NmeaFields.TryInt(f.Take(), out int inView) || number < 1 || number > total)
        {
            return false;
        }

        SatellitesInView = inView;
        return true;
    }

    // VTG: course true, T, course magnetic, M, speed kn, N, speed km/h, K, mode
    private bool DecodeVtg(ref NmeaFields f)
    {
        bool hasCourse = NmeaFields.TryDouble(f.Take(), out double courseDeg);
        f.Take();
        f.Take();
        f.Take();
        bool hasSpeed = NmeaFields.TryDouble(f.Take(), out double speedKn);
        if (hasCourse && hasSpeed && _fix.FixOk)
        {
            _fix = _fix with { CourseRad = courseDeg * Math.PI / 180.0, GroundSpeedMps = speedKn * KnotsToMps };
        }

        return true;
    }

    private static bool TryHex(byte c, out int value)
    {
        value = c switch
        {
            >= (byte)'0' and <= (byte)'9' => c - '0',
            >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
            >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
            _ => -1,
        };
        return value >= 0;
    }
}
