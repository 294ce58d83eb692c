using System.Globalization;

namespace StrategicTech.Navigation.Planning.Costmaps;

/// <summary>
/// The flat map_server <c>map.yaml</c>, read rule for rule as Nav2's <c>map_io::loadMapYaml</c>: image, resolution,
/// origin (3 numbers, flow <c>[x, y, yaw]</c> or a block list), free_thresh, occupied_thresh and negate are required;
/// mode is optional (trinary by default, matched case-insensitively); negate is an integer (non-zero = true) or a YAML
/// boolean (true/false, yes/no, on/off, y/n). Unknown keys are ignored. Beyond Nav2 (which would load them into a
/// meaningless grid) a non-positive resolution, a threshold outside [0, 1] and free_thresh above occupied_thresh are
/// refused. Every error names the file, the line (0 when a key is missing) and the key.
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
        Dictionary<string, MapYamlEntry> keys = MapYamlEntry.ReadTopLevel(text, yamlPath);

        MapYamlEntry imageEntry = Required(keys, "image", yamlPath);
        string image = imageEntry.Scalar(yamlPath);
        if (image.Length == 0)
        {
            throw MapFormatException.At(yamlPath, imageEntry.Line, "image", "the image tag is empty");
        }

        double resolution = Number(keys, "resolution", yamlPath, v => v > 0, "a positive number");
        double[] origin = Origin(Required(keys, "origin", yamlPath), yamlPath);
        double free = Number(keys, "free_thresh", yamlPath, v => v is >= 0 and <= 1, "a number in [0, 1]");
        double occupied = Number(keys, "occupied_thresh", yamlPath, v => v is >= 0 and <= 1, "a number in [0, 1]");
        if (free > occupied)
        {
            throw MapFormatException.At(yamlPath, keys["free_thresh"].Line, "free_thresh",
                string.Create(CultureInfo.InvariantCulture, $"{free} is above occupied_thresh {occupied}"));
        }

        MapMode mode = MapMode.Trinary;
        if (keys.TryGetValue("mode", out MapYamlEntry? m))
        {
            string name = m.Scalar(yamlPath);
            mode = name.ToLowerInvariant() switch
            {
                "trinary" => MapMode.Trinary,
                "scale" => MapMode.Scale,
                "raw" => MapMode.Raw,
                _ => throw MapFormatException.At(yamlPath, m.Line, "mode", $"expected trinary, scale or raw, got '{name}'"),
            };
        }

        bool negate = Negated(Required(keys, "negate", yamlPath), yamlPath);
        string folder = Path.GetDirectoryName(Path.GetFullPath(yamlPath)) ?? ".";
        string imagePath = Path.IsPathRooted(image) ? image : Path.Combine(folder, image);
        return new MapYaml(imagePath, resolution, origin[0], origin[1], origin[2], negate, occupied, free, mode);
    }

    private static MapYamlEntry Required(Dictionary<string, MapYamlEntry> keys, string key, string file) =>
        keys.TryGetValue(key, out MapYamlEntry? v) ? v : throw MapFormatException.At(file, 0, key, "required key is missing");

    private static double Number(Dictionary<string, MapYamlEntry> keys, string key, string file, Func<double, bool> valid, string expected)
    {
        MapYamlEntry entry = Required(keys, key, file);
        string text = entry.Scalar(file);
        if (!TryNumber(text, out double v) || !valid(v))
        {
            throw MapFormatException.At(file, entry.Line, key, $"expected {expected}, got '{text}'");
        }

        return v;
    }

    private static bool TryNumber(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    private static double[] Origin(MapYamlEntry entry, string file)
    {
        (string Text, int Line)[] items = entry.Sequence(file);
        if (items.Length != 3)
        {
            throw MapFormatException.At(file, entry.Line, "origin",
                string.Create(CultureInfo.InvariantCulture, $"expected 3 numbers [x, y, yaw], got {items.Length}"));
        }

        var values = new double[3];
        for (int i = 0; i < 3; i++)
        {
            if (!TryNumber(items[i].Text, out values[i]))
            {
                throw MapFormatException.At(file, items[i].Line, "origin", $"expected a number, got '{items[i].Text}'");
            }
        }

        return values;
    }

    /// <summary>Nav2 reads negate as an int first and, when that fails, as a YAML boolean.</summary>
    private static bool Negated(MapYamlEntry entry, string file)
    {
        string text = entry.Scalar(file);
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long n))
        {
            return n != 0;
        }

        return text switch
        {
            "true" or "True" or "TRUE" or "yes" or "Yes" or "YES" or "on" or "On" or "ON" or "y" or "Y" => true,
            "false" or "False" or "FALSE" or "no" or "No" or "NO" or "off" or "Off" or "OFF" or "n" or "N" => false,
            _ => throw MapFormatException.At(file, entry.Line, "negate", $"expected an integer or true/false, got '{text}'"),
        };
    }
}
