using System.Buffers.Binary;

namespace StrategicTech.Navigation.Logs;

/// <summary>
/// One subscription instance of a topic (name + multi_id) and all its samples, stored packed (one sample per
/// <see cref="SampleSizeBytes"/>). Fields are read by flattened name ("x", "gyro_rad[2]", "esc[0].esc_rpm").
/// </summary>
public sealed class ULogTopic
{
    private readonly ULogFieldList _fields;
    private readonly Dictionary<string, ULogField> _looked = new(StringComparer.Ordinal);
    private readonly int _timestampOffset;
    private byte[] _samples = [];
    private long[] _timestampsUs = [];

    internal ULogTopic(string name, byte multiId, ULogFormat format, ULogLayout.Resolved layout)
    {
        Name = name;
        MultiId = multiId;
        Format = format;
        _fields = layout.Fields;
        SampleSizeBytes = layout.SizeBytes;
        MinimumSampleSizeBytes = layout.MinimumSizeBytes;

        // Storage grows with the samples actually read: a subscription alone costs no sample buffer.
        _timestampOffset = TryGetField("timestamp", out ULogField ts) && ts.BaseType == ULogBaseType.UInt64 ? ts.OffsetBytes : -1;
    }

    public string Name { get; }

    /// <summary>Instance index of a multi-instance topic (0 for the first).</summary>
    public byte MultiId { get; }

    public ULogFormat Format { get; }

    /// <summary>Flattened readable leaves with their types and byte offsets (padding excluded).</summary>
    public IReadOnlyList<ULogField> Fields => _fields;

    public int SampleSizeBytes { get; }

    /// <summary>Smallest accepted 'D' payload (the format size without trailing padding).</summary>
    public int MinimumSampleSizeBytes { get; }

    public int SampleCount { get; private set; }

    /// <summary>True when the format's first-class "timestamp" (uint64, µs) field exists.</summary>
    public bool HasTimestamp => _timestampOffset >= 0;

    /// <summary>The "timestamp" field of every sample, µs since boot (empty when the topic has none).</summary>
    public ReadOnlySpan<long> TimestampsUs => HasTimestamp ? _timestampsUs.AsSpan(0, SampleCount) : [];

    /// <summary>"name[multi_id]" as PX4 tools print it.</summary>
    public string DisplayName => $"{Name}[{MultiId}]";

    /// <summary>Looks a leaf up by flattened name; looked-up leaves are kept, so repeated reads allocate nothing.</summary>
    public bool TryGetField(string fieldName, out ULogField field)
    {
        ArgumentNullException.ThrowIfNull(fieldName);
        if (_looked.TryGetValue(fieldName, out ULogField? found))
        {
            field = found;
            return true;
        }

        if (_fields.TryFind(fieldName, out field))
        {
            _looked[fieldName] = field;
            return true;
        }

        return false;
    }

    public ULogField GetField(string fieldName) =>
        TryGetField(fieldName, out ULogField field)
            ? field
            : throw new KeyNotFoundException($"topic {DisplayName} has no field \"{fieldName}\" (fields: {string.Join(", ", Fields.Take(12).Select(f => f.Name))}{(Fields.Count > 12 ? ", ..." : "")})");

    /// <summary>The packed bytes of one sample.</summary>
    public ReadOnlySpan<byte> GetSampleBytes(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, SampleCount);
        return _samples.AsSpan(index * SampleSizeBytes, SampleSizeBytes);
    }

    public double GetDouble(string fieldName, int index) => GetDouble(GetField(fieldName), index);

    public double GetDouble(ULogField field, int index)
    {
        ArgumentNullException.ThrowIfNull(field);
        return field.IsString ? double.NaN : ULogTypes.ReadDouble(GetSampleBytes(index)[field.OffsetBytes..], field.BaseType);
    }

    public long GetInt64(string fieldName, int index)
    {
        ULogField field = GetField(fieldName);
        return field.IsString ? 0 : ULogTypes.ReadInt64(GetSampleBytes(index)[field.OffsetBytes..], field.BaseType);
    }

    public string GetString(string fieldName, int index)
    {
        ULogField field = GetField(fieldName);
        return field.IsString
            ? ULogTypes.ReadString(GetSampleBytes(index).Slice(field.OffsetBytes, field.StringLength))
            : throw new ArgumentException($"field \"{fieldName}\" of {DisplayName} is {field.TypeName}, not a string", nameof(fieldName));
    }

    /// <summary>One field over all samples as doubles (a fresh array the caller owns).</summary>
    public double[] GetColumn(string fieldName)
    {
        var column = new double[SampleCount];
        CopyColumn(fieldName, column);
        return column;
    }

    /// <summary>Copies one field over all samples into a caller-owned span (at least <see cref="SampleCount"/> long).</summary>
    public void CopyColumn(string fieldName, Span<double> destination)
    {
        ULogField field = GetField(fieldName);
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, SampleCount, nameof(destination));
        for (int i = 0; i < SampleCount; i++)
        {
            destination[i] = field.IsString ? double.NaN : ULogTypes.ReadDouble(_samples.AsSpan((i * SampleSizeBytes) + field.OffsetBytes), field.BaseType);
        }
    }

    /// <summary>Appends one 'D' payload (without msg_id); omitted trailing padding is zero-filled.</summary>
    internal void Add(ReadOnlySpan<byte> payload)
    {
        int needed = checked((SampleCount + 1) * SampleSizeBytes);
        if (needed > _samples.Length)
        {
            Array.Resize(ref _samples, Math.Max(needed, Math.Min(_samples.Length * 2, Array.MaxLength)));
        }

        if (HasTimestamp && SampleCount == _timestampsUs.Length)
        {
            Array.Resize(ref _timestampsUs, Math.Max(4, _timestampsUs.Length * 2));
        }

        Span<byte> slot = _samples.AsSpan(SampleCount * SampleSizeBytes, SampleSizeBytes);
        payload[..Math.Min(payload.Length, SampleSizeBytes)].CopyTo(slot);
        slot[Math.Min(payload.Length, SampleSizeBytes)..].Clear();
        if (HasTimestamp)
        {
            _timestampsUs[SampleCount] = unchecked((long)BinaryPrimitives.ReadUInt64LittleEndian(slot[_timestampOffset..]));
        }

        SampleCount++;
    }
}
