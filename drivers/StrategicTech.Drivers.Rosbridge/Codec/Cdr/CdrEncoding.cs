namespace StrategicTech.Drivers.Rosbridge.Codec.Cdr;

/// <summary>
/// The encapsulation a serialized ROS 2 message starts with: 2 bytes representation identifier (big-endian) and
/// 2 bytes options (OMG DDS-XTypes 1.3, 7.6.3.1.2). ROS types are @final, so only the plain encodings occur:
/// CDR_BE 0x0000 / CDR_LE 0x0001 (XCDR1: primitives aligned to their size, at most 8) and CDR2_BE 0x0006 /
/// CDR2_LE 0x0007 (XCDR2: alignment at most 4, and a DHEADER before collections of non-primitive elements).
/// </summary>
public enum CdrEncoding : ushort
{
    CdrBigEndian = 0x0000,
    CdrLittleEndian = 0x0001,
    Cdr2BigEndian = 0x0006,
    Cdr2LittleEndian = 0x0007,
}

/// <summary>Facts about an encapsulation identifier.</summary>
public static class CdrEncodings
{
    public const int HeaderBytes = 4;

    public static bool IsKnown(ushort id) => id is 0x0000 or 0x0001 or 0x0006 or 0x0007;

    public static bool IsLittleEndian(CdrEncoding encoding) => ((ushort)encoding & 1) == 1;

    public static bool IsXcdr2(CdrEncoding encoding) => encoding is CdrEncoding.Cdr2BigEndian or CdrEncoding.Cdr2LittleEndian;

    /// <summary>The largest alignment a primitive gets: 8 in XCDR1, 4 in XCDR2.</summary>
    public static int MaxAlignment(CdrEncoding encoding) => IsXcdr2(encoding) ? 4 : 8;
}
