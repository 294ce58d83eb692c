namespace StrategicTech.Navigation.Amr;

/// <summary>What the Regulated Pure Pursuit controller did this cycle.</summary>
public enum RppStatus
{
    /// <summary>No path set: command zero.</summary>
    NoPath,

    /// <summary>Driving along the path toward the carrot.</summary>
    Following,

    /// <summary>Turning in place toward the path (carrot too far off the heading).</summary>
    RotatingToPath,

    /// <summary>At the goal position, turning in place to the goal heading.</summary>
    RotatingToGoalHeading,

    /// <summary>The projected arc meets a lethal/inscribed cell: command zero (Nav2 raises "collision ahead").</summary>
    CollisionAhead,
}
