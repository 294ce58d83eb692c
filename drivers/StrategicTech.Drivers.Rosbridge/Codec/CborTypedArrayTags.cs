namespace StrategicTech.Drivers.Rosbridge.Codec;

/// <summary>
/// RFC 8746 typed-array tags rosbridge uses (always the little-endian variants): the tag value picks element type
/// and byte order. uint8[]/char[] travel as a plain byte string instead.
/// </summary>
public static class CborTypedArrayTags
{
    public const ulong Uint8 = 64;
    public const ulong Uint16Le = 69;
    public const ulong Uint32Le = 70;
    public const ulong Uint64Le = 71;
    public const ulong Int8 = 72;
    public const ulong Int16Le = 77;
    public const ulong Int32Le = 78;
    public const ulong Int64Le = 79;
    public const ulong Float32Le = 85;
    public const ulong Float64Le = 86;

    /// <summary>Element size in bytes of a supported tag, or 0 when the tag is not a little-endian typed array.</summary>
    public static int ElementSize(ulong tag) => tag switch
    {
        Uint8 or Int8 => 1,
        Uint16Le or Int16Le => 2,
        Uint32Le or Int32Le or Float32Le => 4,
        Uint64Le or Int64Le or Float64Le => 8,
        _ => 0,
    };
}
