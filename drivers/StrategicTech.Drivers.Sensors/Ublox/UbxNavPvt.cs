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

    /// <summary>
    /// Writes a NAV-PVT payload for <paramref name="fix"/> (simulated receivers, tests): the interface description's
    /// field layout and scales; date/time fields, heading accuracy, vehicle heading and declination are left 0.
    /// gnssFixOK follows <see cref="GnssFix.FixOk"/>; a fix type below 2-D sets flags3.invalidLlh, as a receiver
    /// without a position does.
    /// </summary>
    public static void Encode(in GnssFix fix, uint timeOfWeekMs, Span<byte> payload)
    {
        if (payload.Length < PayloadLength)
        {
            throw new ArgumentException($"NAV-PVT needs {PayloadLength} bytes", nameof(payload));
        }

        Span<byte> p = payload[..PayloadLength];
        p.Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(p, timeOfWeekMs);
        p[20] = (byte)fix.FixType;
        p[21] = fix.FixOk ? (byte)0x01 : (byte)0;
        p[23] = (byte)Math.Clamp(fix.SatellitesUsed, 0, 255);
        BinaryPrimitives.WriteInt32LittleEndian(p[24..], Scaled(fix.LongitudeDeg, 1 / DegPerLsb));
        BinaryPrimitives.WriteInt32LittleEndian(p[28..], Scaled(fix.LatitudeDeg, 1 / DegPerLsb));
        BinaryPrimitives.WriteInt32LittleEndian(p[32..], Scaled(fix.HeightEllipsoidM, 1e3));
        BinaryPrimitives.WriteInt32LittleEndian(p[36..], Scaled(fix.HeightMslM, 1e3));
        BinaryPrimitives.WriteUInt32LittleEndian(p[40..], (uint)Scaled(fix.HorizontalAccuracyM, 1e3));
        BinaryPrimitives.WriteUInt32LittleEndian(p[44..], (uint)Scaled(fix.VerticalAccuracyM, 1e3));
        BinaryPrimitives.WriteInt32LittleEndian(p[48..], Scaled(fix.VelocityNedMps.X, 1e3));
        BinaryPrimitives.WriteInt32LittleEndian(p[52..], Scaled(fix.VelocityNedMps.Y, 1e3));
        BinaryPrimitives.WriteInt32LittleEndian(p[56..], Scaled(fix.VelocityNedMps.Z, 1e3));
        BinaryPrimitives.WriteInt32LittleEndian(p[60..], Scaled(fix.GroundSpeedMps, 1e3));
        BinaryPrimitives.WriteInt32LittleEndian(p[64..], Scaled(fix.CourseRad * 180.0 / Math.PI, 1 / HeadingDegPerLsb));
        BinaryPrimitives.WriteUInt32LittleEndian(p[68..], (uint)Scaled(fix.SpeedAccuracyMps, 1e3));
        BinaryPrimitives.WriteUInt16LittleEndian(p[76..], (ushort)Math.Clamp(Math.Round(fix.PositionDop * 100), 0, ushort.MaxValue));
        BinaryPrimitives.WriteUInt16LittleEndian(p[78..], fix.FixType < GnssFixType.Fix2D ? (ushort)0x01 : (ushort)0);
    }

    private static int Scaled(double value, double lsbPerUnit) =>
        double.IsFinite(value) ? (int)Math.Clamp(Math.Round(value * lsbPerUnit), int.MinValue, int.MaxValue) : 0;
}
