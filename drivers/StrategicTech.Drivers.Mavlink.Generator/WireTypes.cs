namespace StrategicTech.Drivers.Mavlink.Generator;

/// <summary>MAVLink wire types: sizes and the C# types that hold them.</summary>
public static class WireTypes
{
    public static int SizeOf(string baseType) => baseType switch
    {
        "char" or "int8_t" or "uint8_t" => 1,
        "int16_t" or "uint16_t" => 2,
        "int32_t" or "uint32_t" or "float" => 4,
        "int64_t" or "uint64_t" or "double" => 8,
        _ => throw new InvalidDataException($"unknown MAVLink wire type '{baseType}'"),
    };

    public static string CSharpType(string baseType) => baseType switch
    {
        "char" or "uint8_t" => "byte",
        "int8_t" => "sbyte",
        "int16_t" => "short",
        "uint16_t" => "ushort",
        "int32_t" => "int",
        "uint32_t" => "uint",
        "float" => "float",
        "int64_t" => "long",
        "uint64_t" => "ulong",
        "double" => "double",
        _ => throw new InvalidDataException($"unknown MAVLink wire type '{baseType}'"),
    };

    /// <summary>Name of the MavlinkWire accessor suffix for a type (ReadUInt16, WriteSingle, ...).</summary>
    public static string AccessorName(string baseType) => baseType switch
    {
        "char" or "uint8_t" => "Byte",
        "int8_t" => "SByte",
        "int16_t" => "Int16",
        "uint16_t" => "UInt16",
        "int32_t" => "Int32",
        "uint32_t" => "UInt32",
        "float" => "Single",
        "int64_t" => "Int64",
        "uint64_t" => "UInt64",
        "double" => "Double",
        _ => throw new InvalidDataException($"unknown MAVLink wire type '{baseType}'"),
    };

    /// <summary>Unsigned accessor of the same width (enums are moved bit-for-bit through it).</summary>
    public static string UnsignedAccessorName(int size) => size switch
    {
        1 => "Byte",
        2 => "UInt16",
        4 => "UInt32",
        _ => "UInt64",
    };

    public static string UnsignedCSharpType(int size) => size switch
    {
        1 => "byte",
        2 => "ushort",
        4 => "uint",
        _ => "ulong",
    };
}
