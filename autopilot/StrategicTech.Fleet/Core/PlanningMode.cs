namespace StrategicTech.Fleet.Core;

/// <summary>How the fleet manager plans the robots' moves.</summary>
public enum PlanningMode
{
    /// <summary>One-shot MAPF rounds: every movable robot is planned together, and a round ends when all are done (a robot that is done waits for the slowest).</summary>
    Episodes,

    /// <summary>Windowed lifelong planning (the default): a robot gets its next goal as soon as it is done, and the plan grows window by window through one dependency graph.</summary>
    Lifelong,
}
