using System.Globalization;
using StrategicTech.Navigation.Missions;

namespace StrategicTech.Autopilot.Companion;

/// <summary>
/// A survey area as text: one vertex per line, <c>latitude,longitude</c> in degrees (WGS84); blank lines and lines
/// starting with <c>#</c> are skipped. At least 3 vertices, at most <see cref="MaxVertices"/>. Errors name the file and line.
/// </summary>
public static class SurveyPolygonFile
{
    public const int MaxVertices = 1000;

    public static IReadOnlyList<LatLonDeg> Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Parse(File.ReadAllText(path), Path.GetFileName(path));
    }

    public static IReadOnlyList<LatLonDeg> Parse(string text, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(text);
        var vertices = new List<LatLonDeg>();
        string[] lines = text.Split('\n');
        for (int n = 0; n < lines.Length; n++)
        {
            string line = lines[n].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            string[] parts = line.Split(',');
            if (parts.Length != 2
                || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double lat)
                || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double lon)
                || !(Math.Abs(lat) <= 90) || !(Math.Abs(lon) <= 180))
            {
                throw new MissionFileException(sourceName, string.Create(CultureInfo.InvariantCulture, $"line {n + 1}"),
                    "expected 'latitude,longitude' in degrees (|lat| ≤ 90, |lon| ≤ 180), got '" + (line.Length > 60 ? line[..60] + "…" : line) + "'");
            }

            if (vertices.Count == MaxVertices)
            {
                throw new MissionFileException(sourceName, string.Create(CultureInfo.InvariantCulture, $"line {n + 1}"),
                    string.Create(CultureInfo.InvariantCulture, $"more than {MaxVertices} vertices"));
            }

            vertices.Add(new LatLonDeg(lat, lon));
        }

        if (vertices.Count < 3)
        {
            throw new MissionFileException(sourceName, "end of file",
                string.Create(CultureInfo.InvariantCulture, $"a survey polygon needs at least 3 vertices, found {vertices.Count}"));
        }

        return vertices;
    }
}
