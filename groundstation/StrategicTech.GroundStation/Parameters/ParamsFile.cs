using System.Globalization;
using System.Text;
using StrategicTech.Drivers.Mavlink.Dialects.Common;
using StrategicTech.Drivers.Mavlink.Microservices.Parameters;

namespace StrategicTech.GroundStation.Parameters;

/// <summary>
/// QGroundControl's <c>.params</c> text format: <c>#</c> comment lines, then one parameter per line as
/// "vehicle-id component-id name value type" separated by tabs (spaces accepted), type being the MAV_PARAM_TYPE
/// number. Reading checks every field and stops at the first bad one with file, line and field in the message;
/// the file's size is checked before it is read.
/// </summary>
public static class ParamsFile
{
    /// <summary>Largest file accepted (a PX4 vehicle has about 1 500 parameters, ~60 KB).</summary>
    public const long MaxBytes = 4 * 1024 * 1024;

    /// <summary>Reads and checks a file.</summary>
    public static IReadOnlyList<ParamsFileEntry> Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string text;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                throw new ParamsFileException($"{path}: no such file");
            }

            if (info.Length > MaxBytes)
            {
                throw new ParamsFileException(string.Create(CultureInfo.InvariantCulture, $"{path}: {info.Length} bytes is larger than the {MaxBytes}-byte limit for a parameter file"));
            }

            text = File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ParamsFileException($"{path}: {ex.Message}", ex);
        }

        return Parse(text, path);
    }

    /// <summary>Parses file text; <paramref name="source"/> names it in errors.</summary>
    public static IReadOnlyList<ParamsFileEntry> Parse(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        var entries = new List<ParamsFileEntry>();
        var seen = new HashSet<(byte, byte, string)>();
        int lineNumber = 0;
        foreach (string rawLine in text.Split('\n'))
        {
            lineNumber++;
            string line = rawLine.TrimEnd('\r').Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            string[] fields = line.Split(['\t', ' '], StringSplitOptions.RemoveEmptyEntries);
            string where = string.Create(CultureInfo.InvariantCulture, $"{source}:{lineNumber}");
            if (fields.Length != 5)
            {
                throw new ParamsFileException(string.Create(CultureInfo.InvariantCulture,
                    $"{where}: expected 5 fields (vehicle-id component-id name value type), found {fields.Length}"));
            }

            byte system = ParseId(fields[0], where, "vehicle-id");
            byte component = ParseId(fields[1], where, "component-id");
            string name = fields[2];
            if (name.Length > 16)
            {
                throw new ParamsFileException($"{where}: name '{name}' is longer than the 16 characters MAVLink allows");
            }

            if (!int.TryParse(fields[4], NumberStyles.Integer, CultureInfo.InvariantCulture, out int typeNumber)
                || !ParameterValue.IsSupported((MavParamType)typeNumber))
            {
                throw new ParamsFileException($"{where}: type '{fields[4]}' of {name} is not a MAV_PARAM_TYPE of 1-6 or 9");
            }

            var type = (MavParamType)typeNumber;
            if (!ParameterText.TryParse(fields[3], type, out ParameterValue value, out string error))
            {
                throw new ParamsFileException($"{where}: value of {name}: {error}");
            }

            if (!seen.Add((system, component, name)))
            {
                throw new ParamsFileException(string.Create(CultureInfo.InvariantCulture, $"{where}: {name} appears twice for vehicle {system} component {component}"));
            }

            entries.Add(new ParamsFileEntry(system, component, name, value, lineNumber));
        }

        return entries;
    }

    /// <summary>Writes the entries in QGroundControl's layout (header comments, tab-separated, sorted by name).</summary>
    public static void Write(string path, IEnumerable<ParamsFileEntry> entries, string vehicleDescription)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(entries);
        File.WriteAllText(path, Format(entries, vehicleDescription), new UTF8Encoding(false));
    }

    /// <summary>The file text for <paramref name="entries"/>.</summary>
    public static string Format(IEnumerable<ParamsFileEntry> entries, string vehicleDescription)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var b = new StringBuilder();
        b.Append("# Onboard parameters for ").Append(vehicleDescription).Append('\n');
        b.Append("#\n# Vehicle-Id Component-Id Name Value Type\n");
        foreach (ParamsFileEntry e in entries.OrderBy(e => e.SystemId).ThenBy(e => e.ComponentId).ThenBy(e => e.Name, StringComparer.Ordinal))
        {
            b.Append(e.SystemId.ToString(CultureInfo.InvariantCulture)).Append('\t')
                .Append(e.ComponentId.ToString(CultureInfo.InvariantCulture)).Append('\t')
                .Append(e.Name).Append('\t')
                .Append(ParameterText.Format(e.Value)).Append('\t')
                .Append(((int)e.Value.Type).ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        return b.ToString();
    }

    private static byte ParseId(string text, string where, string field)
    {
        if (!byte.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out byte id))
        {
            throw new ParamsFileException($"{where}: {field} '{text}' is not a number from 0 to 255");
        }

        return id;
    }
}
