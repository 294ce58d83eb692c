using System.Globalization;

namespace StrategicTech.Navigation.Missions;

/// <summary>
/// Reads MAVProxy rally files: one <c>RALLY lat lon alt break_alt land_dir flags</c> line per point (degrees,
/// metres relative to home, land direction in degrees). Errors name file, line and field.
/// </summary>
public static class RallyFileReader
{
    private static readonly string[] FieldNames = ["latitude", "longitude", "altitude", "break_alt", "land_dir", "flags"];

    public static IReadOnlyList<RallyPoint> ReadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Parse(File.ReadAllText(path), Path.GetFileName(path));
    }

    public static IReadOnlyList<RallyPoint> Parse(string text, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(sourceName);
        var points = new List<RallyPoint>();
        string[] lines = text.Split('\n');
        Span<double> v = stackalloc double[6];
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            string location = "line " + (i + 1).ToString(CultureInfo.InvariantCulture);
            string[] fields = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (fields[0] != "RALLY")
            {
                throw new MissionFileException(sourceName, location, "expected a line starting with RALLY, got \"" + fields[0] + "\"");
            }

            if (fields.Length != 7)
            {
                throw new MissionFileException(sourceName, location,
                    string.Create(CultureInfo.InvariantCulture, $"expected RALLY and 6 values, got {fields.Length - 1} values"));
            }

            for (int f = 0; f < 6; f++)
            {
                if (!double.TryParse(fields[f + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out v[f]) || !double.IsFinite(v[f]))
                {
                    throw new MissionFileException(sourceName, location + ", field " + FieldNames[f], "not a number: \"" + fields[f + 1] + "\"");
                }
            }

            if (Math.Abs(v[0]) > 90)
            {
                throw new MissionFileException(sourceName, location + ", field latitude", string.Create(CultureInfo.InvariantCulture, $"{v[0]}° is outside ±90°"));
            }

            points.Add(new RallyPoint(v[0], v[1], v[2], v[3], v[4], (int)v[5]));
        }

        return points;
    }
}
