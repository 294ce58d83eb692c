namespace StrategicTech.Navigation.Logs;

/// <summary>One field of a format definition ('F' message) as written: "type name" or "type[n] name".</summary>
/// <param name="TypeName">The C type or nested format name, without the array suffix.</param>
/// <param name="BaseType">The base type, or <see cref="ULogBaseType.Nested"/>.</param>
/// <param name="ArrayLength">Element count; 0 for a scalar.</param>
/// <param name="Name">Field name.</param>
public sealed record ULogFieldDefinition(string TypeName, ULogBaseType BaseType, int ArrayLength, string Name)
{
    /// <summary>Padding fields keep C struct alignment; they carry no data and a trailing one may be omitted from 'D' messages.</summary>
    public bool IsPadding => Name.StartsWith("_padding", StringComparison.Ordinal);

    /// <summary>Number of elements (1 for a scalar).</summary>
    public int ElementCount => ArrayLength == 0 ? 1 : ArrayLength;

    public override string ToString() => ArrayLength == 0 ? $"{TypeName} {Name}" : $"{TypeName}[{ArrayLength}] {Name}";

    /// <summary>Parses "type name" / "type[n] name"; returns an error text instead of throwing.</summary>
    internal static ULogFieldDefinition? TryParse(string text, out string? error, bool allowEmptyArray = false)
    {
        error = null;
        int space = text.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0 || space == text.Length - 1)
        {
            error = $"field \"{text}\" is not \"type name\"";
            return null;
        }

        string type = text[..space];
        string name = text[(space + 1)..].Trim();
        int arrayLength = 0;
        int bracket = type.IndexOf('[', StringComparison.Ordinal);
        if (bracket >= 0)
        {
            if (!type.EndsWith(']') || !int.TryParse(type.AsSpan(bracket + 1, type.Length - bracket - 2), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out arrayLength)
                || arrayLength < (allowEmptyArray ? 0 : 1) || arrayLength > ULogLimits.MaxPayloadBytes)
            {
                error = $"field \"{text}\" has a bad array length";
                return null;
            }

            type = type[..bracket];
        }

        if (type.Length == 0 || name.Length == 0 || name.Contains(' ', StringComparison.Ordinal))
        {
            error = $"field \"{text}\" is not \"type name\"";
            return null;
        }

        ULogTypes.TryParseBase(type, out ULogBaseType baseType);
        return new ULogFieldDefinition(type, baseType, arrayLength, name);
    }
}
