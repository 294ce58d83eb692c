namespace StrategicTech.Navigation.Planning;

/// <summary>
/// Outcome of one planner query. Failures are typed (as Nav2's planner exceptions) so callers can react:
/// re-plan from a cleared start, pick another goal, or report that no path exists.
/// </summary>
public enum PlanStatus
{
    Success = 0,
    StartOutOfBounds,
    GoalOutOfBounds,
    StartOccupied,
    GoalOccupied,
    NoPath,
    Cancelled,
    ExpansionLimit,
}
