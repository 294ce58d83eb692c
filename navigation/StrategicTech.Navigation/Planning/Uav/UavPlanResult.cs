namespace StrategicTech.Navigation.Planning.Uav;

public enum UavPlanStatus
{
    Found,

    /// <summary>The start is inside a volume, its margin, or outside the flyable area.</summary>
    StartBlocked,
    GoalBlocked,

    /// <summary>Start or goal is above the airspace's maximum altitude.</summary>
    AboveMaxAltitude,
    NoPath,

    /// <summary>The caller's path span is shorter than <see cref="VisibilityGraphPlanner.MaxPathPoints"/>.</summary>
    PathBufferTooSmall,
}

/// <summary>Outcome of one query: length of the 3-D path (m), its cruise altitude (m, up) and how many points were written.</summary>
public readonly record struct UavPlanResult(UavPlanStatus Status, double LengthM, double CruiseAltitudeM, int PointCount)
{
    public bool Found => Status == UavPlanStatus.Found;
}
