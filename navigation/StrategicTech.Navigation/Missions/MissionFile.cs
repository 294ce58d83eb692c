namespace StrategicTech.Navigation.Missions;

/// <summary>A mission as a vehicle uploads it: home (seq 0) and the items (seq 1…), whatever file it came from.</summary>
public sealed record LoadedMission(MissionItem Home, IReadOnlyList<MissionItem> Items, Geofence Geofence, IReadOnlyList<RallyPoint> RallyPoints);

/// <summary>Reads a mission file by its content: a JSON object is a QGC .plan, a "QGC WPL" header a waypoint file.</summary>
public static class MissionFile
{
    public static LoadedMission Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Parse(File.ReadAllText(path), Path.GetFileName(path));
    }

    public static LoadedMission Parse(string text, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(text);
        string trimmed = text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        if (trimmed.StartsWith('{'))
        {
            MissionPlan plan = QgcPlanReader.Parse(text, sourceName);
            var home = new MissionItem(0, MavFrame.Global, MavCmd.NavWaypoint, 0, 0, 0, 0,
                plan.HomePosition.LatitudeDeg, plan.HomePosition.LongitudeDeg, plan.HomeAltitudeAmslM, true);
            return new LoadedMission(home, plan.ToMissionItems(1), plan.Geofence, plan.RallyPoints);
        }

        if (trimmed.StartsWith("QGC WPL", StringComparison.Ordinal))
        {
            WaypointFile file = WaypointFileReader.Parse(text, sourceName);
            return new LoadedMission(file.Home, file.Items, Geofence.Empty, []);
        }

        throw new MissionFileException(sourceName, "line 1", "not a mission file: expected a QGC .plan (JSON) or a \"QGC WPL 110\" waypoint file");
    }
}
