namespace StrategicTech.Drivers.Mavlink.Generator;

/// <summary>
/// Wire facts of a message per the MAVLink serialization spec: base fields sorted by element size (largest
/// first, stable), extension fields after them in XML order; CRC_EXTRA over the name and the base fields.
/// </summary>
public sealed class WireLayout
{
    public WireLayout(MessageDefinition message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var baseFields = message.Fields.Where(f => !f.IsExtension).OrderByDescending(f => f.ElementSize).ToList();
        var extensions = message.Fields.Where(f => f.IsExtension).ToList();
        var ordered = new List<(FieldDefinition, int)>();
        int offset = 0;
        foreach (var field in baseFields)
        {
            ordered.Add((field, offset));
            offset += field.WireSize;
        }

        MinLength = offset;
        foreach (var field in extensions)
        {
            ordered.Add((field, offset));
            offset += field.WireSize;
        }

        MaxLength = offset;
        Fields = ordered;
        TargetSystemOffset = OffsetOf(ordered, "target_system");
        TargetComponentOffset = OffsetOf(ordered, "target_component");
        CrcExtra = ComputeCrcExtra(message.Name, baseFields);
    }

    /// <summary>Fields in wire order with their byte offset in the payload.</summary>
    public IReadOnlyList<(FieldDefinition Field, int Offset)> Fields { get; }

    /// <summary>Payload length without extensions (the MAVLink 1 length).</summary>
    public int MinLength { get; }

    /// <summary>Payload length with every extension field.</summary>
    public int MaxLength { get; }

    public byte CrcExtra { get; }

    /// <summary>Payload offset of a scalar uint8 <c>target_system</c> field, or -1 (routers use it).</summary>
    public int TargetSystemOffset { get; }

    /// <summary>Payload offset of a scalar uint8 <c>target_component</c> field, or -1.</summary>
    public int TargetComponentOffset { get; }

    private static int OffsetOf(List<(FieldDefinition Field, int Offset)> fields, string name)
    {
        foreach (var (field, offset) in fields)
        {
            if (field.Name == name && !field.IsArray && field.ElementSize == 1)
            {
                return offset;
            }
        }

        return -1;
    }

    private static byte ComputeCrcExtra(string name, List<FieldDefinition> baseFields)
    {
        ushort crc = 0xFFFF;
        crc = Accumulate(crc, name + " ");
        foreach (var field in baseFields)
        {
            crc = Accumulate(crc, field.BaseType + " ");
            crc = Accumulate(crc, field.Name + " ");
            if (field.IsArray)
            {
                crc = Accumulate(crc, (byte)field.ArrayLength);
            }
        }

        return (byte)((crc & 0xFF) ^ (crc >> 8));
    }

    private static ushort Accumulate(ushort crc, string text)
    {
        foreach (char c in text)
        {
            crc = Accumulate(crc, (byte)c);
        }

        return crc;
    }

    // X.25 / CRC-16/MCRF4XX step, as in the MAVLink spec.
    private static ushort Accumulate(ushort crc, byte b)
    {
        int tmp = b ^ (crc & 0xFF);
        tmp = (tmp ^ (tmp << 4)) & 0xFF;
        return (ushort)((crc >> 8) ^ (tmp << 8) ^ (tmp << 3) ^ (tmp >> 4));
    }
}
