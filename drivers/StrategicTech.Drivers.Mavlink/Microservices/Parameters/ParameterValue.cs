using System.Globalization;
using StrategicTech.Drivers.Mavlink.Dialects.Common;

namespace StrategicTech.Drivers.Mavlink.Microservices.Parameters;

/// <summary>
/// A typed parameter value as the PARAM_* messages carry it: one of the types that fit in their 4-byte value
/// field (u8, i8, u16, i16, u32, i32, real32). Integers are held exactly in <see cref="Integer"/>, reals in
/// <see cref="Real"/>.
/// </summary>
public readonly record struct ParameterValue
{
    private ParameterValue(MavParamType type, long integer, float real)
    {
        Type = type;
        Integer = integer;
        Real = real;
    }

    public MavParamType Type { get; }

    public long Integer { get; }

    public float Real { get; }

    /// <summary>The value as a double, whatever its type.</summary>
    public double AsDouble => Type == MavParamType.Real32 ? Real : Integer;

    public static ParameterValue FromFloat(float value) => new(MavParamType.Real32, 0, value);

    /// <summary>An integer parameter; throws when <paramref name="value"/> does not fit <paramref name="type"/>.</summary>
    public static ParameterValue FromInteger(MavParamType type, long value)
    {
        if (!TryFromInteger(type, value, out ParameterValue result))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value,
                string.Create(CultureInfo.InvariantCulture, $"{value} does not fit parameter type {type}"));
        }

        return result;
    }

    public static bool TryFromInteger(MavParamType type, long value, out ParameterValue result)
    {
        (long min, long max) = type switch
        {
            MavParamType.Uint8 => (byte.MinValue, byte.MaxValue),
            MavParamType.Int8 => (sbyte.MinValue, sbyte.MaxValue),
            MavParamType.Uint16 => (ushort.MinValue, ushort.MaxValue),
            MavParamType.Int16 => (short.MinValue, short.MaxValue),
            MavParamType.Uint32 => (uint.MinValue, uint.MaxValue),
            MavParamType.Int32 => (int.MinValue, int.MaxValue),
            _ => (1L, 0L),
        };
        bool ok = value >= min && value <= max;
        result = ok ? new ParameterValue(type, value, 0) : default;
        return ok;
    }

    /// <summary>True for the types this protocol carries in 4 bytes.</summary>
    public static bool IsSupported(MavParamType type) => type is >= MavParamType.Uint8 and <= MavParamType.Int32 or MavParamType.Real32;

    public override string ToString() => Type == MavParamType.Real32
        ? Real.ToString("R", CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{Integer} ({Type})");
}
