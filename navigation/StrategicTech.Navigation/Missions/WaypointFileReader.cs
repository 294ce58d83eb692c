using System.Globalization;

namespace StrategicTech.Navigation.Missions;

/// <summary>A "QGC WPL 110" mission: row 0 is the home position, the rest are the mission items.</summary>
public sealed record WaypointFile(int FormatVersion, MissionItem Home, IReadOnlyList<MissionItem> Items);

/// <summary>
/// Reads the ArduPilot / Mission Planner / QGC text mission format: a "QGC WPL 110" header, then one row per item
/// with 12 tab-separated fields (index, current, frame, command, param1..4, lat, lon, alt, autocontinue).
/// CRLF or LF; blank lines are skipped. Errors name file, line and field.
/// </summary>
public static class WaypointFileReader
{
    private const string HeaderPrefix = "QGC WPL ";
    private const int FieldCount = 12;

    private static readonly string[] FieldNames =
    [
        "index", "current", "frame", "command", "param1", "param2", "param3", "param4", "latitude", "longitude", "altitude", "autocontinue",
    ];

    public static WaypointFile ReadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Parse(File.ReadAllText(path), Path.GetFileName(path));
    }

    /// <summary>
    /// Reads a mission. A file whose rows are fence (NAV_FENCE_*, 5000..5004) or rally (NAV_RALLY_POINT, 5100) items —
    /// ArduPilot writes those in this same format — is refused as not a mission, and so is a mission with such an item
    /// among its rows; <see cref="MissionFile.ParseAny"/> returns fence and rally files as what they are.
    /// </summary>
    public static WaypointFile Parse(string text, string sourceName)
    {
        WaypointFile file = ParseRows(text, sourceName, out IReadOnlyList<int> lineNumbers);
        MissionFileKind kind = Classify(file, sourceName, lineNumbers);
        if (kind != MissionFileKind.Mission)
        {
            throw new MissionFileException(sourceName, "line " + lineNumbers[0].ToString(CultureInfo.InvariantCulture),
                $"not a mission file: its items are {(kind == MissionFileKind.Fence ? "geofence (NAV_FENCE_*)" : "rally (NAV_RALLY_POINT)")} items, so it is a {kind.ToString().ToLowerInvariant()} file");
        }

        return file;
    }

    /// <summary>
    /// Whether the rows are a mission (row 0 home, then mission items), a fence or a rally file (every row, or every
    /// row after a home row, a fence / rally item). A mission with a fence or rally item among its items is refused
    /// naming the line, as the vehicle would otherwise fly a fence vertex as a waypoint.
    /// </summary>
    internal static MissionFileKind Classify(WaypointFile file, string sourceName, IReadOnlyList<int> lineNumbers)
    {
        var rows = new List<MissionItem>(file.Items.Count + 1) { file.Home };
        rows.AddRange(file.Items);
        int first = IsFence(rows[0].Command) || IsRally(rows[0].Command) ? 0 : 1;
        if (first < rows.Count)
        {
            bool allFence = true, allRally = true;
            for (int i = first; i < rows.Count; i++)
            {
                allFence &= IsFence(rows[i].Command);
                allRally &= IsRally(rows[i].Command);
            }

            if (allFence)
            {
                return MissionFileKind.Fence;
            }

            if (allRally)
            {
                return MissionFileKind.Rally;
            }
        }

        for (int i = 0; i < rows.Count; i++)
        {
            if (IsFence(rows[i].Command) || IsRally(rows[i].Command))
            {
                throw new MissionFileException(sourceName, "line " + lineNumbers[i].ToString(CultureInfo.InvariantCulture) + ", field command",
                    string.Create(CultureInfo.InvariantCulture, $"{(IsFence(rows[i].Command) ? "geofence" : "rally")} item (command {rows[i].Command}) in row {i} of a mission; fence and rally items belong in their own file"));
            }
        }

        return MissionFileKind.Mission;
    }

    internal static bool IsFence(ushort command) => command is >= MavCmd.NavFenceReturnPoint and <= MavCmd.NavFenceCircleExclusion;

    internal static bool IsRally(ushort command) => command == MavCmd.NavRallyPoint;

    /// <summary>All rows, unclassified: row 0 as <see cref="WaypointFile.Home"/>; the 1-based line of each row.</summary>
    internal static WaypointFile ParseRows(string text, string sourceName, out IReadOnlyList<int> lineNumbers)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(sourceName);
        string[] lines = text.Split('\n');
        int lineIndex = 0;
        while (lineIndex < lines.Length && lines[lineIndex].Trim().Length == 0)
        {
            lineIndex++;
        }

        if (lineIndex == lines.Length)
        {
            throw new MissionFileException(sourceName, "line 1", "empty file (expected the header \"QGC WPL 110\")");
        }

        string header = lines[lineIndex].Trim();
        if (!header.StartsWith(HeaderPrefix, StringComparison.Ordinal)
            || !int.TryParse(header.AsSpan(HeaderPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out int version))
        {
            throw new MissionFileException(sourceName, Line(lineIndex), "expected the header \"QGC WPL 110\", got \"" + header + "\"");
        }

        if (version != 110)
        {
            throw new MissionFileException(sourceName, Line(lineIndex), string.Create(CultureInfo.InvariantCulture, $"unsupported format version {version} (expected 110)"));
        }

        var rows = new List<MissionItem>();
        var lineOfRow = new List<int>();
        lineNumbers = lineOfRow;
        Span<double> values = stackalloc double[FieldCount];
        for (lineIndex++; lineIndex < lines.Length; lineIndex++)
        {
            string line = lines[lineIndex].TrimEnd('\r');
            if (line.Trim().Length == 0)
            {
                continue;
            }

            string[] fields = line.Split('\t', StringSplitOptions.TrimEntries);
            if (fields.Length == 1)
            {
                fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            }

            if (fields.Length != FieldCount)
            {
                throw new MissionFileException(sourceName, Line(lineIndex),
                    string.Create(CultureInfo.InvariantCulture, $"expected {FieldCount} tab-separated fields, got {fields.Length}"));
            }

            for (int f = 0; f < FieldCount; f++)
            {
                if (!double.TryParse(fields[f], NumberStyles.Float, CultureInfo.InvariantCulture, out values[f]) || !double.IsFinite(values[f]))
                {
                    throw new MissionFileException(sourceName, Line(lineIndex) + ", field " + FieldNames[f], "not a number: \"" + fields[f] + "\"");
                }
            }

            int index = RequireInteger(values[0], 0, int.MaxValue, sourceName, lineIndex, 0);
            if (index != rows.Count)
            {
                throw new MissionFileException(sourceName, Line(lineIndex) + ", field index",
                    string.Create(CultureInfo.InvariantCulture, $"expected {rows.Count} (rows are numbered consecutively from 0), got {index}"));
            }

            int current = RequireInteger(values[1], 0, 1, sourceName, lineIndex, 1);
            int frame = RequireInteger(values[2], 0, byte.MaxValue, sourceName, lineIndex, 2);
            int command = RequireInteger(values[3], 0, ushort.MaxValue, sourceName, lineIndex, 3);
            int autoContinue = RequireInteger(values[11], 0, 1, sourceName, lineIndex, 11);
            if (Math.Abs(values[8]) > 90 && frame != MavFrame.Mission && frame != MavFrame.LocalNed)
            {
                throw new MissionFileException(sourceName, Line(lineIndex) + ", field latitude",
                    string.Create(CultureInfo.InvariantCulture, $"{values[8]}° is outside ±90°"));
            }

            lineOfRow.Add(lineIndex + 1);
            rows.Add(new MissionItem(index, (byte)frame, (ushort)command, values[4], values[5], values[6], values[7],
                values[8], values[9], values[10], autoContinue == 1, current == 1));
        }

        if (rows.Count == 0)
        {
            throw new MissionFileException(sourceName, Line(lines.Length - 1), "no rows after the header (row 0, the home position, is required)");
        }

        return new WaypointFile(version, rows[0], rows.GetRange(1, rows.Count - 1));
    }

    private static int RequireInteger(double value, int min, int max, string sourceName, int lineIndex, int field)
    {
        if (value != Math.Floor(value) || value < min || value > max)
        {
            throw new MissionFileException(sourceName, Line(lineIndex) + ", field " + FieldNames[field],
                string.Create(CultureInfo.InvariantCulture, $"expected an integer in {min}..{max}, got {value}"));
        }

        return (int)value;
    }

    private static string Line(int lineIndex) => "line " + (lineIndex + 1).ToString(CultureInfo.InvariantCulture);
}
