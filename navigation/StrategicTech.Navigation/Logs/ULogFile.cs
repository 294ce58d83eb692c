namespace StrategicTech.Navigation.Logs;

/// <summary>A parsed ULog file: header, flags, definitions, typed info and parameters, topics with samples, logged strings.</summary>
public sealed class ULogFile
{
    internal ULogFile()
    {
    }

    /// <summary>File format version byte from the header.</summary>
    public byte Version { get; internal set; }

    /// <summary>Logging start time from the header, µs since boot.</summary>
    public long StartTimestampUs { get; internal set; }

    /// <summary>compat_flags[0..7] of the flag bits message as a little-endian word (0 when absent).</summary>
    public ulong CompatFlags { get; internal set; }

    /// <summary>incompat_flags[0..7] as a little-endian word (0 when absent).</summary>
    public ulong IncompatFlags { get; internal set; }

    /// <summary>compat_flags[0] bit 0: the log holds default parameters ('Q').</summary>
    public bool HasDefaultParametersFlag => (CompatFlags & 1) != 0;

    /// <summary>incompat_flags[0] bit 0: data was appended after the main log at <see cref="AppendedOffsets"/>.</summary>
    public bool HasAppendedData => (IncompatFlags & 1) != 0;

    /// <summary>Non-zero appended-data file offsets from the flag bits message.</summary>
    public IReadOnlyList<long> AppendedOffsets { get; internal set; } = [];

    public IReadOnlyDictionary<string, ULogFormat> Formats { get; internal set; } = new Dictionary<string, ULogFormat>();

    /// <summary>Information messages ('I') by key name ("sys_name", "ver_hw", ...).</summary>
    public IReadOnlyDictionary<string, ULogValue> Info { get; internal set; } = new Dictionary<string, ULogValue>();

    /// <summary>Multi-information messages ('M') by key name; continued parts are joined.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<ULogValue>> MultiInfo { get; internal set; } = new Dictionary<string, IReadOnlyList<ULogValue>>();

    /// <summary>Parameter values at start of logging ('P' in the definitions section).</summary>
    public IReadOnlyDictionary<string, ULogValue> Parameters { get; internal set; } = new Dictionary<string, ULogValue>();

    /// <summary>Parameters changed during logging ('P' in the data section).</summary>
    public IReadOnlyList<ULogParameterChange> ParameterChanges { get; internal set; } = [];

    /// <summary>Default parameter values ('Q').</summary>
    public IReadOnlyList<ULogDefaultParameter> DefaultParameters { get; internal set; } = [];

    /// <summary>Topic instances in subscription order.</summary>
    public IReadOnlyList<ULogTopic> Topics { get; internal set; } = [];

    public IReadOnlyList<ULogLoggedMessage> LoggedMessages { get; internal set; } = [];

    public IReadOnlyList<ULogDropout> Dropouts { get; internal set; } = [];

    public int SyncCount { get; internal set; }

    public ULogReadReport Report { get; } = new();

    /// <summary>Earliest sample timestamp over all topics (µs), or <see cref="StartTimestampUs"/> when there are none.</summary>
    public long FirstTimestampUs => Bound(first: true);

    /// <summary>Latest sample timestamp over all topics (µs), or <see cref="StartTimestampUs"/> when there are none.</summary>
    public long LastTimestampUs => Bound(first: false);

    /// <summary>The topic instance, or null.</summary>
    public ULogTopic? FindTopic(string name, int multiId = 0)
    {
        foreach (ULogTopic topic in Topics)
        {
            if (topic.MultiId == multiId && string.Equals(topic.Name, name, StringComparison.Ordinal))
            {
                return topic;
            }
        }

        return null;
    }

    /// <summary>The topic instance; throws <see cref="KeyNotFoundException"/> naming it when absent.</summary>
    public ULogTopic GetTopic(string name, int multiId = 0) =>
        FindTopic(name, multiId) ?? throw new KeyNotFoundException($"ULog has no topic {name}[{multiId}]");

    /// <summary>A parameter's start value as a double; throws <see cref="KeyNotFoundException"/> when absent.</summary>
    public double GetParameter(string name) =>
        Parameters.TryGetValue(name, out ULogValue? value) ? value.AsDouble() : throw new KeyNotFoundException($"ULog has no parameter \"{name}\"");

    private long Bound(bool first)
    {
        long best = first ? long.MaxValue : long.MinValue;
        foreach (ULogTopic topic in Topics)
        {
            ReadOnlySpan<long> ts = topic.TimestampsUs;
            foreach (long t in ts)
            {
                best = first ? Math.Min(best, t) : Math.Max(best, t);
            }
        }

        return best is long.MaxValue or long.MinValue ? StartTimestampUs : best;
    }
}
