using System.Buffers.Binary;
using StrategicTech.Drivers.Sensors.Common;
using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Drivers.Sensors.Ublox;

/// <summary>UBX-NAV-PVT (0x01 0x07, 92 bytes): position, velocity and time solution, decoded into SI units.</summary>
public static class UbxNavPvt
{
    public const int PayloadLength = 92;

    private const double DegPerLsb = 1e-7;
    private const double HeadingDegPerLsb = 1e-5;

    /// <summary>Decodes a NAV-PVT payload; false when the length is wrong or the receiver flags the position invalid.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> p, long timeUs, out GnssFix fix)
    {
        fix = default;
        if (p.Length != PayloadLength)
        {
            return false;
        }

        byte valid = p[11];
        byte flags = p[21];
        ushort flags3 = BinaryPrimitives.ReadUInt16LittleEndian(p[78..]);
        bool invalidLlh = (flags3 & 0x01) != 0;
        if (invalidLlh)
        {
            return false;
        }

        bool utcValid = (valid & 0x03) == 0x03; // validDate and validTime
        int nano = BinaryPrimitives.ReadInt32LittleEndian(p[16..]);
        fix = new GnssFix
        {
            TimeUs = timeUs,
            FixType = (GnssFixType)Math.Min(p[20], (byte)GnssFixType.TimeOnly),
            FixOk = (flags & 0x01) != 0,
            SatellitesUsed = p[23],
            LongitudeDeg = BinaryPrimitives.ReadInt32LittleEndian(p[24..]) * DegPerLsb,
            LatitudeDeg = BinaryPrimitives.ReadInt32LittleEndian(p[28..]) * DegPerLsb,
            HeightEllipsoidM = BinaryPrimitives.ReadInt32LittleEndian(p[32..]) * 1e-3,
            HeightMslM = BinaryPrimitives.ReadInt32LittleEndian(p[36..]) * 1e-3,
            HasAccuracy = true,
            HorizontalAccuracyM = BinaryPrimitives.ReadUInt32LittleEndian(p[40..]) * 1e-3,
            VerticalAccuracyM = BinaryPrimitives.ReadUInt32LittleEndian(p[44..]) * 1e-3,
            HasVelocity = true,
            VelocityNedMps = new Vector3(
                BinaryPrimitives.ReadInt32LittleEndian(p[48..]) * 1e-3,
                BinaryPrimitives.ReadInt32LittleEndian(p[52..]) * 1e-3,
                BinaryPrimitives.ReadInt32LittleEndian(p[56..]) * 1e-3),
            GroundSpeedMps = BinaryPrimitives.ReadInt32LittleEndian(p[60..]) * 1e-3,
            CourseRad = BinaryPrimitives.ReadInt32LittleEndian(p[64..]) * HeadingDegPerLsb * Math.PI / 180.0,
            SpeedAccuracyMps = BinaryPrimitives.ReadUInt32LittleEndian(p[68..]) * 1e-3,
            PositionDop = BinaryPrimitives.ReadUInt16LittleEndian(p[76..]) * 0.01,
            HasUtc = utcValid,
            Year = BinaryPrimitives.ReadUInt16LittleEndian(p[4..]),
            Month = p[6],
            Day = p[7],
            Hour = p[8],
            Minute = p[9],
            Second = p[10] + (nano * 1e-9),
        };
        return true;
    }

    /// <summary>GPS time of week of the navigation epoch, milliseconds (iTOW, the first field of every NAV message).</summary>
    public static uint TimeOfWeekMs(ReadOnlySpan<byte> payload) => BinaryPrimitives.ReadUInt32LittleEndian(payload);
}
