using System.Buffers.Binary;

namespace StrategicTech.Drivers.Sensors.Ublox;

/// <summary>One satellite of UBX-NAV-SAT.</summary>
/// <param name="GnssId">0 GPS, 1 SBAS, 2 Galileo, 3 BeiDou, 5 QZSS, 6 GLONASS.</param>
/// <param name="CarrierToNoiseDbHz">C/N0, dB-Hz.</param>
/// <param name="ElevationDeg">Elevation, degrees (−90..90).</param>
/// <param name="AzimuthDeg">Azimuth, degrees (0..360).</param>
/// <param name="PseudorangeResidualM">Pseudorange residual, metres (0.1 m resolution).</param>
/// <param name="QualityIndicator">flags bits 0..2 (0 no signal … 4..7 code and carrier locked).</param>
/// <param name="UsedInSolution">flags bit 3 (svUsed).</param>
public readonly record struct SatelliteInfo(byte GnssId, byte SvId, byte CarrierToNoiseDbHz, sbyte ElevationDeg, short AzimuthDeg, double PseudorangeResidualM, int QualityIndicator, bool UsedInSolution);

/// <summary>Reads UBX-NAV-SAT (0x01 0x35): an 8-byte header and 12 bytes per satellite, straight from the payload.</summary>
public static class UbxNavSat
{
    public const int HeaderLength = 8;
    public const int BlockLength = 12;

    /// <summary>Number of satellites in a well-formed payload; false when numSvs does not match the bytes present.</summary>
    public static bool TryGetCount(ReadOnlySpan<byte> p, out int count)
    {
        count = 0;
        if (p.Length < HeaderLength)
        {
            return false;
        }

        int numSvs = p[5];
        if (p.Length != HeaderLength + (numSvs * BlockLength))
        {
            return false;
        }

        count = numSvs;
        return true;
    }

    /// <summary>Satellite <paramref name="index"/> of a payload already checked with <see cref="TryGetCount"/>.</summary>
    public static SatelliteInfo Satellite(ReadOnlySpan<byte> p, int index)
    {
        ReadOnlySpan<byte> s = p.Slice(HeaderLength + (index * BlockLength), BlockLength);
        uint flags = BinaryPrimitives.ReadUInt32LittleEndian(s[8..]);
        return new SatelliteInfo(
            s[0], s[1], s[2], (sbyte)s[3],
            BinaryPrimitives.ReadInt16LittleEndian(s[4..]),
            BinaryPrimitives.ReadInt16LittleEndian(s[6..]) * 0.1,
            (int)(flags & 0x7),
            (flags & 0x8) != 0);
    }
}
