using System.Text;
using System.Text.Json;
using StrategicTech.Navigation.Missions;

namespace StrategicTech.GroundStation.Plan;

/// <summary>
/// Opens and saves plans. Open reads a QGroundControl <c>.plan</c> (mission, geofence, rally points; a survey's
/// pre-computed items become plain items) or a <c>QGC WPL 110</c> waypoint file (row 0 is home) through the navigation
/// library's readers; a bad file is a <see cref="MissionFileException"/> naming file, line or JSON path and field.
/// Save writes a <c>.plan</c> (fileType "Plan", version 1; mission v2 of SimpleItems, geoFence v2, rallyPoints v2)
/// that QGroundControl and <see cref="QgcPlanReader"/> read back.
/// </summary>
public static class PlanFiles
{
    /// <summary>Reads <paramref name="path"/> into a new document; I/O problems become a <see cref="MissionFileException"/> too.</summary>
    public static PlanDocument Open(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string name = Path.GetFileName(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new MissionFileException(name, "(file)", "cannot read: " + ex.Message, ex);
        }

        return Parse(text, name);
    }

    /// <summary>Reads the text of a .plan or .waypoints file (<paramref name="sourceName"/> labels errors).</summary>
    public static PlanDocument Parse(string text, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(text);
        var document = new PlanDocument();
        if (text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n').StartsWith('{'))
        {
            MissionPlan plan = QgcPlanReader.Parse(text, sourceName);
            document.FirmwareType = plan.FirmwareType;
            document.VehicleType = plan.VehicleType;
            document.CruiseSpeedMps = double.IsFinite(plan.CruiseSpeedMps) ? plan.CruiseSpeedMps : document.CruiseSpeedMps;
            document.HoverSpeedMps = double.IsFinite(plan.HoverSpeedMps) ? plan.HoverSpeedMps : document.HoverSpeedMps;
            document.Home = plan.HomePosition;
            document.HomeAltitudeAmslM = plan.HomeAltitudeAmslM;
            document.SetItems(plan.ToMissionItems(0));
            document.SetSurveys(SurveysOf(plan));
            document.SetFenceAndRally(plan.Geofence, plan.RallyPoints);
            return document;
        }

        LoadedMission mission = MissionFile.Parse(text, sourceName);
        document.Home = new LatLonDeg(mission.Home.LatitudeDeg, mission.Home.LongitudeDeg);
        document.HomeAltitudeAmslM = mission.Home.AltitudeM;
        document.SetItems(mission.Items);
        document.SetFenceAndRally(mission.Geofence, mission.RallyPoints);
        return document;
    }

    // Where each survey's items land in the flattened mission (the order ToMissionItems uses).
    private static List<PlanSurvey> SurveysOf(MissionPlan plan)
    {
        var surveys = new List<PlanSurvey>();
        int index = 0;
        foreach (PlanItem entry in plan.Items)
        {
            switch (entry)
            {
                case SimplePlanItem:
                    index++;
                    break;
                case SurveyPlanItem survey:
                    if (survey.Survey.Items.Count > 0)
                    {
                        surveys.Add(new PlanSurvey(survey.Survey, index, survey.Survey.Items.Count));
                    }

                    index += survey.Survey.Items.Count;
                    break;
                case OtherComplexPlanItem other:
                    index += other.Items.Count;
                    break;
            }
        }

        return surveys;
    }

    public static void Save(PlanDocument document, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        File.WriteAllText(path, ToJson(document), new UTF8Encoding(false));
    }

    /// <summary>The document as .plan JSON (indented, like QGroundControl writes it).</summary>
    public static string ToJson(PlanDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("fileType", "Plan");
            WriteGeofence(w, document);
            w.WriteString("groundStation", "StrategicTech.GroundStation");
            WriteMission(w, document);
            w.WriteStartObject("rallyPoints");
            w.WriteStartArray("points");
            foreach (RallyPoint p in document.RallyPoints)
            {
                WriteNumbers(w, p.LatitudeDeg, p.LongitudeDeg, p.AltitudeM);
            }

            w.WriteEndArray();
            w.WriteNumber("version", 2);
            w.WriteEndObject();
            w.WriteNumber("version", 1);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length) + "\n";
    }

    private static void WriteMission(Utf8JsonWriter w, PlanDocument document)
    {
        w.WriteStartObject("mission");
        w.WriteNumber("cruiseSpeed", document.CruiseSpeedMps);
        w.WriteNumber("firmwareType", document.FirmwareType);
        w.WriteNumber("globalPlanAltitudeMode", 1);
        w.WriteNumber("hoverSpeed", document.HoverSpeedMps);
        w.WriteStartArray("items");
        int next = 0;
        foreach (PlanSurvey survey in document.Surveys)
        {
            for (; next < survey.FirstIndex; next++)
            {
                WriteSimpleItem(w, document.Items[next]);
            }

            WriteSurvey(w, document, survey);
            next = survey.EndIndex;
        }

        for (; next < document.Count; next++)
        {
            WriteSimpleItem(w, document.Items[next]);
        }

        w.WriteEndArray();
        LatLonDeg home = document.Home ?? FirstPosition(document);
        w.WritePropertyName("plannedHomePosition");
        WriteNumbers(w, home.LatitudeDeg, home.LongitudeDeg, document.HomeAltitudeAmslM);
        w.WriteNumber("vehicleType", document.VehicleType);
        w.WriteNumber("version", 2);
        w.WriteEndObject();
    }

    // QGroundControl's survey ComplexItem (version 5): polygon and angle on the item, the camera calculation,
    // turnaround and the generated SimpleItems inside its TransectStyleComplexItem.
    private static void WriteSurvey(Utf8JsonWriter w, PlanDocument document, PlanSurvey survey)
    {
        SurveyComplexItem s = survey.Survey;
        SurveyCameraCalc c = s.Camera;
        w.WriteStartObject();
        w.WriteStartObject("TransectStyleComplexItem");
        w.WriteStartObject("CameraCalc");
        w.WriteNumber("AdjustedFootprintFrontal", c.AdjustedFootprintFrontalM);
        w.WriteNumber("AdjustedFootprintSide", c.AdjustedFootprintSideM);
        w.WriteString("CameraName", c.CameraName);
        w.WriteNumber("DistanceToSurface", c.DistanceToSurfaceM);
        w.WriteBoolean("DistanceToSurfaceRelative", c.DistanceToSurfaceRelative);
        if (c.HasCameraSpecs)
        {
            WriteNumberOrNull(w, "FocalLength", c.FocalLengthMm);
            WriteNumberOrNull(w, "FrontalOverlap", c.FrontalOverlapPercent);
            WriteNumberOrNull(w, "ImageHeight", c.ImageHeightPx);
            WriteNumberOrNull(w, "ImageWidth", c.ImageWidthPx);
            w.WriteBoolean("Landscape", c.Landscape);
            WriteNumberOrNull(w, "SensorHeight", c.SensorHeightMm);
            WriteNumberOrNull(w, "SensorWidth", c.SensorWidthMm);
            WriteNumberOrNull(w, "SideOverlap", c.SideOverlapPercent);
        }

        w.WriteNumber("version", 1);
        w.WriteEndObject();
        w.WriteNumber("CameraShots", s.CameraShots);
        w.WriteBoolean("CameraTriggerInTurnAround", s.CameraTriggerInTurnAround);
        w.WriteBoolean("FollowTerrain", s.FollowTerrain);
        w.WriteBoolean("HoverAndCapture", s.HoverAndCapture);
        w.WriteStartArray("Items");
        for (int i = survey.FirstIndex; i < survey.EndIndex; i++)
        {
            WriteSimpleItem(w, document.Items[i]);
        }

        w.WriteEndArray();
        w.WriteBoolean("Refly90Degrees", s.Refly90Degrees);
        w.WriteNumber("TurnAroundDistance", s.TurnAroundDistanceM);
        w.WriteStartArray("VisualTransectPoints");
        foreach (LatLonDeg p in s.VisualTransectPoints)
        {
            WriteNumbers(w, p.LatitudeDeg, p.LongitudeDeg);
        }

        w.WriteEndArray();
        w.WriteNumber("version", 1);
        w.WriteEndObject();
        w.WriteNumber("angle", s.AngleDeg);
        w.WriteString("complexItemType", "survey");
        w.WriteNumber("entryLocation", s.EntryLocation);
        w.WriteBoolean("flyAlternateTransects", s.FlyAlternateTransects);
        w.WriteStartArray("polygon");
        foreach (LatLonDeg p in s.Polygon)
        {
            WriteNumbers(w, p.LatitudeDeg, p.LongitudeDeg);
        }

        w.WriteEndArray();
        w.WriteBoolean("splitConcavePolygons", s.SplitConcavePolygons);
        w.WriteString("type", "ComplexItem");
        w.WriteNumber("version", s.Version);
        w.WriteEndObject();
    }

    private static void WriteSimpleItem(Utf8JsonWriter w, MissionItem item)
    {
        w.WriteStartObject();
        if (item.Frame != MavFrame.Mission)
        {
            // QGroundControl's altitude fields: AltitudeMode 1 relative to home, 2 AMSL, 4 terrain frame.
            w.WriteNull("AMSLAltAboveTerrain");
            WriteNumberOrNull(w, "Altitude", item.AltitudeM);
            w.WriteNumber("AltitudeMode", item.Frame switch
            {
                MavFrame.Global or MavFrame.GlobalInt => 2,
                MavFrame.GlobalTerrainAlt or MavFrame.GlobalTerrainAltInt => 4,
                _ => 1,
            });
        }

        w.WriteBoolean("autoContinue", item.AutoContinue);
        w.WriteNumber("command", item.Command);
        w.WriteNumber("doJumpId", item.Seq + 1);
        w.WriteNumber("frame", item.Frame);
        w.WritePropertyName("params");
        WriteNumbers(w, item.Param1, item.Param2, item.Param3, item.Param4, item.LatitudeDeg, item.LongitudeDeg, item.AltitudeM);
        w.WriteString("type", "SimpleItem");
        w.WriteEndObject();
    }

    private static void WriteGeofence(Utf8JsonWriter w, PlanDocument document)
    {
        w.WriteStartObject("geoFence");
        w.WriteStartArray("circles");
        foreach (GeofenceCircle c in document.FenceCircles)
        {
            w.WriteStartObject();
            w.WriteStartObject("circle");
            w.WritePropertyName("center");
            WriteNumbers(w, c.Center.LatitudeDeg, c.Center.LongitudeDeg);
            w.WriteNumber("radius", c.RadiusM);
            w.WriteEndObject();
            w.WriteBoolean("inclusion", c.IsInclusion);
            w.WriteNumber("version", 1);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("polygons");
        foreach (GeofencePolygon p in document.FencePolygons)
        {
            w.WriteStartObject();
            w.WriteBoolean("inclusion", p.IsInclusion);
            w.WriteStartArray("polygon");
            foreach (LatLonDeg v in p.Vertices)
            {
                WriteNumbers(w, v.LatitudeDeg, v.LongitudeDeg);
            }

            w.WriteEndArray();
            w.WriteNumber("version", 1);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteNumber("version", 2);
        w.WriteEndObject();
    }

    private static LatLonDeg FirstPosition(PlanDocument document)
    {
        foreach (MissionItem item in document.Items)
        {
            if (item.HasPosition)
            {
                return new LatLonDeg(item.LatitudeDeg, item.LongitudeDeg);
            }
        }

        return new LatLonDeg(0, 0);
    }

    // JSON has no NaN: QGroundControl writes null for "unset", and the reader maps null back to NaN.
    private static void WriteNumbers(Utf8JsonWriter w, params ReadOnlySpan<double> values)
    {
        w.WriteStartArray();
        foreach (double v in values)
        {
            if (double.IsFinite(v))
            {
                w.WriteNumberValue(v);
            }
            else
            {
                w.WriteNullValue();
            }
        }

        w.WriteEndArray();
    }

    private static void WriteNumberOrNull(Utf8JsonWriter w, string name, double value)
    {
        if (double.IsFinite(value))
        {
            w.WriteNumber(name, value);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
