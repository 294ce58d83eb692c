namespace StrategicTech.Navigation.Logs;

/// <summary>A message format definition ('F' message): "name:type field;type field;...".</summary>
public sealed class ULogFormat
{
    public ULogFormat(string name, IReadOnlyList<ULogFieldDefinition> fields)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(fields);
        Name = name;
        Fields = fields;
    }

    public string Name { get; }

    /// <summary>Fields in declaration order, including padding fields.</summary>
    public IReadOnlyList<ULogFieldDefinition> Fields { get; }

    /// <summary>The definition text as it appears in the file.</summary>
    public override string ToString() => Name + ":" + string.Concat(Fields.Select(f => f + ";"));

    /// <summary>Parses a format definition; returns an error text instead of throwing.</summary>
    internal static ULogFormat? TryParse(string text, out string? error)
    {
        int colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            error = $"format \"{Clip(text)}\" has no \"name:\" prefix";
            return null;
        }

        var fields = new List<ULogFieldDefinition>();
        foreach (string part in text[(colon + 1)..].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            ULogFieldDefinition? field = ULogFieldDefinition.TryParse(part, out error);
            if (field is null)
            {
                error = $"format \"{Clip(text[..colon])}\": {error}";
                return null;
            }

            fields.Add(field);
        }

        error = null;
        return new ULogFormat(text[..colon], fields);
    }

    private static string Clip(string s) => s.Length <= 80 ? s : s[..80] + "...";
}
