using System.Text;
using System.Text.Json;

namespace StrategicTech.Sim.Scenarios;

/// <summary>
/// Maps each JSON path of a document (<c>vehicles[0].home.latitudeDeg</c>) to the 1-based line where its property
/// name (or array element) starts, so errors found later on the parsed tree can name the line. Start-up only.
/// </summary>
internal sealed class JsonLineIndex
{
    private readonly Dictionary<string, int> _lines = new(StringComparer.Ordinal);

    private JsonLineIndex()
    {
    }

    public static JsonLineIndex Build(byte[] utf8)
    {
        var index = new JsonLineIndex();
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        var paths = new Stack<(string Path, bool IsArray, int NextIndex)>();
        string pendingProperty = string.Empty;
        int line = 1;
        long scanned = 0;
        while (reader.Read())
        {
            long start = reader.TokenStartIndex;
            for (long i = scanned; i < start; i++)
            {
                if (utf8[i] == (byte)'\n')
                {
                    line++;
                }
            }

            scanned = start;
            if (reader.TokenType == JsonTokenType.PropertyName)
            {
                string parent = paths.Count > 0 ? paths.Peek().Path : string.Empty;
                string name = reader.GetString() ?? string.Empty;
                pendingProperty = parent.Length == 0 ? name : parent + "." + name;
                index._lines.TryAdd(pendingProperty, line);
                continue;
            }

            if (reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
            {
                paths.Pop();
                continue;
            }

            string path = ValuePath(paths, ref pendingProperty);
            if (path.Length > 0)
            {
                index._lines.TryAdd(path, line);
            }

            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    paths.Push((path, false, 0));
                    break;
                case JsonTokenType.StartArray:
                    paths.Push((path, true, 0));
                    break;
            }
        }

        return index;
    }

    public static JsonLineIndex Build(string json) => Build(Encoding.UTF8.GetBytes(json));

    /// <summary>Line of <paramref name="path"/>, or of its nearest recorded ancestor; 0 when none.</summary>
    public int LineOf(string path)
    {
        string p = path;
        while (p.Length > 0)
        {
            if (_lines.TryGetValue(p, out int line))
            {
                return line;
            }

            int cut = Math.Max(p.LastIndexOf('.'), p.LastIndexOf('['));
            p = cut <= 0 ? string.Empty : p[..cut];
        }

        return 0;
    }

    private static string ValuePath(Stack<(string Path, bool IsArray, int NextIndex)> paths, ref string pendingProperty)
    {
        if (paths.Count > 0 && paths.Peek().IsArray)
        {
            (string parent, bool isArray, int next) = paths.Pop();
            paths.Push((parent, isArray, next + 1));
            return parent + "[" + next.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]";
        }

        string path = pendingProperty;
        pendingProperty = string.Empty;
        return path;
    }
}
