namespace StrategicTech.Navigation.Logs;

/// <summary>
/// Resolves formats (with nested formats) into byte sizes and a compact member table, once per format name. Arrays
/// and nested arrays are never expanded into one object per element: a 20-byte definition such as
/// <c>uint8_t[65535] x;</c> or <c>inner[4000] y;</c> costs one member here, and <see cref="ULogFieldList"/> names
/// the flattened leaves on demand. So what a log costs in memory follows its bytes, not the sizes it declares.
/// </summary>
internal sealed class ULogLayout
{
    /// <summary>Trailing padding a 'D' message may omit: C struct alignment pads to at most 8 bytes.</summary>
    public const int MaxOmittedTrailingPaddingBytes = 7;

    private readonly Dictionary<string, ULogFormatLayout> _resolved = new(StringComparer.Ordinal);
    private readonly IReadOnlyDictionary<string, ULogFormat> _formats;

    public ULogLayout(IReadOnlyDictionary<string, ULogFormat> formats) => _formats = formats;

    /// <summary>Result of a resolution: total size, size without (at most 7 bytes of) trailing padding, and leaves.</summary>
    internal sealed record Resolved(int SizeBytes, int MinimumSizeBytes, ULogFieldList Fields);

    /// <summary>
    /// The resolved layout of a format (shared by every subscription to it), or null with an error. Formats never
    /// change once defined (the parser refuses a different redefinition), so resolutions are kept for the file.
    /// </summary>
    public Resolved? TryResolve(ULogFormat format, out string? error)
    {
        ULogFormatLayout? layout = Resolve(format, 0, out error);
        if (layout is null)
        {
            return null;
        }

        // Trailing padding may be omitted from 'D' messages, so the minimum size ends at the last non-padding field.
        int minimum = layout.SizeBytes;
        for (int i = format.Fields.Count - 1; i >= 0 && format.Fields[i].IsPadding; i--)
        {
            minimum -= ULogTypes.SizeOf(format.Fields[i].BaseType) * format.Fields[i].ElementCount;
        }

        minimum = Math.Max(Math.Max(minimum, 0), layout.SizeBytes - MaxOmittedTrailingPaddingBytes);
        return new Resolved(layout.SizeBytes, minimum, new ULogFieldList(layout));
    }

    private ULogFormatLayout? Resolve(ULogFormat format, int depth, out string? error)
    {
        error = null;
        if (_resolved.TryGetValue(format.Name, out ULogFormatLayout? done))
        {
            return done;
        }

        if (depth > ULogLimits.MaxNestingDepth)
        {
            error = $"format \"{format.Name}\" nests deeper than {ULogLimits.MaxNestingDepth} levels (a cycle?)";
            return null;
        }

        var members = new ULogMember[format.Fields.Count];
        long offset = 0;
        long leaves = 0;
        for (int k = 0; k < members.Length; k++)
        {
            ULogFieldDefinition field = format.Fields[k];
            ULogFormatLayout? nested = null;
            long elementSize;
            long leavesPerElement;
            if (field.BaseType == ULogBaseType.Nested)
            {
                if (!_formats.TryGetValue(field.TypeName, out ULogFormat? nestedFormat))
                {
                    error = $"format \"{format.Name}\" field \"{field.Name}\" uses undefined type \"{field.TypeName}\"";
                    return null;
                }

                nested = Resolve(nestedFormat, depth + 1, out error);
                if (nested is null)
                {
                    return null;
                }

                if (nested.SizeBytes == 0)
                {
                    error = $"format \"{format.Name}\" field \"{field.Name}\" has the empty type \"{field.TypeName}\"";
                    return null;
                }

                elementSize = nested.SizeBytes;
                leavesPerElement = nested.LeafCount;
            }
            else
            {
                elementSize = ULogTypes.SizeOf(field.BaseType);
                leavesPerElement = field.IsPadding || (field.BaseType == ULogBaseType.Char && field.ArrayLength > 0) ? 0 : 1;
            }

            long memberLeaves = field.IsPadding && nested is null ? 0
                : field.BaseType == ULogBaseType.Char && field.ArrayLength > 0 ? 1
                : checked(leavesPerElement * field.ElementCount);
            members[k] = new ULogMember(field, checked((int)offset), checked((int)elementSize), nested, checked((int)leaves), checked((int)memberLeaves));
            offset = checked(offset + (elementSize * field.ElementCount));
            leaves = checked(leaves + memberLeaves);
            if (offset > ULogLimits.MaxPayloadBytes)
            {
                error = $"format \"{format.Name}\" is larger than a message can carry";
                return null;
            }
        }

        var layout = new ULogFormatLayout(format.Name, (int)offset, (int)leaves, members);
        _resolved[format.Name] = layout;
        return layout;
    }
}

/// <summary>One field of a resolved format: its byte offset, element size and the leaves it spans.</summary>
internal sealed record ULogMember(ULogFieldDefinition Definition, int OffsetBytes, int ElementSizeBytes, ULogFormatLayout? Nested, int FirstLeaf, int LeafCount);

/// <summary>A resolved format: size, leaf count and members, plus a name index built once.</summary>
internal sealed class ULogFormatLayout
{
    private readonly Dictionary<string, int> _byName;

    public ULogFormatLayout(string name, int sizeBytes, int leafCount, ULogMember[] members)
    {
        Name = name;
        SizeBytes = sizeBytes;
        LeafCount = leafCount;
        Members = members;
        _byName = new Dictionary<string, int>(members.Length, StringComparer.Ordinal);
        for (int i = 0; i < members.Length; i++)
        {
            if (members[i].LeafCount > 0)
            {
                _byName.TryAdd(members[i].Definition.Name, i);
            }
        }
    }

    public string Name { get; }

    public int SizeBytes { get; }

    public int LeafCount { get; }

    public ULogMember[] Members { get; }

    public ULogMember? Find(ReadOnlySpan<char> name) =>
        _byName.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(name, out int i) ? Members[i] : null;

    /// <summary>The member holding leaf <paramref name="leaf"/> (binary search over first leaves).</summary>
    public ULogMember MemberOfLeaf(int leaf)
    {
        int lo = 0, hi = Members.Length - 1;
        while (lo < hi)
        {
            int mid = (lo + hi + 1) / 2;
            if (Members[mid].FirstLeaf <= leaf)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }

        // Members with no leaves share a first leaf with the next one; step to the one that holds it.
        while (Members[lo].LeafCount == 0 || leaf >= Members[lo].FirstLeaf + Members[lo].LeafCount)
        {
            lo++;
        }

        return Members[lo];
    }
}
