namespace StrategicTech.Fleet.Execution;

/// <summary>
/// One move of one robot in a plan: from vertex to a neighbouring vertex, started at plan step
/// <see cref="PlanStep"/> (waits are not actions: the dependency graph keeps only the order of moves).
/// </summary>
public readonly record struct AdgAction(int Robot, int Index, int FromVertex, int ToVertex, int PlanStep);
