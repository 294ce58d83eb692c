using System.Diagnostics.CodeAnalysis;

namespace StrategicTech.Navigation.Estimation.Uav;

/// <summary>Range checks for parameters: out of range throws <see cref="ArgumentOutOfRangeException"/> naming it.</summary>
internal static class ParameterGuard
{
    public static double InRange(double value, double min, double max, string name)
    {
        if (!(value >= min && value <= max))
        {
            Throw(value, min, max, name);
        }

        return value;
    }

    public static int InRange(int value, int min, int max, string name)
    {
        if (value < min || value > max)
        {
            Throw(value, min, max, name);
        }

        return value;
    }

    [DoesNotReturn]
    private static void Throw(double value, double min, double max, string name) =>
        throw new ArgumentOutOfRangeException(name, value, $"{name} must be within [{min}, {max}], got {value}.");
}
