using System.Globalization;
using StrategicTech.Drivers.Mavlink.Dialects.Common;
using StrategicTech.Drivers.Mavlink.Microservices.Parameters;

namespace StrategicTech.GroundStation.Parameters;

/// <summary>
/// Text ↔ typed parameter values for the editor and the <c>.params</c> files: an integer parameter takes only an
/// integral number inside its type's range (QGroundControl writes "1" or "1.000000"), a REAL32 only a finite number
/// that float can hold. Errors say what was wrong in a sentence.
/// </summary>
public static class ParameterText
{
    /// <summary>Parses <paramref name="text"/> as a value of <paramref name="type"/>; on failure <paramref name="error"/> says why.</summary>
    public static bool TryParse(string text, MavParamType type, out ParameterValue value, out string error)
    {
        value = default;
        string trimmed = (text ?? string.Empty).Trim();
        if (!ParameterValue.IsSupported(type))
        {
            error = $"type {type} is not a parameter type the protocol carries";
            return false;
        }

        if (!double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out double number) || !double.IsFinite(number))
        {
            error = $"'{trimmed}' is not a number";
            return false;
        }

        if (type == MavParamType.Real32)
        {
            if (Math.Abs(number) > float.MaxValue)
            {
                error = $"{trimmed} is too large for a 32-bit float";
                return false;
            }

            value = ParameterValue.FromFloat((float)number);
            error = string.Empty;
            return true;
        }

        if (number != Math.Floor(number))
        {
            error = $"{trimmed} is not a whole number, and {Describe(type)} holds only whole numbers";
            return false;
        }

        if (number is < long.MinValue or > long.MaxValue || !ParameterValue.TryFromInteger(type, (long)number, out value))
        {
            error = $"{trimmed} is outside {Describe(type)}";
            return false;
        }

        error = string.Empty;
        return true;
    }

    /// <summary>The value as the editor and files show it: integers plain, floats round-trip.</summary>
    public static string Format(ParameterValue value) => value.Type == MavParamType.Real32
        ? value.Real.ToString("R", CultureInfo.InvariantCulture)
        : value.Integer.ToString(CultureInfo.InvariantCulture);

    /// <summary>A short type name (u8, i32, f32…).</summary>
    public static string ShortName(MavParamType type) => type switch
    {
        MavParamType.Uint8 => "u8",
        MavParamType.Int8 => "i8",
        MavParamType.Uint16 => "u16",
        MavParamType.Int16 => "i16",
        MavParamType.Uint32 => "u32",
        MavParamType.Int32 => "i32",
        MavParamType.Real32 => "f32",
        _ => type.ToString(),
    };

    private static string Describe(MavParamType type) => type switch
    {
        MavParamType.Uint8 => "an unsigned 8-bit parameter (0 to 255)",
        MavParamType.Int8 => "a signed 8-bit parameter (-128 to 127)",
        MavParamType.Uint16 => "an unsigned 16-bit parameter (0 to 65535)",
        MavParamType.Int16 => "a signed 16-bit parameter (-32768 to 32767)",
        MavParamType.Uint32 => "an unsigned 32-bit parameter (0 to 4294967295)",
        MavParamType.Int32 => "a signed 32-bit parameter (-2147483648 to 2147483647)",
        _ => type.ToString(),
    };
}
