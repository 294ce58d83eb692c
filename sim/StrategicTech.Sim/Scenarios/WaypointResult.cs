namespace StrategicTech.Sim.Scenarios;

/// <summary>
/// How close truth came to one NAV_WAYPOINT of the mission (3-D, home frame) while that item was current or next:
/// <see cref="Reached"/> is the mission executor's view (it moved past the item), <see cref="ClosestApproachM"/>
/// the truth figure the pass criterion judges. <see cref="TruthAtReachedM"/> is truth's distance from the waypoint
/// at the tick the autopilot reported it reached (MISSION_ITEM_REACHED), judged against <see cref="AcceptanceRadiusM"/>
/// (the item's param2, else NAV_ACC_RAD).
/// </summary>
public sealed record WaypointResult(int Seq, int Index, double NorthM, double EastM, double DownM, bool Reached, double ClosestApproachM, bool Passed)
{
    /// <summary>Truth's 3-D distance from the waypoint when the autopilot reported it reached (m; NaN: never reported).</summary>
    public double TruthAtReachedM { get; init; } = double.NaN;

    /// <summary>The acceptance radius the autopilot used for this waypoint (m).</summary>
    public double AcceptanceRadiusM { get; init; } = double.NaN;

    /// <summary>Reported reached with truth inside the acceptance radius.</summary>
    public bool TruthWithinAcceptance => TruthAtReachedM <= AcceptanceRadiusM;
}
