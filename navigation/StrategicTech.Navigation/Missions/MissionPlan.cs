namespace StrategicTech.Navigation.Missions;

/// <summary>One entry of a .plan's mission.items: a simple item, a survey, or another complex item kept by name.</summary>
public abstract record PlanItem;

public sealed record SimplePlanItem(MissionItem Item) : PlanItem;

public sealed record SurveyPlanItem(SurveyComplexItem Survey) : PlanItem;

/// <summary>A complex item this reader does not model (StructureScan, CorridorScan, …); its pre-computed items are kept when present.</summary>
public sealed record OtherComplexPlanItem(string ComplexItemType, IReadOnlyList<MissionItem> Items) : PlanItem;

/// <summary>
/// A QGroundControl .plan (fileType "Plan"): mission, geofence and rally points. Home is [lat°, lon°, AMSL m];
/// speeds in m/s; <see cref="FirmwareType"/> and <see cref="VehicleType"/> are MAV_AUTOPILOT / MAV_TYPE numbers.
/// </summary>
public sealed record MissionPlan(
    int Version,
    string GroundStation,
    int FirmwareType,
    int VehicleType,
    double CruiseSpeedMps,
    double HoverSpeedMps,
    LatLonDeg HomePosition,
    double HomeAltitudeAmslM,
    IReadOnlyList<PlanItem> Items,
    Geofence Geofence,
    IReadOnlyList<RallyPoint> RallyPoints)
{
    /// <summary>
    /// The mission as the vehicle receives it: simple items and each complex item's pre-computed items, in order,
    /// renumbered from <paramref name="firstSeq"/> (QGC uploads home as seq 0, so the first file item is seq 1).
    /// </summary>
    public IReadOnlyList<MissionItem> ToMissionItems(int firstSeq = 1)
    {
        var result = new List<MissionItem>();
        int seq = firstSeq;
        foreach (PlanItem entry in Items)
        {
            switch (entry)
            {
                case SimplePlanItem simple:
                    result.Add(simple.Item with { Seq = seq++ });
                    break;
                case SurveyPlanItem survey:
                    foreach (MissionItem item in survey.Survey.Items)
                    {
                        result.Add(item with { Seq = seq++ });
                    }

                    break;
                case OtherComplexPlanItem other:
                    foreach (MissionItem item in other.Items)
                    {
                        result.Add(item with { Seq = seq++ });
                    }

                    break;
            }
        }

        return result;
    }
}
