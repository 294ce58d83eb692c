namespace StrategicTech.Navigation.Missions;

/// <summary>A mission as a vehicle uploads it: home (seq 0) and the items (seq 1…), whatever file it came from.</summary>
public sealed record LoadedMission(MissionItem Home, IReadOnlyList<MissionItem> Items, Geofence Geofence, IReadOnlyList<RallyPoint> RallyPoints);

/// <summary>
/// Any file of the mission family, by what it holds: <see cref="Mission"/> is set only for
/// <see cref="MissionFileKind.Mission"/>; a fence or rally file carries only its fence or points.
/// </summary>
public sealed record MissionFileContent(MissionFileKind Kind, LoadedMission? Mission, Geofence Geofence, IReadOnlyList<RallyPoint> RallyPoints);

/// <summary>
/// Reads a mission file by its content: a JSON object is a QGC .plan, a "QGC WPL" header a waypoint file (mission,
/// or an ArduPilot fence or rally file), "RALLY" lines a MAVProxy rally file.
/// </summary>
public static class MissionFile
{
    public static LoadedMission Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Parse(File.ReadAllText(path), Path.GetFileName(path));
    }

    /// <summary>Reads a file that must be a mission: a fence or rally file is refused as "not a mission file: …".</summary>
    public static LoadedMission Parse(string text, string sourceName)
    {
        MissionFileContent content = ParseAny(text, sourceName);
        return content.Mission ?? throw new MissionFileException(sourceName, "line 1",
            string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"not a mission file: it is a {content.Kind.ToString().ToLowerInvariant()} file ({content.Geofence.Polygons.Count} fence polygons, {content.Geofence.Circles.Count} circles, {content.RallyPoints.Count} rally points)"));
    }

    /// <summary>Reads a mission, fence or rally file and says which it is.</summary>
    public static MissionFileContent ParseAny(string text, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(text);
        string trimmed = text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        if (trimmed.StartsWith('{'))
        {
            MissionPlan plan = QgcPlanReader.Parse(text, sourceName);
            var home = new MissionItem(0, MavFrame.Global, MavCmd.NavWaypoint, 0, 0, 0, 0,
                plan.HomePosition.LatitudeDeg, plan.HomePosition.LongitudeDeg, plan.HomeAltitudeAmslM, true);
            var mission = new LoadedMission(home, plan.ToMissionItems(1), plan.Geofence, plan.RallyPoints);
            return new MissionFileContent(MissionFileKind.Mission, mission, plan.Geofence, plan.RallyPoints);
        }

        if (trimmed.StartsWith("QGC WPL", StringComparison.Ordinal))
        {
            WaypointFile file = WaypointFileReader.ParseRows(text, sourceName, out IReadOnlyList<int> lines);
            MissionFileKind kind = WaypointFileReader.Classify(file, sourceName, lines);
            if (kind == MissionFileKind.Mission)
            {
                return new MissionFileContent(kind, new LoadedMission(file.Home, file.Items, Geofence.Empty, []), Geofence.Empty, []);
            }

            // Fence and rally files have no home row, but some tools write one: drop a leading non-fence row.
            var rows = new List<MissionItem>(file.Items.Count + 1);
            if (WaypointFileReader.IsFence(file.Home.Command) || WaypointFileReader.IsRally(file.Home.Command))
            {
                rows.Add(file.Home);
            }

            rows.AddRange(file.Items);
            return kind == MissionFileKind.Fence
                ? new MissionFileContent(kind, null, FenceMissionItems.FromItems(rows, sourceName), [])
                : new MissionFileContent(kind, null, Geofence.Empty, FenceMissionItems.RallyFromItems(rows, sourceName));
        }

        if (trimmed.StartsWith("RALLY", StringComparison.Ordinal))
        {
            return new MissionFileContent(MissionFileKind.Rally, null, Geofence.Empty, RallyFileReader.Parse(text, sourceName));
        }

        throw new MissionFileException(sourceName, "line 1", "not a mission file: expected a QGC .plan (JSON) or a \"QGC WPL 110\" waypoint file");
    }
}
