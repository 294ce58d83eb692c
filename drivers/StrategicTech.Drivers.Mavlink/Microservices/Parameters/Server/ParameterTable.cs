using StrategicTech.Drivers.Mavlink.Dialects.Common;

namespace StrategicTech.Drivers.Mavlink.Microservices.Parameters.Server;

/// <summary>
/// A simple in-memory <see cref="IParameterProvider"/> with optional [min, max] limits, for tests, tools and
/// in-process SITL. Rejects values of another type than declared and values outside the limits.
/// </summary>
public sealed class ParameterTable : IParameterProvider
{
    private readonly List<Entry> _entries = [];
    private readonly Dictionary<string, int> _indexByName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public ParameterTable()
    {
        _lookup = _indexByName.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int Count => _entries.Count;

    /// <summary>Declares a parameter (at start-up). Returns its index.</summary>
    public int Add(string name, ParameterValue value, double min = double.NegativeInfinity, double max = double.PositiveInfinity)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name.Length > 16 || !System.Text.Ascii.IsValid(name))
        {
            throw new ArgumentException($"parameter name '{name}' must be 1–16 ASCII characters", nameof(name));
        }

        if (!ParameterValue.IsSupported(value.Type))
        {
            throw new ArgumentException($"parameter '{name}': type {value.Type} does not fit PARAM_VALUE", nameof(value));
        }

        if (!_indexByName.TryAdd(name, _entries.Count))
        {
            throw new ArgumentException($"parameter '{name}' declared twice", nameof(name));
        }

        _entries.Add(new Entry(name, value, min, max));
        return _entries.Count - 1;
    }

    public string NameAt(int index) => _entries[index].Name;

    public ParameterValue ValueAt(int index) => _entries[index].Value;

    public int IndexOf(ReadOnlySpan<char> name) => _lookup.TryGetValue(name, out int index) ? index : -1;

    public bool TrySet(int index, ParameterValue value)
    {
        Entry entry = _entries[index];
        double asDouble = value.AsDouble;
        if (value.Type != entry.Value.Type || double.IsNaN(asDouble) || asDouble < entry.Min || asDouble > entry.Max)
        {
            return false;
        }

        _entries[index] = entry with { Value = value };
        return true;
    }

    public ParameterValue this[string name] => _entries[_indexByName[name]].Value;

    private readonly record struct Entry(string Name, ParameterValue Value, double Min, double Max);

    /// <summary>Type used by <see cref="Add"/> callers wanting a float parameter (shorthand).</summary>
    public int AddFloat(string name, float value, double min = double.NegativeInfinity, double max = double.PositiveInfinity) =>
        Add(name, ParameterValue.FromFloat(value), min, max);

    /// <summary>Shorthand for an int32 parameter.</summary>
    public int AddInt32(string name, int value, double min = double.NegativeInfinity, double max = double.PositiveInfinity) =>
        Add(name, ParameterValue.FromInteger(MavParamType.Int32, value), min, max);
}
