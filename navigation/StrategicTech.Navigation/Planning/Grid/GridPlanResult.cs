namespace StrategicTech.Navigation.Planning.Grid;

/// <summary>
/// Result of one grid query: status, path cost (cells; octile or any-angle length, scaled by cell costs in
/// cost-aware mode), nodes expanded, and the number of waypoints in the planner's <c>Path</c>.
/// </summary>
public readonly record struct GridPlanResult(PlanStatus Status, double Cost, int Expansions, int PathCount)
{
    public bool Succeeded => Status == PlanStatus.Success;
}
