using System.Globalization;
using System.Text.Json;

namespace StrategicTech.Navigation.Missions;

/// <summary>
/// Reads QGroundControl .plan files (JSON, fileType "Plan", version 1; mission v2, geoFence v2, rallyPoints v2).
/// Unknown keys (UUID, MISSION_ITEM_ID, groupTag, …) are ignored; anything malformed throws a
/// <see cref="MissionFileException"/> naming file, JSON path and problem. Not for real-time use.
/// </summary>
public static class QgcPlanReader
{
    private const int ParamsPerItem = 7;

    public static MissionPlan ReadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Parse(File.ReadAllText(path), Path.GetFileName(path));
    }

    public static MissionPlan Parse(string json, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(sourceName);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            long line = (ex.LineNumber ?? -1) + 1;
            long column = (ex.BytePositionInLine ?? -1) + 1;
            throw new MissionFileException(sourceName,
                string.Create(CultureInfo.InvariantCulture, $"line {line}, byte {column}"), "not valid JSON: " + ex.Message, ex);
        }

        using (document)
        {
            return ReadRoot(new PlanJsonNode(sourceName, string.Empty, document.RootElement));
        }
    }

    private static MissionPlan ReadRoot(PlanJsonNode root)
    {
        if (root.Element.ValueKind != JsonValueKind.Object)
        {
            throw root.Fail("(root)", "expected a JSON object");
        }

        PlanJsonNode fileType = root.Required("fileType");
        if (fileType.AsString() != "Plan")
        {
            throw fileType.Fail("expected \"Plan\", got \"" + fileType.AsString() + "\"");
        }

        PlanJsonNode versionNode = root.Required("version");
        int version = versionNode.AsInt();
        if (version != 1)
        {
            throw versionNode.Fail(string.Create(CultureInfo.InvariantCulture, $"unsupported plan version {version} (expected 1)"));
        }

        PlanJsonNode mission = root.Required("mission");
        PlanJsonNode homeNode = mission.Required("plannedHomePosition");
        LatLonDeg home = homeNode.AsLatLon();
        double homeAlt = homeNode.ArrayLength() >= 3 ? homeNode.At(2).AsDoubleOrNaN() : double.NaN;

        PlanJsonNode itemsNode = mission.Required("items");
        int count = itemsNode.ArrayLength();
        var items = new List<PlanItem>(count);
        int seq = 1;
        for (int i = 0; i < count; i++)
        {
            PlanItem item = ReadPlanItem(itemsNode.At(i), ref seq);
            items.Add(item);
        }

        Geofence fence = root.TryGet("geoFence", out PlanJsonNode fenceNode) ? ReadGeofence(fenceNode) : Geofence.Empty;
        IReadOnlyList<RallyPoint> rally = root.TryGet("rallyPoints", out PlanJsonNode rallyNode) ? ReadRally(rallyNode) : [];

        return new MissionPlan(
            version,
            root.OptionalString("groundStation", string.Empty),
            mission.OptionalInt("firmwareType", 0),
            mission.OptionalInt("vehicleType", 0),
            mission.OptionalDouble("cruiseSpeed", double.NaN),
            mission.OptionalDouble("hoverSpeed", double.NaN),
            home,
            homeAlt,
            items,
            fence,
            rally);
    }

    private static PlanItem ReadPlanItem(PlanJsonNode node, ref int seq)
    {
        PlanJsonNode typeNode = node.Required("type");
        string type = typeNode.AsString();
        switch (type)
        {
            case "SimpleItem":
                return new SimplePlanItem(ReadSimpleItem(node, seq++));
            case "ComplexItem":
                PlanJsonNode kindNode = node.Required("complexItemType");
                string kind = kindNode.AsString();
                if (kind == "survey")
                {
                    SurveyComplexItem survey = ReadSurvey(node, ref seq);
                    return new SurveyPlanItem(survey);
                }

                IReadOnlyList<MissionItem> inner = node.TryGet("TransectStyleComplexItem", out PlanJsonNode transect)
                    && transect.TryGet("Items", out PlanJsonNode innerItems)
                    ? ReadSimpleItems(innerItems, ref seq)
                    : [];
                if (inner.Count == 0)
                {
                    // StructureScan (and any complex item without pre-computed items) is expanded into waypoints by
                    // QGroundControl only when it uploads; the file holds none, so dropping it would shorten the mission.
                    throw kindNode.Fail("complex item \"" + kind + "\" is not supported: the file carries none of its mission items (QGroundControl generates them at upload)");
                }

                return new OtherComplexPlanItem(kind, inner);
            default:
                throw typeNode.Fail("expected \"SimpleItem\" or \"ComplexItem\", got \"" + type + "\"");
        }
    }

    private static IReadOnlyList<MissionItem> ReadSimpleItems(PlanJsonNode array, ref int seq)
    {
        int n = array.ArrayLength();
        var items = new MissionItem[n];
        for (int i = 0; i < n; i++)
        {
            PlanJsonNode child = array.At(i);
            PlanJsonNode typeNode = child.Required("type");
            if (typeNode.AsString() != "SimpleItem")
            {
                throw typeNode.Fail("expected \"SimpleItem\" inside a complex item, got \"" + typeNode.AsString() + "\"");
            }

            items[i] = ReadSimpleItem(child, seq++);
        }

        return items;
    }

    private static MissionItem ReadSimpleItem(PlanJsonNode node, int seq)
    {
        PlanJsonNode commandNode = node.Required("command");
        int command = commandNode.AsInt();
        if (command is < 0 or > ushort.MaxValue)
        {
            throw commandNode.Fail(string.Create(CultureInfo.InvariantCulture, $"command {command} is outside 0..65535"));
        }

        PlanJsonNode frameNode = node.Required("frame");
        int frame = frameNode.AsInt();
        if (frame is < 0 or > byte.MaxValue)
        {
            throw frameNode.Fail(string.Create(CultureInfo.InvariantCulture, $"frame {frame} is outside 0..255"));
        }

        Span<double> p = stackalloc double[ParamsPerItem];
        if (node.TryGet("params", out PlanJsonNode paramsNode))
        {
            if (paramsNode.Element.ValueKind != JsonValueKind.Array || paramsNode.ArrayLength() != ParamsPerItem)
            {
                string got = paramsNode.Element.ValueKind == JsonValueKind.Array
                    ? paramsNode.ArrayLength().ToString(CultureInfo.InvariantCulture) + " entries"
                    : paramsNode.Element.ValueKind.ToString();
                throw paramsNode.Fail("expected 7 numbers (or nulls), got " + got);
            }

            for (int i = 0; i < ParamsPerItem; i++)
            {
                p[i] = paramsNode.At(i).AsDoubleOrNaN();
            }
        }
        else if (node.TryGet("coordinate", out PlanJsonNode coordinate))
        {
            // Plan version 1 items: param1..param4 plus coordinate [lat, lon, alt].
            if (coordinate.ArrayLength() != 3)
            {
                throw coordinate.Fail("expected [latitude, longitude, altitude]");
            }

            for (int i = 0; i < 4; i++)
            {
                p[i] = node.OptionalDouble("param" + (i + 1).ToString(CultureInfo.InvariantCulture), 0);
            }

            for (int i = 0; i < 3; i++)
            {
                p[4 + i] = coordinate.At(i).AsDoubleOrNaN();
            }
        }
        else
        {
            throw node.Fail(node.Path + ".params", "missing");
        }

        if (double.IsFinite(p[4]) && Math.Abs(p[4]) > 90 && frame != MavFrame.Mission && frame != MavFrame.LocalNed)
        {
            throw node.Fail(node.Path + ".params[4]", string.Create(CultureInfo.InvariantCulture, $"latitude {p[4]}° is outside ±90°"));
        }

        bool autoContinue = node.OptionalBool("autoContinue", true);
        return new MissionItem(seq, (byte)frame, (ushort)command, p[0], p[1], p[2], p[3], p[4], p[5], p[6], autoContinue);
    }

    private static SurveyComplexItem ReadSurvey(PlanJsonNode node, ref int seq)
    {
        int version = node.Required("version").AsInt();
        PlanJsonNode polygonNode = node.Required("polygon");
        IReadOnlyList<LatLonDeg> polygon = polygonNode.AsLatLonList();
        if (polygon.Count < 3)
        {
            throw polygonNode.Fail(string.Create(CultureInfo.InvariantCulture, $"a survey polygon needs at least 3 vertices, got {polygon.Count}"));
        }

        PlanJsonNode transect = node.Required("TransectStyleComplexItem");
        SurveyCameraCalc camera = ReadCameraCalc(transect.Required("CameraCalc"));
        PlanJsonNode turnNode = transect.Required("TurnAroundDistance");
        double turnAround = turnNode.AsDouble();
        if (turnAround < 0)
        {
            throw turnNode.Fail("turnaround distance must not be negative");
        }

        IReadOnlyList<LatLonDeg> visual = transect.TryGet("VisualTransectPoints", out PlanJsonNode visualNode) ? visualNode.AsLatLonList() : [];
        IReadOnlyList<MissionItem> items = transect.TryGet("Items", out PlanJsonNode itemsNode) ? ReadSimpleItems(itemsNode, ref seq) : [];

        return new SurveyComplexItem(
            version,
            polygon,
            node.Required("angle").AsDouble(),
            turnAround,
            node.OptionalInt("entryLocation", 0),
            node.OptionalBool("flyAlternateTransects", false),
            node.OptionalBool("splitConcavePolygons", false),
            transect.OptionalBool("CameraTriggerInTurnAround", true),
            transect.OptionalBool("HoverAndCapture", false),
            transect.OptionalBool("Refly90Degrees", false),
            transect.OptionalBool("FollowTerrain", false),
            transect.OptionalInt("CameraShots", 0),
            camera,
            visual,
            items);
    }

    private static SurveyCameraCalc ReadCameraCalc(PlanJsonNode node)
    {
        PlanJsonNode sideNode = node.Required("AdjustedFootprintSide");
        double side = sideNode.AsDouble();
        if (side <= 0)
        {
            throw sideNode.Fail("transect spacing must be positive");
        }

        PlanJsonNode frontNode = node.Required("AdjustedFootprintFrontal");
        double front = frontNode.AsDouble();
        if (front < 0)
        {
            throw frontNode.Fail("trigger distance must not be negative");
        }

        return new SurveyCameraCalc(
            node.OptionalString("CameraName", string.Empty),
            node.Required("DistanceToSurface").AsDouble(),
            node.OptionalBool("DistanceToSurfaceRelative", true),
            side,
            front,
            node.OptionalDouble("SensorWidth", double.NaN),
            node.OptionalDouble("SensorHeight", double.NaN),
            node.OptionalDouble("ImageWidth", double.NaN),
            node.OptionalDouble("ImageHeight", double.NaN),
            node.OptionalDouble("FocalLength", double.NaN),
            node.OptionalDouble("FrontalOverlap", double.NaN),
            node.OptionalDouble("SideOverlap", double.NaN),
            node.OptionalBool("Landscape", true));
    }

    private static Geofence ReadGeofence(PlanJsonNode node)
    {
        var polygons = new List<GeofencePolygon>();
        var circles = new List<GeofenceCircle>();
        if (node.TryGet("polygons", out PlanJsonNode polygonsNode))
        {
            int n = polygonsNode.ArrayLength();
            for (int i = 0; i < n; i++)
            {
                PlanJsonNode entry = polygonsNode.At(i);
                PlanJsonNode vertexNode = entry.Required("polygon");
                IReadOnlyList<LatLonDeg> vertices = vertexNode.AsLatLonList();
                if (vertices.Count < 3)
                {
                    throw vertexNode.Fail(string.Create(CultureInfo.InvariantCulture, $"a fence polygon needs at least 3 vertices, got {vertices.Count}"));
                }

                polygons.Add(new GeofencePolygon(vertices, entry.Required("inclusion").AsBool(), AltitudeBand.Unbounded));
            }
        }

        if (node.TryGet("circles", out PlanJsonNode circlesNode))
        {
            int n = circlesNode.ArrayLength();
            for (int i = 0; i < n; i++)
            {
                PlanJsonNode entry = circlesNode.At(i);
                PlanJsonNode circle = entry.Required("circle");
                LatLonDeg center = circle.Required("center").AsLatLon();
                PlanJsonNode radiusNode = circle.Required("radius");
                double radius = radiusNode.AsDouble();
                if (radius <= 0)
                {
                    throw radiusNode.Fail(string.Create(CultureInfo.InvariantCulture, $"radius must be positive, got {radius}"));
                }

                circles.Add(new GeofenceCircle(center, radius, entry.Required("inclusion").AsBool(), AltitudeBand.Unbounded));
            }
        }

        return new Geofence(polygons, circles);
    }

    private static RallyPoint[] ReadRally(PlanJsonNode node)
    {
        if (!node.TryGet("points", out PlanJsonNode points))
        {
            return [];
        }

        int n = points.ArrayLength();
        var result = new RallyPoint[n];
        for (int i = 0; i < n; i++)
        {
            PlanJsonNode point = points.At(i);
            if (point.ArrayLength() != 3)
            {
                throw point.Fail("expected [latitude, longitude, altitude]");
            }

            LatLonDeg latLon = point.AsLatLon();
            result[i] = new RallyPoint(latLon.LatitudeDeg, latLon.LongitudeDeg, point.At(2).AsDouble());
        }

        return result;
    }
}
