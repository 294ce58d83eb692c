namespace StrategicTech.Navigation.Logs;

/// <summary>Resolves a format (with nested formats) into its byte size and flattened leaves.</summary>
internal static class ULogLayout
{
    /// <summary>Result of a resolution: total size, size without trailing padding, and leaves.</summary>
    internal sealed record Resolved(int SizeBytes, int MinimumSizeBytes, IReadOnlyList<ULogField> Fields);

    public static Resolved? TryResolve(ULogFormat format, IReadOnlyDictionary<string, ULogFormat> formats, out string? error)
    {
        var leaves = new List<ULogField>();
        int size = Append(format, formats, "", 0, leaves, 0, out error);
        if (size < 0)
        {
            return null;
        }

        // Trailing padding may be omitted from 'D' messages, so the minimum size ends at the last non-padding field.
        int minimum = size;
        int offset = size;
        for (int i = format.Fields.Count - 1; i >= 0; i--)
        {
            ULogFieldDefinition field = format.Fields[i];
            if (!field.IsPadding)
            {
                break;
            }

            offset -= ULogTypes.SizeOf(field.BaseType) * field.ElementCount;
            minimum = offset;
        }

        return new Resolved(size, Math.Max(minimum, 0), leaves);
    }

    private static int Append(ULogFormat format, IReadOnlyDictionary<string, ULogFormat> formats, string prefix, int baseOffset, List<ULogField> leaves, int depth, out string? error)
    {
        error = null;
        if (depth > ULogLimits.MaxNestingDepth)
        {
            error = $"format \"{format.Name}\" nests deeper than {ULogLimits.MaxNestingDepth} levels (a cycle?)";
            return -1;
        }

        int offset = 0;
        foreach (ULogFieldDefinition field in format.Fields)
        {
            if (field.BaseType == ULogBaseType.Nested)
            {
                if (!formats.TryGetValue(field.TypeName, out ULogFormat? nested))
                {
                    error = $"format \"{format.Name}\" field \"{field.Name}\" uses undefined type \"{field.TypeName}\"";
                    return -1;
                }

                for (int i = 0; i < field.ElementCount; i++)
                {
                    string path = prefix + field.Name + (field.ArrayLength == 0 ? "" : $"[{i}]") + ".";
                    int nestedSize = Append(nested, formats, path, baseOffset + offset, leaves, depth + 1, out error);
                    if (nestedSize < 0)
                    {
                        return -1;
                    }

                    if (nestedSize == 0)
                    {
                        error = $"format \"{format.Name}\" field \"{field.Name}\" has the empty type \"{field.TypeName}\"";
                        return -1;
                    }

                    offset += nestedSize;
                    if (offset > ULogLimits.MaxPayloadBytes)
                    {
                        error = $"format \"{format.Name}\" is larger than a message can carry";
                        return -1;
                    }
                }

                continue;
            }

            int elementSize = ULogTypes.SizeOf(field.BaseType);
            if (!field.IsPadding)
            {
                if (field.BaseType == ULogBaseType.Char && field.ArrayLength > 0)
                {
                    leaves.Add(new ULogField(prefix + field.Name, ULogBaseType.Char, baseOffset + offset, field.ArrayLength));
                }
                else if (field.ArrayLength == 0)
                {
                    leaves.Add(new ULogField(prefix + field.Name, field.BaseType, baseOffset + offset, 0));
                }
                else
                {
                    for (int i = 0; i < field.ArrayLength; i++)
                    {
                        leaves.Add(new ULogField($"{prefix}{field.Name}[{i}]", field.BaseType, baseOffset + offset + (i * elementSize), 0));
                    }
                }
            }

            offset += elementSize * field.ElementCount;
            if (offset > ULogLimits.MaxPayloadBytes)
            {
                error = $"format \"{format.Name}\" is larger than a message can carry";
                return -1;
            }
        }

        return offset;
    }
}
