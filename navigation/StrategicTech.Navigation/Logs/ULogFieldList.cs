using System.Collections;
using System.Globalization;
using System.Text;

namespace StrategicTech.Navigation.Logs;

/// <summary>
/// The flattened leaves of a format ("x", "gyro_rad[1]", "esc[3].esc_rpm"), named on demand from the compact
/// <see cref="ULogFormatLayout"/>: indexing or looking a name up builds one <see cref="ULogField"/>, so a format
/// that declares 65 535 array elements costs nothing until a caller asks for them.
/// </summary>
public sealed class ULogFieldList : IReadOnlyList<ULogField>
{
    private readonly ULogFormatLayout _layout;

    internal ULogFieldList(ULogFormatLayout layout) => _layout = layout;

    public int Count => _layout.LeafCount;

    public ULogField this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            var name = new StringBuilder();
            ULogFormatLayout layout = _layout;
            int offset = 0;
            int leaf = index;
            while (true)
            {
                ULogMember member = layout.MemberOfLeaf(leaf);
                ULogFieldDefinition field = member.Definition;
                int within = leaf - member.FirstLeaf;
                name.Append(field.Name);
                if (member.Nested is { } nested)
                {
                    int element = within / nested.LeafCount;
                    if (field.ArrayLength > 0)
                    {
                        name.Append(CultureInfo.InvariantCulture, $"[{element}]");
                    }

                    name.Append('.');
                    offset += member.OffsetBytes + (element * member.ElementSizeBytes);
                    leaf = within - (element * nested.LeafCount);
                    layout = nested;
                    continue;
                }

                if (field.BaseType == ULogBaseType.Char && field.ArrayLength > 0)
                {
                    return new ULogField(name.ToString(), ULogBaseType.Char, offset + member.OffsetBytes, field.ArrayLength);
                }

                if (field.ArrayLength > 0)
                {
                    name.Append(CultureInfo.InvariantCulture, $"[{within}]");
                }

                return new ULogField(name.ToString(), field.BaseType, offset + member.OffsetBytes + (within * member.ElementSizeBytes), 0);
            }
        }
    }

    /// <summary>Finds a leaf by its flattened name without enumerating the others.</summary>
    public bool TryFind(string path, out ULogField field)
    {
        ArgumentNullException.ThrowIfNull(path);
        field = null!;
        ReadOnlySpan<char> rest = path;
        ULogFormatLayout layout = _layout;
        int offset = 0;
        while (true)
        {
            int end = rest.IndexOfAny('[', '.');
            ReadOnlySpan<char> name = end < 0 ? rest : rest[..end];
            rest = end < 0 ? [] : rest[end..];
            if (layout.Find(name) is not { } member)
            {
                return false;
            }

            ULogFieldDefinition definition = member.Definition;
            int element = 0;
            bool indexed = rest.Length > 0 && rest[0] == '[';
            if (indexed)
            {
                int close = rest.IndexOf(']');
                if (close < 2 || !int.TryParse(rest[1..close], NumberStyles.None, CultureInfo.InvariantCulture, out element)
                    || definition.ArrayLength == 0 || element >= definition.ArrayLength
                    || (definition.BaseType == ULogBaseType.Char && member.Nested is null))
                {
                    return false;
                }

                rest = rest[(close + 1)..];
            }
            else if (definition.ArrayLength > 0 && !(definition.BaseType == ULogBaseType.Char && member.Nested is null))
            {
                return false;
            }

            if (member.Nested is { } nested)
            {
                if (rest.Length < 2 || rest[0] != '.')
                {
                    return false;
                }

                rest = rest[1..];
                offset += member.OffsetBytes + (element * member.ElementSizeBytes);
                layout = nested;
                continue;
            }

            if (rest.Length > 0)
            {
                return false;
            }

            field = definition.BaseType == ULogBaseType.Char && definition.ArrayLength > 0
                ? new ULogField(path, ULogBaseType.Char, offset + member.OffsetBytes, definition.ArrayLength)
                : new ULogField(path, definition.BaseType, offset + member.OffsetBytes + (element * member.ElementSizeBytes), 0);
            return true;
        }
    }

    public IEnumerator<ULogField> GetEnumerator()
    {
        for (int i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
