namespace StrategicTech.Navigation.Amr;

/// <summary>One RPP cycle's command with the quantities it was derived from (for logs and tests).</summary>
public readonly record struct RppOutput(
    VelocityCommand Command,
    RppStatus Status,
    double LookaheadM,
    double CurvaturePerM,
    double DistanceToGoalM,
    double CarrotXM,
    double CarrotYM);
