namespace StrategicTech.Navigation.Logs;

/// <summary>
/// A typed value from an information ('I'/'M') or parameter ('P'/'Q') message, keyed in the file as
/// "type name" (e.g. "char[10] sys_name", "int32_t MAV_SYS_ID", "float MPC_XY_VEL_MAX").
/// </summary>
public sealed class ULogValue
{
    private readonly byte[] _raw;

    public ULogValue(string name, string typeName, ULogBaseType baseType, int arrayLength, byte[] raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        Name = name;
        TypeName = typeName;
        BaseType = baseType;
        ArrayLength = arrayLength;
        _raw = raw;
    }

    public string Name { get; }

    /// <summary>The declared type, e.g. "char[10]" or "float".</summary>
    public string TypeName { get; }

    public ULogBaseType BaseType { get; }

    /// <summary>Element count for arrays, 0 for scalars.</summary>
    public int ArrayLength { get; }

    /// <summary>The raw little-endian bytes.</summary>
    public ReadOnlySpan<byte> Raw => _raw;

    public bool IsString => BaseType == ULogBaseType.Char;

    /// <summary>Numeric value of a scalar (or the first element of an array); NaN for strings and empty values.</summary>
    public double AsDouble() => IsString || _raw.Length < ULogTypes.SizeOf(BaseType) || BaseType == ULogBaseType.Nested
        ? double.NaN
        : ULogTypes.ReadDouble(_raw, BaseType);

    /// <summary>Exact integer value of an integer scalar; floats are truncated.</summary>
    public long AsInt64() => IsString || _raw.Length < ULogTypes.SizeOf(BaseType) || BaseType == ULogBaseType.Nested
        ? 0
        : ULogTypes.ReadInt64(_raw, BaseType);

    /// <summary>The text of a char array value.</summary>
    public string AsString() => ULogTypes.ReadString(_raw);

    /// <summary>Strings as text, numbers in invariant culture ("1.5", "17367168").</summary>
    public override string ToString()
    {
        if (IsString)
        {
            return AsString();
        }

        return BaseType is ULogBaseType.Float or ULogBaseType.Double
            ? AsDouble().ToString("R", System.Globalization.CultureInfo.InvariantCulture)
            : BaseType == ULogBaseType.UInt64
                ? System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(_raw).ToString(System.Globalization.CultureInfo.InvariantCulture)
                : AsInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Parses a "type name" key and checks the value length against the type; returns an error text instead of throwing.</summary>
    internal static ULogValue? TryCreate(string key, byte[] raw, out string? error)
    {
        // PX4 writes keys such as "char[0] perf_top_preflight" (an empty string whose text may follow in continued parts).
        ULogFieldDefinition? field = ULogFieldDefinition.TryParse(key, out error, allowEmptyArray: true);
        if (field is null)
        {
            error = $"key {error}";
            return null;
        }

        if (field.BaseType == ULogBaseType.Nested)
        {
            // Nested types are legal in keys but rare; keep the bytes, decode nothing.
            return new ULogValue(field.Name, field.TypeName, field.BaseType, field.ArrayLength, raw);
        }

        int expected = ULogTypes.SizeOf(field.BaseType) * field.ElementCount;
        if (raw.Length != expected && field.BaseType != ULogBaseType.Char)
        {
            error = $"key \"{key}\" needs {expected} value bytes, message has {raw.Length}";
            return null;
        }

        bool isArray = key.Contains('[', StringComparison.Ordinal);
        string typeName = isArray ? $"{field.TypeName}[{field.ArrayLength}]" : field.TypeName;
        return new ULogValue(field.Name, typeName, field.BaseType, field.ArrayLength, raw);
    }

    /// <summary>Joins a continued multi-information value onto this one.</summary>
    /// <summary>Joins a value split over continued multi-info messages (all of one base type) in one copy.</summary>
    internal static ULogValue Join(IReadOnlyList<ULogValue> pieces)
    {
        int total = 0;
        foreach (ULogValue piece in pieces)
        {
            total = checked(total + piece._raw.Length);
        }

        var joined = new byte[total];
        int at = 0;
        foreach (ULogValue piece in pieces)
        {
            piece._raw.CopyTo(joined, at);
            at += piece._raw.Length;
        }

        ULogValue first = pieces[0];
        int count = joined.Length / Math.Max(ULogTypes.SizeOf(first.BaseType), 1);
        string typeName = $"{ULogTypes.NameOf(first.BaseType)}[{count}]";
        return new ULogValue(first.Name, typeName, first.BaseType, count, joined);
    }
}
