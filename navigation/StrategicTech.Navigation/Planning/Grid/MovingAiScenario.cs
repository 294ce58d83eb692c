using System.Globalization;

namespace StrategicTech.Navigation.Planning.Grid;

/// <summary>One line of a Moving AI <c>.scen</c> file.</summary>
public readonly record struct ScenarioEntry(int Bucket, string MapName, int MapWidth, int MapHeight, GridCell Start, GridCell Goal, double OptimalLength, int Line);

/// <summary>
/// A Moving AI scenario file: <c>version 1</c> (or <c>version 1.0</c>), then tab-separated lines
/// <c>bucket map width height startX startY goalX goalY optimalLength</c>. CRLF or LF; the map field may be a path.
/// </summary>
public sealed class MovingAiScenario
{
    private readonly ScenarioEntry[] _entries;

    private MovingAiScenario(ScenarioEntry[] entries) => _entries = entries;

    public IReadOnlyList<ScenarioEntry> Entries => _entries;

    public static MovingAiScenario Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (IOException e)
        {
            throw new MapFormatException($"{path}: cannot read: {e.Message}", e) { FileName = path };
        }

        return Parse(text, path);
    }

    public static MovingAiScenario Parse(string text, string fileName)
    {
        ArgumentNullException.ThrowIfNull(text);
        string[] lines = text.Split('\n');
        var entries = new List<ScenarioEntry>(lines.Length);
        bool headerSeen = false;
        for (int k = 0; k < lines.Length; k++)
        {
            int lineNo = k + 1;
            string line = lines[k].TrimEnd('\r');
            if (line.Trim().Length == 0)
            {
                continue;
            }

            if (!headerSeen)
            {
                string[] h = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (h.Length != 2 || h[0] != "version" || !double.TryParse(h[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double version) || version != 1.0)
                {
                    throw MapFormatException.At(fileName, lineNo, "version", $"expected 'version 1', got '{line}'");
                }

                headerSeen = true;
                continue;
            }

            string[] f = line.Split('\t');
            if (f.Length != 9)
            {
                f = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            }

            if (f.Length != 9)
            {
                throw MapFormatException.At(fileName, lineNo, "line", $"expected 9 fields (bucket map width height sx sy gx gy length), got {f.Length}");
            }

            int bucket = Int(f[0], "bucket");
            int w = Int(f[2], "width");
            int h2 = Int(f[3], "height");
            int sx = Int(f[4], "start x");
            int sy = Int(f[5], "start y");
            int gx = Int(f[6], "goal x");
            int gy = Int(f[7], "goal y");
            if (!double.TryParse(f[8], NumberStyles.Float, CultureInfo.InvariantCulture, out double length) || !(length >= 0) || double.IsInfinity(length))
            {
                throw MapFormatException.At(fileName, lineNo, "optimal length", $"expected a non-negative number, got '{f[8]}'");
            }

            entries.Add(new ScenarioEntry(bucket, f[1], w, h2, new GridCell(sx, sy), new GridCell(gx, gy), length, lineNo));

            int Int(string s, string field)
            {
                if (!int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int v) || v < 0)
                {
                    throw MapFormatException.At(fileName, lineNo, field, $"expected a non-negative integer, got '{s}'");
                }

                return v;
            }
        }

        if (!headerSeen)
        {
            throw MapFormatException.At(fileName, 1, "version", "empty file, expected 'version 1'");
        }

        return new MovingAiScenario(entries.ToArray());
    }

    /// <summary>
    /// Checks every entry against the map: dimensions, start and goal inside and passable, and the map field's file
    /// name equal to <paramref name="mapFileName"/> (compared by base name, as scen files carry relative paths).
    /// </summary>
    public void Validate(MovingAiMap map, string mapFileName, string scenarioFileName)
    {
        ArgumentNullException.ThrowIfNull(map);
        string mapBase = Path.GetFileName(mapFileName);
        foreach (ScenarioEntry e in _entries)
        {
            string named = Path.GetFileName(e.MapName.Replace('\\', '/'));
            if (!string.Equals(named, mapBase, StringComparison.Ordinal))
            {
                throw MapFormatException.At(scenarioFileName, e.Line, "map", $"names '{e.MapName}', expected {mapBase}");
            }

            if (e.MapWidth != map.Width || e.MapHeight != map.Height)
            {
                throw MapFormatException.At(scenarioFileName, e.Line, "width/height", $"{e.MapWidth}x{e.MapHeight} differs from the map's {map.Width}x{map.Height}");
            }

            if (!map.IsPassable(e.Start.X, e.Start.Y))
            {
                throw MapFormatException.At(scenarioFileName, e.Line, "start", $"({e.Start.X},{e.Start.Y}) is outside the map or blocked");
            }

            if (!map.IsPassable(e.Goal.X, e.Goal.Y))
            {
                throw MapFormatException.At(scenarioFileName, e.Line, "goal", $"({e.Goal.X},{e.Goal.Y}) is outside the map or blocked");
            }
        }
    }
}
