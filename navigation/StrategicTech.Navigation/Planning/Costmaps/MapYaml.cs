using System.Globalization;

namespace StrategicTech.Navigation.Planning.Costmaps;

/// <summary>
/// The flat map_server <c>map.yaml</c>: image, resolution, origin [x, y, yaw], negate, occupied_thresh, free_thresh,
/// mode. image, resolution and origin are required (as in Nav2); negate defaults to 0, mode to trinary, and the
/// thresholds to map_saver's 0.65 and 0.25. Parsed by hand: only flat <c>key: value</c> lines and one flow list.
/// </summary>
public sealed record MapYaml(
    string ImagePath,
    double ResolutionM,
    double OriginXM,
    double OriginYM,
    double OriginYawRad,
    bool Negate,
    double OccupiedThreshold,
    double FreeThreshold,
    MapMode Mode)
{
    public const double DefaultOccupiedThreshold = 0.65;
    public const double DefaultFreeThreshold = 0.25;

    /// <summary>Reads and validates a map.yaml; <see cref="ImagePath"/> is resolved against the YAML's folder.</summary>
    public static MapYaml Load(string yamlPath)
    {
        ArgumentNullException.ThrowIfNull(yamlPath);
        string text;
        try
        {
            text = File.ReadAllText(yamlPath);
        }
        catch (IOException e)
        {
            throw new MapFormatException($"{Path.GetFileName(yamlPath)}: cannot read: {e.Message}", e) { FileName = yamlPath };
        }

        return Parse(text, yamlPath);
    }

    public static MapYaml Parse(string text, string yamlPath)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(yamlPath);
        var keys = new Dictionary<string, (string Value, int Line)>(StringComparer.Ordinal);
        string[] lines = text.Split('\n');
        for (int k = 0; k < lines.Length; k++)
        {
            string line = StripComment(lines[k].TrimEnd('\r')).Trim();
            if (line.Length == 0 || line == "---")
            {
                continue;
            }

            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw MapFormatException.At(yamlPath, k + 1, string.Empty, $"expected 'key: value', got '{line}'");
            }

            string key = line[..colon].Trim();
            string value = Unquote(line[(colon + 1)..].Trim());
            if (!keys.TryAdd(key, (value, k + 1)))
            {
                throw MapFormatException.At(yamlPath, k + 1, key, "duplicate key");
            }
        }

        string image = Required(keys, "image", yamlPath).Value;
        if (image.Length == 0)
        {
            throw MapFormatException.At(yamlPath, keys["image"].Line, "image", "expected a file name, got ''");
        }

        double resolution = Number(keys, "resolution", yamlPath, null, v => v > 0, "a positive number");
        (string originText, int originLine) = Required(keys, "origin", yamlPath);
        double[] origin = ParseOrigin(originText, originLine, yamlPath);
        bool negate = Number(keys, "negate", yamlPath, 0, v => v is 0 or 1, "0 or 1") == 1;
        double occupied = Number(keys, "occupied_thresh", yamlPath, DefaultOccupiedThreshold, v => v is >= 0 and <= 1, "a number in [0, 1]");
        double free = Number(keys, "free_thresh", yamlPath, DefaultFreeThreshold, v => v is >= 0 and <= 1, "a number in [0, 1]");
        if (free > occupied)
        {
            throw MapFormatException.At(yamlPath, keys.TryGetValue("free_thresh", out var f) ? f.Line : 0, "free_thresh",
                string.Create(CultureInfo.InvariantCulture, $"{free} is above occupied_thresh {occupied}"));
        }

        MapMode mode = MapMode.Trinary;
        if (keys.TryGetValue("mode", out var m))
        {
            mode = m.Value switch
            {
                "trinary" => MapMode.Trinary,
                "scale" => MapMode.Scale,
                "raw" => MapMode.Raw,
                _ => throw MapFormatException.At(yamlPath, m.Line, "mode", $"expected trinary, scale or raw, got '{m.Value}'"),
            };
        }

        string folder = Path.GetDirectoryName(Path.GetFullPath(yamlPath)) ?? ".";
        string imagePath = Path.IsPathRooted(image) ? image : Path.Combine(folder, image);
        return new MapYaml(imagePath, resolution, origin[0], origin[1], origin[2], negate, occupied, free, mode);
    }

    private static (string Value, int Line) Required(Dictionary<string, (string Value, int Line)> keys, string key, string file) =>
        keys.TryGetValue(key, out var v) ? v : throw MapFormatException.At(file, 0, key, "required key is missing");

    private static double Number(Dictionary<string, (string Value, int Line)> keys, string key, string file, double? fallback, Func<double, bool> valid, string expected)
    {
        if (!keys.TryGetValue(key, out var entry))
        {
            return fallback ?? throw MapFormatException.At(file, 0, key, "required key is missing");
        }

        if (!double.TryParse(entry.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v) || !valid(v))
        {
            throw MapFormatException.At(file, 0, key, $"expected {expected}, got '{entry.Value}'");
        }

        return v;
    }

    private static double[] ParseOrigin(string text, int line, string file)
    {
        string inner = text.Trim();
        if (!inner.StartsWith('[') || !inner.EndsWith(']'))
        {
            throw MapFormatException.At(file, 0, "origin", $"expected [x, y, yaw], got '{text}'");
        }

        string[] parts = inner[1..^1].Split(',');
        var values = new double[3];
        if (parts.Length != 3)
        {
            throw MapFormatException.At(file, 0, "origin", $"expected 3 numbers [x, y, yaw], got '{text}'");
        }

        for (int i = 0; i < 3; i++)
        {
            if (!double.TryParse(parts[i].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) || !double.IsFinite(values[i]))
            {
                throw MapFormatException.At(file, 0, "origin", $"expected a number, got '{parts[i].Trim()}'");
            }
        }

        _ = line;
        return values;
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
