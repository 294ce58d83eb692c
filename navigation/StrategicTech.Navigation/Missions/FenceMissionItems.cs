using System.Globalization;

namespace StrategicTech.Navigation.Missions;

/// <summary>
/// Converts a geofence and rally points to and from the items of the MAVLink mission protocol's FENCE and RALLY
/// mission types: NAV_FENCE_POLYGON_VERTEX_INCLUSION/EXCLUSION (5001/5002, param1 = the polygon's vertex count, one
/// item per vertex), NAV_FENCE_CIRCLE_INCLUSION/EXCLUSION (5003/5004, param1 = radius m), NAV_FENCE_RETURN_POINT
/// (5000, at most one: the fence's <see cref="Geofence.ReturnPoint"/>) and NAV_RALLY_POINT (5100).
/// Altitude bands are not part of the protocol (the vehicle's fence altitude is a parameter), so they are dropped.
/// </summary>
public static class FenceMissionItems
{
    public static IReadOnlyList<MissionItem> ToItems(Geofence fence)
    {
        ArgumentNullException.ThrowIfNull(fence);
        var items = new List<MissionItem>();
        if (fence.ReturnPoint is { } r)
        {
            items.Add(new MissionItem(0, MavFrame.GlobalRelativeAlt, MavCmd.NavFenceReturnPoint, 0, 0, 0, 0, r.LatitudeDeg, r.LongitudeDeg, r.AltitudeM, true));
        }

        foreach (GeofencePolygon polygon in fence.Polygons)
        {
            ushort command = polygon.IsInclusion ? MavCmd.NavFencePolygonVertexInclusion : MavCmd.NavFencePolygonVertexExclusion;
            foreach (LatLonDeg vertex in polygon.Vertices)
            {
                items.Add(new MissionItem(items.Count, MavFrame.Global, command, polygon.Vertices.Count, 0, 0, 0, vertex.LatitudeDeg, vertex.LongitudeDeg, 0, true));
            }
        }

        foreach (GeofenceCircle circle in fence.Circles)
        {
            ushort command = circle.IsInclusion ? MavCmd.NavFenceCircleInclusion : MavCmd.NavFenceCircleExclusion;
            items.Add(new MissionItem(items.Count, MavFrame.Global, command, circle.RadiusM, 0, 0, 0, circle.Center.LatitudeDeg, circle.Center.LongitudeDeg, 0, true));
        }

        return items;
    }

    /// <summary>Rebuilds a geofence from FENCE items; <paramref name="sourceName"/> labels errors (e.g. "fence upload").</summary>
    public static Geofence FromItems(IReadOnlyList<MissionItem> items, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(items);
        var polygons = new List<GeofencePolygon>();
        var circles = new List<GeofenceCircle>();
        RallyPoint? returnPoint = null;
        int i = 0;
        while (i < items.Count)
        {
            MissionItem item = items[i];
            switch (item.Command)
            {
                case MavCmd.NavFencePolygonVertexInclusion or MavCmd.NavFencePolygonVertexExclusion:
                {
                    double countValue = item.Param1;
                    if (countValue != Math.Floor(countValue) || countValue < 3 || i + countValue > items.Count)
                    {
                        throw Fail(sourceName, i, "param1", string.Create(CultureInfo.InvariantCulture,
                            $"vertex count {countValue} must be an integer ≥ 3 and the vertices must follow ({items.Count - i} items left)"));
                    }

                    int count = (int)countValue;
                    var vertices = new LatLonDeg[count];
                    for (int k = 0; k < count; k++)
                    {
                        MissionItem vertex = items[i + k];
                        if (vertex.Command != item.Command || vertex.Param1 != countValue)
                        {
                            throw Fail(sourceName, i + k, "command", string.Create(CultureInfo.InvariantCulture,
                                $"expected vertex {k + 1} of {count} of the polygon that starts at item {i}"));
                        }

                        vertices[k] = ToLatLon(vertex, sourceName, i + k);
                    }

                    polygons.Add(new GeofencePolygon(vertices, item.Command == MavCmd.NavFencePolygonVertexInclusion, AltitudeBand.Unbounded));
                    i += count;
                    break;
                }

                case MavCmd.NavFenceCircleInclusion or MavCmd.NavFenceCircleExclusion:
                    if (!(item.Param1 > 0) || !double.IsFinite(item.Param1))
                    {
                        throw Fail(sourceName, i, "param1", string.Create(CultureInfo.InvariantCulture, $"radius must be positive, got {item.Param1}"));
                    }

                    circles.Add(new GeofenceCircle(ToLatLon(item, sourceName, i), item.Param1, item.Command == MavCmd.NavFenceCircleInclusion, AltitudeBand.Unbounded));
                    i++;
                    break;
                case MavCmd.NavFenceReturnPoint:
                    if (returnPoint is not null)
                    {
                        throw Fail(sourceName, i, "command", "a second fence return point (5000); a fence has at most one");
                    }

                    LatLonDeg at = ToLatLon(item, sourceName, i);
                    if (!double.IsFinite(item.AltitudeM))
                    {
                        throw Fail(sourceName, i, "z", string.Create(CultureInfo.InvariantCulture, $"return point altitude must be finite, got {item.AltitudeM}"));
                    }

                    returnPoint = new RallyPoint(at.LatitudeDeg, at.LongitudeDeg, item.AltitudeM);
                    i++;
                    break;
                default:
                    throw Fail(sourceName, i, "command", string.Create(CultureInfo.InvariantCulture, $"{item.Command} is not a fence command (5000-5004)"));
            }
        }

        return new Geofence(polygons, circles) { ReturnPoint = returnPoint };
    }

    public static IReadOnlyList<MissionItem> ToItems(IReadOnlyList<RallyPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var items = new MissionItem[points.Count];
        for (int i = 0; i < items.Length; i++)
        {
            RallyPoint p = points[i];
            items[i] = new MissionItem(i, MavFrame.GlobalRelativeAlt, MavCmd.NavRallyPoint, 0, 0, 0, 0, p.LatitudeDeg, p.LongitudeDeg, p.AltitudeM, true);
        }

        return items;
    }

    public static IReadOnlyList<RallyPoint> RallyFromItems(IReadOnlyList<MissionItem> items, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(items);
        var points = new RallyPoint[items.Count];
        for (int i = 0; i < points.Length; i++)
        {
            if (items[i].Command != MavCmd.NavRallyPoint)
            {
                throw Fail(sourceName, i, "command", string.Create(CultureInfo.InvariantCulture, $"expected NAV_RALLY_POINT (5100), got {items[i].Command}"));
            }

            LatLonDeg at = ToLatLon(items[i], sourceName, i);
            points[i] = new RallyPoint(at.LatitudeDeg, at.LongitudeDeg, items[i].AltitudeM);
        }

        return points;
    }

    private static LatLonDeg ToLatLon(MissionItem item, string sourceName, int index)
    {
        if (!(Math.Abs(item.LatitudeDeg) <= 90) || !(Math.Abs(item.LongitudeDeg) <= 180))
        {
            throw Fail(sourceName, index, "x/y", string.Create(CultureInfo.InvariantCulture, $"position ({item.LatitudeDeg}°, {item.LongitudeDeg}°) is not a valid latitude/longitude"));
        }

        return new LatLonDeg(item.LatitudeDeg, item.LongitudeDeg);
    }

    private static MissionFileException Fail(string sourceName, int index, string field, string problem) =>
        new(sourceName, string.Create(CultureInfo.InvariantCulture, $"item {index}.{field}"), problem);
}
