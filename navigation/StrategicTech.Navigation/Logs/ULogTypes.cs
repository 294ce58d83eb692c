using System.Buffers.Binary;

namespace StrategicTech.Navigation.Logs;

/// <summary>Sizes, names and little-endian decoding of the ULog base types.</summary>
public static class ULogTypes
{
    /// <summary>Maps a C type name ("float", "uint64_t", ...) to its base type; any other name is a nested format.</summary>
    public static bool TryParseBase(ReadOnlySpan<char> typeName, out ULogBaseType type)
    {
        type = typeName switch
        {
            "int8_t" => ULogBaseType.Int8,
            "uint8_t" => ULogBaseType.UInt8,
            "int16_t" => ULogBaseType.Int16,
            "uint16_t" => ULogBaseType.UInt16,
            "int32_t" => ULogBaseType.Int32,
            "uint32_t" => ULogBaseType.UInt32,
            "int64_t" => ULogBaseType.Int64,
            "uint64_t" => ULogBaseType.UInt64,
            "float" => ULogBaseType.Float,
            "double" => ULogBaseType.Double,
            "bool" => ULogBaseType.Bool,
            "char" => ULogBaseType.Char,
            _ => ULogBaseType.Nested,
        };
        return type != ULogBaseType.Nested;
    }

    /// <summary>Size in bytes of one element of a base type (0 for <see cref="ULogBaseType.Nested"/>).</summary>
    public static int SizeOf(ULogBaseType type) => type switch
    {
        ULogBaseType.Int8 or ULogBaseType.UInt8 or ULogBaseType.Bool or ULogBaseType.Char => 1,
        ULogBaseType.Int16 or ULogBaseType.UInt16 => 2,
        ULogBaseType.Int32 or ULogBaseType.UInt32 or ULogBaseType.Float => 4,
        ULogBaseType.Int64 or ULogBaseType.UInt64 or ULogBaseType.Double => 8,
        _ => 0,
    };

    /// <summary>The C spelling of a base type.</summary>
    public static string NameOf(ULogBaseType type) => type switch
    {
        ULogBaseType.Int8 => "int8_t",
        ULogBaseType.UInt8 => "uint8_t",
        ULogBaseType.Int16 => "int16_t",
        ULogBaseType.UInt16 => "uint16_t",
        ULogBaseType.Int32 => "int32_t",
        ULogBaseType.UInt32 => "uint32_t",
        ULogBaseType.Int64 => "int64_t",
        ULogBaseType.UInt64 => "uint64_t",
        ULogBaseType.Float => "float",
        ULogBaseType.Double => "double",
        ULogBaseType.Bool => "bool",
        ULogBaseType.Char => "char",
        _ => "nested",
    };

    /// <summary>Decodes one element as a double (uint64/int64 beyond 2^53 lose precision; use <see cref="ReadInt64"/>).</summary>
    public static double ReadDouble(ReadOnlySpan<byte> bytes, ULogBaseType type) => type switch
    {
        ULogBaseType.Int8 => (sbyte)bytes[0],
        ULogBaseType.UInt8 or ULogBaseType.Bool or ULogBaseType.Char => bytes[0],
        ULogBaseType.Int16 => BinaryPrimitives.ReadInt16LittleEndian(bytes),
        ULogBaseType.UInt16 => BinaryPrimitives.ReadUInt16LittleEndian(bytes),
        ULogBaseType.Int32 => BinaryPrimitives.ReadInt32LittleEndian(bytes),
        ULogBaseType.UInt32 => BinaryPrimitives.ReadUInt32LittleEndian(bytes),
        ULogBaseType.Int64 => BinaryPrimitives.ReadInt64LittleEndian(bytes),
        ULogBaseType.UInt64 => BinaryPrimitives.ReadUInt64LittleEndian(bytes),
        ULogBaseType.Float => BinaryPrimitives.ReadSingleLittleEndian(bytes),
        ULogBaseType.Double => BinaryPrimitives.ReadDoubleLittleEndian(bytes),
        _ => double.NaN,
    };

    /// <summary>Decodes one integer element exactly (floats are truncated toward zero; uint64 above 2^63 wraps).</summary>
    public static long ReadInt64(ReadOnlySpan<byte> bytes, ULogBaseType type) => type switch
    {
        ULogBaseType.Int8 => (sbyte)bytes[0],
        ULogBaseType.UInt8 or ULogBaseType.Bool or ULogBaseType.Char => bytes[0],
        ULogBaseType.Int16 => BinaryPrimitives.ReadInt16LittleEndian(bytes),
        ULogBaseType.UInt16 => BinaryPrimitives.ReadUInt16LittleEndian(bytes),
        ULogBaseType.Int32 => BinaryPrimitives.ReadInt32LittleEndian(bytes),
        ULogBaseType.UInt32 => BinaryPrimitives.ReadUInt32LittleEndian(bytes),
        ULogBaseType.Int64 => BinaryPrimitives.ReadInt64LittleEndian(bytes),
        ULogBaseType.UInt64 => unchecked((long)BinaryPrimitives.ReadUInt64LittleEndian(bytes)),
        ULogBaseType.Float => (long)BinaryPrimitives.ReadSingleLittleEndian(bytes),
        ULogBaseType.Double => (long)BinaryPrimitives.ReadDoubleLittleEndian(bytes),
        _ => 0,
    };

    /// <summary>Decodes a char array: ULog strings carry no terminator, but stop at an embedded NUL if one is present.</summary>
    public static string ReadString(ReadOnlySpan<byte> bytes)
    {
        int nul = bytes.IndexOf((byte)0);
        return System.Text.Encoding.UTF8.GetString(nul >= 0 ? bytes[..nul] : bytes);
    }
}
