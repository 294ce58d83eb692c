using System.Globalization;

namespace StrategicTech.Autopilot.Parameters;

/// <summary>
/// One tunable value: a MAVLink-compatible name (1–16 characters of A–Z, 0–9 and '_', as a param_id without
/// terminator), its type, default and inclusive limits, unit and a one-line description. Values are held as double;
/// Int32 parameters must be whole numbers and Float parameters must fit a 32-bit float (the wire type).
/// </summary>
public sealed class ParameterDefinition
{
    public const int MaxNameLength = 16;

    public ParameterDefinition(
        string name,
        ParameterType type,
        double defaultValue,
        double min,
        double max,
        string unit,
        string description)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(unit);
        ArgumentNullException.ThrowIfNull(description);
        string? nameProblem = NameProblem(name);
        if (nameProblem is not null)
        {
            throw new ArgumentException($"parameter name '{name}': {nameProblem}", nameof(name));
        }

        if (type is not ParameterType.Float and not ParameterType.Int32)
        {
            throw new ArgumentException($"parameter {name}: unsupported type {(int)type}", nameof(type));
        }

        Name = name;
        Type = type;
        Min = min;
        Max = max;
        Unit = unit;
        Description = description;
        if (!(double.IsFinite(min) && double.IsFinite(max) && min <= max))
        {
            throw new ArgumentException($"parameter {name}: limits [{Format(min)}, {Format(max)}] are not a finite, ordered range");
        }

        string? defaultProblem = ValueProblem(defaultValue);
        if (defaultProblem is not null)
        {
            throw new ArgumentException($"parameter {name}: default {defaultProblem}", nameof(defaultValue));
        }

        DefaultValue = defaultValue;
    }

    public string Name { get; }

    public ParameterType Type { get; }

    public double DefaultValue { get; }

    public double Min { get; }

    public double Max { get; }

    public string Unit { get; }

    public string Description { get; }

    /// <summary>Why <paramref name="name"/> is not a valid parameter name, or null when it is.</summary>
    public static string? NameProblem(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length is 0 or > MaxNameLength)
        {
            return $"must be 1 to {MaxNameLength} characters (MAVLink param_id), has {name.Length}";
        }

        foreach (char c in name)
        {
            if (!(c is (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_'))
            {
                return $"character '{c}' is not one of A-Z, 0-9, '_'";
            }
        }

        return null;
    }

    /// <summary>Why <paramref name="value"/> cannot be stored in this parameter, or null when it can.</summary>
    public string? ValueProblem(double value)
    {
        if (!double.IsFinite(value))
        {
            return $"value {Format(value)} is not a finite number";
        }

        if (Type == ParameterType.Int32 && Math.Floor(value) != value)
        {
            return $"value {Format(value)} is not a whole number (type Int32)";
        }

        if (value < Min || value > Max)
        {
            return $"value {Format(value)} is outside [{Format(Min)}, {Format(Max)}]{(Unit.Length > 0 ? " " + Unit : "")}";
        }

        return null;
    }

    /// <summary>The value as written to a parameter file: shortest round-trip text, invariant culture.</summary>
    public string FormatValue(double value) =>
        Type == ParameterType.Int32 ? ((long)value).ToString(CultureInfo.InvariantCulture) : Format(value);

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public override string ToString() => $"{Name} ({Type}, default {FormatValue(DefaultValue)} {Unit})";
}
