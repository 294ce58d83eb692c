namespace StrategicTech.Drivers.Mavlink.Generator;

/// <summary>One field of a message as declared in the XML (type split into base type and array length).</summary>
public sealed record FieldDefinition(
    string Name,
    string BaseType,
    int ArrayLength,
    bool IsExtension,
    string? Units,
    string? EnumName)
{
    /// <summary>Bytes of one element on the wire.</summary>
    public int ElementSize => WireTypes.SizeOf(BaseType);

    /// <summary>Bytes of the whole field on the wire.</summary>
    public int WireSize => ElementSize * Math.Max(1, ArrayLength);

    public bool IsArray => ArrayLength > 0;

    /// <summary>The type as written in the XML, for documentation (e.g. <c>uint16_t[10]</c>).</summary>
    public string XmlType => IsArray ? $"{BaseType}[{ArrayLength}]" : BaseType;
}

/// <summary>A message: id, name, its defining file and fields in XML order.</summary>
public sealed record MessageDefinition(uint Id, string Name, string FileName, IReadOnlyList<FieldDefinition> Fields);

/// <summary>One enum entry with the file that declared it (MAV_CMD is extended by several dialects).</summary>
public sealed record EnumEntryDefinition(string Name, ulong Value, string FileName);

/// <summary>An enum merged across every file that declares entries for it.</summary>
public sealed class EnumDefinition(string name, string ownerFile, bool isBitmask)
{
    public string Name { get; } = name;

    /// <summary>The file whose namespace holds the C# enum.</summary>
    public string OwnerFile { get; set; } = ownerFile;

    public bool IsBitmask { get; set; } = isBitmask;

    public List<EnumEntryDefinition> Entries { get; } = [];

    /// <summary>Largest wire width (bytes) of a scalar field typed with this enum.</summary>
    public int WidestFieldBytes { get; set; }
}

/// <summary>One XML file: its includes and what it declares.</summary>
public sealed record DialectFile(string Name, IReadOnlyList<string> Includes, IReadOnlyList<MessageDefinition> Messages);
