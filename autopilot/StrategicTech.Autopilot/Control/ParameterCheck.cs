using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace StrategicTech.Autopilot.Control;

/// <summary>Range checks for controller parameter structs; the error names the struct field, its value and its limits.</summary>
public static class ParameterCheck
{
    /// <summary>Throws unless <paramref name="value"/> is finite and within [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static void InRange(double value, double min, double max, string owner, string field)
    {
        if (!(value >= min && value <= max))
        {
            ThrowOutOfRange(value, min, max, owner, field);
        }
    }

    [DoesNotReturn]
    private static void ThrowOutOfRange(double value, double min, double max, string owner, string field) =>
        throw new ArgumentOutOfRangeException(
            field,
            value,
            string.Create(CultureInfo.InvariantCulture, $"{owner}.{field} = {value} is outside [{min}, {max}]"));

    /// <summary>Throws when <paramref name="condition"/> is false, naming the fields involved.</summary>
    public static void That(bool condition, string owner, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(owner + ": " + message);
        }
    }
}
