namespace StrategicTech.Navigation.Amr;

/// <summary>Checks shared by the AMR parameter records: each throws <see cref="ArgumentOutOfRangeException"/> naming the field.</summary>
public static class AmrParameterChecks
{
    public static void Positive(double value, string name)
    {
        if (!(value > 0) || double.IsInfinity(value))
        {
            throw new ArgumentOutOfRangeException(name, value, "must be a positive finite number");
        }
    }

    public static void NonNegative(double value, string name)
    {
        if (!(value >= 0) || double.IsInfinity(value))
        {
            throw new ArgumentOutOfRangeException(name, value, "must be a finite number >= 0");
        }
    }
}
