using System.Globalization;

namespace StrategicTech.Navigation.Planning.Costmaps;

/// <summary>
/// One top-level key of a map.yaml with its line: an inline value, or the indented / dash lines below it (a block
/// list). A hand reader for the subset map files use: <c>key: value</c>, flow lists <c>[a, b]</c>, block lists,
/// quotes and comments; nested content under keys the loader does not read is kept but never interpreted.
/// </summary>
internal sealed class MapYamlEntry
{
    private readonly List<(string Text, int Line)> _children = [];

    private MapYamlEntry(string key, string inline, int line)
    {
        Key = key;
        Inline = inline;
        Line = line;
    }

    public string Key { get; }

    public string Inline { get; }

    /// <summary>1-based line of the key.</summary>
    public int Line { get; }

    public static Dictionary<string, MapYamlEntry> ReadTopLevel(string text, string file)
    {
        var keys = new Dictionary<string, MapYamlEntry>(StringComparer.Ordinal);
        MapYamlEntry? current = null;
        string[] lines = text.Split('\n');
        for (int k = 0; k < lines.Length; k++)
        {
            string raw = StripComment(lines[k].TrimEnd('\r'));
            string line = raw.Trim();
            if (line.Length == 0 || line == "---")
            {
                continue;
            }

            bool nested = char.IsWhiteSpace(raw[0]) || line.StartsWith('-');
            if (nested)
            {
                if (current is null)
                {
                    throw MapFormatException.At(file, k + 1, string.Empty, $"expected 'key: value', got '{line}'");
                }

                current._children.Add((line, k + 1));
                continue;
            }

            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || (colon + 1 < line.Length && !char.IsWhiteSpace(line[colon + 1])))
            {
                throw MapFormatException.At(file, k + 1, string.Empty, $"expected 'key: value', got '{line}'");
            }

            string key = Unquote(line[..colon].Trim());
            current = new MapYamlEntry(key, line[(colon + 1)..].Trim(), k + 1);
            if (!keys.TryAdd(key, current))
            {
                throw MapFormatException.At(file, k + 1, key, "duplicate key");
            }
        }

        return keys;
    }

    /// <summary>The value as one scalar (quotes removed); a list or nested block is an error.</summary>
    public string Scalar(string file)
    {
        if (_children.Count > 0 || Inline.StartsWith('['))
        {
            throw MapFormatException.At(file, Line, Key, "expected a single value, got a list or block");
        }

        return Unquote(Inline);
    }

    /// <summary>The items of a flow list <c>[a, b, c]</c> on the key's line, or of a block list below it.</summary>
    public (string Text, int Line)[] Sequence(string file)
    {
        if (Inline.Length > 0)
        {
            if (_children.Count > 0 || !Inline.StartsWith('[') || !Inline.EndsWith(']'))
            {
                throw MapFormatException.At(file, Line, Key, $"expected a list [a, b, c], got '{Inline}'");
            }

            string inner = Inline[1..^1].Trim();
            return inner.Length == 0 ? [] : [.. inner.Split(',').Select(p => (Unquote(p.Trim()), Line))];
        }

        var items = new (string, int)[_children.Count];
        for (int i = 0; i < items.Length; i++)
        {
            (string text, int line) = _children[i];
            if (!text.StartsWith('-') || (text.Length > 1 && !char.IsWhiteSpace(text[1])))
            {
                throw MapFormatException.At(file, line, Key, string.Create(CultureInfo.InvariantCulture, $"expected a list item '- value', got '{text}'"));
            }

            items[i] = (Unquote(text[1..].Trim()), line);
        }

        return items;
    }

    private static string StripComment(string line)
    {
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            if (line[i] is '"' or '\'')
            {
                quoted = !quoted;
            }
            else if (line[i] == '#' && !quoted && (i == 0 || char.IsWhiteSpace(line[i - 1])))
            {
                return line[..i];
            }
        }

        return line;
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && ((value[0] == '"' && value[^1] == '"') || (value[0] == '\'' && value[^1] == '\'')) ? value[1..^1] : value;
}
