using System.Globalization;

namespace StrategicTech.Autopilot.Parameters;

/// <summary>
/// The vehicle's parameter table: definitions in a fixed order (the MAVLink param_index) and their current values.
/// Every set is validated against the definition and then, as a candidate table, against the cross-parameter
/// <see cref="CombinationRule"/> (e.g. MPC_THR_MIN &lt; MPC_THR_HOVER): a refused set changes nothing and is counted,
/// so the table always holds a combination the vehicle can bind. <see cref="Version"/> grows on every accepted change
/// so consumers can re-read their typed structs outside the control loop.
/// Not thread-safe: owned by one thread (the loop or the parameter service), as the topic bus dictates.
/// </summary>
public sealed class ParameterStore
{
    private readonly ParameterDefinition[] _definitions;
    private readonly double[] _values;
    private readonly Dictionary<string, int> _indexByName;

    public ParameterStore(IEnumerable<ParameterDefinition> definitions)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        _definitions = [.. definitions];
        _values = new double[_definitions.Length];
        _indexByName = new Dictionary<string, int>(_definitions.Length, StringComparer.Ordinal);
        for (int i = 0; i < _definitions.Length; i++)
        {
            ParameterDefinition d = _definitions[i] ?? throw new ArgumentException($"definition {i} is null", nameof(definitions));
            if (!_indexByName.TryAdd(d.Name, i))
            {
                throw new ArgumentException($"parameter {d.Name} is defined twice", nameof(definitions));
            }

            _values[i] = d.DefaultValue;
        }
    }

    public int Count => _definitions.Length;

    public IReadOnlyList<ParameterDefinition> Definitions => _definitions;

    /// <summary>Grows by one on every accepted change.</summary>
    public long Version { get; private set; }

    /// <summary>How many sets were refused (unknown name, not finite, not whole, out of range, broken combination).</summary>
    public long RejectedCount { get; private set; }

    /// <summary>
    /// The cross-parameter rules: given the store holding a candidate table, returns null when the combination is
    /// valid or why not (it may throw <see cref="ParameterException"/> or <see cref="ArgumentException"/> instead).
    /// Set at start-up, before the first set; runs only on a changing set (it may allocate).
    /// </summary>
    public Func<ParameterStore, string?>? CombinationRule { get; set; }

    /// <summary>Why the last set was refused by <see cref="CombinationRule"/> (null until one is).</summary>
    public string? LastCombinationProblem { get; private set; }

    /// <summary>Index of <paramref name="name"/> (its MAVLink param_index), or −1 when unknown.</summary>
    public int IndexOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _indexByName.TryGetValue(name, out int index) ? index : -1;
    }

    public ParameterDefinition Definition(int index) => _definitions[index];

    public double Get(int index) => _values[index];

    public double Get(string name) => _values[RequireIndex(name)];

    public int GetInt32(string name)
    {
        int index = RequireIndex(name);
        if (_definitions[index].Type != ParameterType.Int32)
        {
            throw new ParameterException(name, $"is {_definitions[index].Type}, not Int32");
        }

        return (int)_values[index];
    }

    /// <summary>Validates and stores a value; returns why not when refused (nothing changes then).</summary>
    public ParameterSetResult TrySet(int index, double value)
    {
        if ((uint)index >= (uint)_definitions.Length)
        {
            RejectedCount++;
            return ParameterSetResult.UnknownName;
        }

        ParameterDefinition d = _definitions[index];
        ParameterSetResult verdict = !double.IsFinite(value) ? ParameterSetResult.NotFinite
            : d.Type == ParameterType.Int32 && Math.Floor(value) != value ? ParameterSetResult.NotWholeNumber
            : value < d.Min || value > d.Max ? ParameterSetResult.OutOfRange
            : ParameterSetResult.Accepted;
        if (verdict != ParameterSetResult.Accepted)
        {
            RejectedCount++;
            return verdict;
        }

        double old = _values[index];
        if (old == value)
        {
            return ParameterSetResult.Unchanged;
        }

        // The candidate table is checked before anything is kept: a refused combination leaves the old value.
        _values[index] = value;
        string? problem = CombinationProblem();
        if (problem is not null)
        {
            _values[index] = old;
            RejectedCount++;
            LastCombinationProblem = $"{d.Name} = {d.FormatValue(value)}: {problem}";
            return ParameterSetResult.InvalidCombination;
        }

        Version++;
        return ParameterSetResult.Accepted;
    }

    public ParameterSetResult TrySet(string name, double value)
    {
        int index = IndexOf(name);
        if (index < 0)
        {
            RejectedCount++;
            return ParameterSetResult.UnknownName;
        }

        return TrySet(index, value);
    }

    /// <summary>Sets a value or throws a <see cref="ParameterException"/> naming the parameter, the value and the limits.</summary>
    public void Set(string name, double value)
    {
        int index = IndexOf(name);
        if (index < 0)
        {
            RejectedCount++;
            throw new ParameterException(name, "unknown parameter");
        }

        ParameterSetResult result = TrySet(index, value);
        if (result is not (ParameterSetResult.Accepted or ParameterSetResult.Unchanged))
        {
            throw new ParameterException(name, _definitions[index].ValueProblem(value)
                ?? (result == ParameterSetResult.InvalidCombination ? LastCombinationProblem : null) ?? "refused");
        }
    }

    /// <summary>Every parameter back to its default (one change; the defaults are a valid combination).</summary>
    public void ResetToDefaults()
    {
        bool changed = false;
        for (int i = 0; i < _definitions.Length; i++)
        {
            changed |= _values[i] != _definitions[i].DefaultValue;
            _values[i] = _definitions[i].DefaultValue;
        }

        if (changed)
        {
            Version++;
        }
    }

    /// <summary>Copies every value, in definition order, into <paramref name="destination"/> (length ≥ <see cref="Count"/>); no allocation.</summary>
    public void CopyValuesTo(Span<double> destination) => _values.CopyTo(destination);

    /// <summary>Writes every parameter as "NAME VALUE" lines (invariant culture, round-trip precision).</summary>
    public void Save(TextWriter writer) => Save(writer, _values);

    /// <summary>Writes <paramref name="snapshot"/> (values in definition order, from <see cref="CopyValuesTo"/>) as <see cref="Save(TextWriter)"/> would.</summary>
    public void Save(TextWriter writer, ReadOnlySpan<double> snapshot)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (snapshot.Length != _definitions.Length)
        {
            throw new ArgumentException($"snapshot has {snapshot.Length} values, the store {_definitions.Length}", nameof(snapshot));
        }

        writer.WriteLine("# StrategicTech.Autonomy parameters: NAME VALUE per line; '#' starts a comment");
        for (int i = 0; i < _definitions.Length; i++)
        {
            ParameterDefinition d = _definitions[i];
            writer.Write(d.Name);
            writer.Write('\t');
            writer.WriteLine(d.FormatValue(snapshot[i]));
        }
    }

    /// <summary>Writes to <paramref name="path"/> through a temporary file, so a crash never leaves half a file.</summary>
    public void SaveFile(string path) => SaveFile(path, _values);

    /// <summary>Writes <paramref name="snapshot"/> (see <see cref="Save(TextWriter, ReadOnlySpan{double})"/>) to <paramref name="path"/> through a temporary file.</summary>
    public void SaveFile(string path, ReadOnlySpan<double> snapshot)
    {
        ArgumentNullException.ThrowIfNull(path);
        string temporary = path + ".tmp";
        using (var writer = new StreamWriter(temporary, append: false, new System.Text.UTF8Encoding(false)))
        {
            Save(writer, snapshot);
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>
    /// Reads "NAME VALUE" lines ('#' starts a comment, also after a value). The whole file is checked before anything is applied: any problem (malformed line,
    /// unknown or repeated name, bad number, value out of range) throws a <see cref="ParameterFileException"/> naming
    /// <paramref name="sourceName"/> and the line, and the store keeps its values. Parameters absent from the file keep
    /// their current values. Returns how many values the file set.
    /// </summary>
    public int Load(TextReader reader, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(sourceName);
        var pending = new List<(int Index, double Value)>();
        var seenOnLine = new Dictionary<int, int>();
        int lineNumber = 0;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            int comment = line.IndexOf('#', StringComparison.Ordinal);
            string content = (comment >= 0 ? line[..comment] : line).Trim();
            if (content.Length == 0)
            {
                continue;
            }

            string[] fields = content.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length != 2)
            {
                throw new ParameterFileException(sourceName, lineNumber, $"expected 'NAME VALUE', found {fields.Length} fields in '{content}'");
            }

            int index = IndexOf(fields[0]);
            if (index < 0)
            {
                throw new ParameterFileException(sourceName, lineNumber, $"unknown parameter '{fields[0]}'");
            }

            if (seenOnLine.TryGetValue(index, out int firstLine))
            {
                throw new ParameterFileException(sourceName, lineNumber, $"parameter {fields[0]} already set on line {firstLine}");
            }

            if (!double.TryParse(fields[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
            {
                throw new ParameterFileException(sourceName, lineNumber, $"parameter {fields[0]}: '{fields[1]}' is not a number");
            }

            string? problem = _definitions[index].ValueProblem(value);
            if (problem is not null)
            {
                throw new ParameterFileException(sourceName, lineNumber, $"parameter {fields[0]}: {problem}");
            }

            seenOnLine.Add(index, lineNumber);
            pending.Add((index, value));
        }

        // The file's values are one candidate table: the combination is checked whole, applied whole or not at all.
        double[] before = (double[])_values.Clone();
        bool changed = false;
        foreach ((int index, double value) in pending)
        {
            changed |= _values[index] != value;
            _values[index] = value;
        }

        string? combination = changed ? CombinationProblem() : null;
        if (combination is not null)
        {
            before.CopyTo(_values, 0);
            throw new ParameterFileException(sourceName, 0, $"the file's values break a cross-parameter rule: {combination}");
        }

        if (changed)
        {
            Version++;
        }

        return pending.Count;
    }

    public int LoadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var reader = new StreamReader(path);
        return Load(reader, path);
    }

    private string? CombinationProblem()
    {
        if (CombinationRule is null)
        {
            return null;
        }

        try
        {
            return CombinationRule(this);
        }
        catch (Exception e) when (e is ParameterException or ArgumentException)
        {
            return e.Message;
        }
    }

    private int RequireIndex(string name)
    {
        int index = IndexOf(name);
        return index >= 0 ? index : throw new ParameterException(name, "unknown parameter");
    }
}
