namespace StrategicTech.Sim.Scenarios;

/// <summary>
/// How close truth came to one NAV_WAYPOINT of the mission (3-D, home frame) while that item was current or next:
/// <see cref="Reached"/> is the mission executor's view (it moved past the item), <see cref="ClosestApproachM"/>
/// the truth figure the pass criterion judges.
/// </summary>
public sealed record WaypointResult(int Seq, int Index, double NorthM, double EastM, double DownM, bool Reached, double ClosestApproachM, bool Passed);
