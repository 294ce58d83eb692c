using System.Globalization;

namespace StrategicTech.Navigation.Planning.Grid;

/// <summary>
/// One line of a Moving AI <c>.scen</c> file. <see cref="OptimalLengthTolerance"/> is how far a true optimum may lie
/// from the printed <see cref="OptimalLength"/> given the digits the file prints (see <see cref="MovingAiScenario"/>).
/// </summary>
public readonly record struct ScenarioEntry(int Bucket, string MapName, int MapWidth, int MapHeight, GridCell Start, GridCell Goal, double OptimalLength, int Line, double OptimalLengthTolerance)
{
    /// <summary>
    /// Whether a planner's path cost matches this query's optimum to the precision the file prints it: within
    /// <see cref="OptimalLengthTolerance"/> of it for an 8-connected optimal planner; an any-angle planner
    /// (<paramref name="anyAngle"/>) may be shorter, never longer.
    /// </summary>
    public bool AcceptsCost(double cost, bool anyAngle = false) =>
        anyAngle ? cost <= OptimalLength + OptimalLengthTolerance : Math.Abs(cost - OptimalLength) <= OptimalLengthTolerance;
}

/// <summary>
/// A Moving AI scenario file: <c>version 1</c> (or <c>version 1.0</c>), then tab-separated lines
/// <c>bucket map width height startX startY goalX goalY optimalLength</c>. CRLF or LF; the map field may be a path.
/// A file without a single query is refused. The optimal length is only as exact as the file prints it: MAPF files
/// print 8 decimals, the <c>dao</c> sets 6 significant digits (<c>%g</c>, trailing zeros dropped), older version 1.0
/// files 2 decimals. So each entry's tolerance is half a unit of its last printed decimal; a length printed without
/// a decimal point (<c>%g</c> of a whole number) is taken at the file's finest precision. A relative 1e-9 is added
/// for the rounding of a sum of unit and √2 steps in double.
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
        var entries = new List<ScenarioEntry>();
        var decimals = new List<int>();
        int finestDecimals = 0;
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

            int lengthDecimals = Decimals(f[8]);
            decimals.Add(lengthDecimals);
            finestDecimals = Math.Max(finestDecimals, lengthDecimals);
            entries.Add(new ScenarioEntry(bucket, f[1], w, h2, new GridCell(sx, sy), new GridCell(gx, gy), length, lineNo, 0));

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

        if (entries.Count == 0)
        {
            throw MapFormatException.At(fileName, lines.Length, "queries", "the file lists no queries after its 'version' line");
        }

        var result = new ScenarioEntry[entries.Count];
        for (int i = 0; i < result.Length; i++)
        {
            int d = decimals[i] > 0 ? decimals[i] : finestDecimals;
            double tolerance = (0.5 * Math.Pow(10, -d)) + (1e-9 * Math.Max(1.0, entries[i].OptimalLength));
            result[i] = entries[i] with { OptimalLengthTolerance = tolerance };
        }

        return new MovingAiScenario(result);
    }

    /// <summary>Digits after the decimal point of a plain decimal field ("2.83" → 2, "7" → 0).</summary>
    private static int Decimals(string field)
    {
        int dot = field.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0)
        {
            return 0;
        }

        int end = dot + 1;
        while (end < field.Length && char.IsAsciiDigit(field[end]))
        {
            end++;
        }

        return end - dot - 1;
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
