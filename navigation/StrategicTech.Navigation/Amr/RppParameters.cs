namespace StrategicTech.Navigation.Amr;

/// <summary>
/// Regulated Pure Pursuit parameters, named and defaulted as Nav2's RPP controller (TurtleBot-scale values).
/// <see cref="Validate"/> names the first bad field.
/// </summary>
public sealed record RppParameters
{
    public double DesiredLinearMps { get; init; } = 0.5;

    /// <summary>Lookahead = |v|·this, clamped to [min, max] (use_velocity_scaled_lookahead_dist).</summary>
    public double LookaheadTimeS { get; init; } = 1.5;

    public double MinLookaheadM { get; init; } = 0.3;

    public double MaxLookaheadM { get; init; } = 0.9;

    /// <summary>Below this turning radius the speed is scaled by radius / this (regulated_linear_scaling_min_radius).</summary>
    public double RegulatedMinRadiusM { get; init; } = 0.9;

    /// <summary>Curvature and cost regulation never go below this speed (regulated_linear_scaling_min_speed).</summary>
    public double RegulatedMinSpeedMps { get; init; } = 0.25;

    /// <summary>Proximity regulation starts when the obstacle is nearer than this (cost_scaling_dist).</summary>
    public double CostScalingDistM { get; init; } = 0.6;

    public double CostScalingGain { get; init; } = 1.0;

    /// <summary>The costmap inflation's exponential rate k and inscribed radius, to turn a cell cost back into a distance.</summary>
    public double InflationCostScalingFactor { get; init; } = 3.0;

    public double InscribedRadiusM { get; init; } = 0.11;

    /// <summary>Speed scales down linearly over the last this-many metres of path (approach_velocity_scaling_dist).</summary>
    public double ApproachScalingDistM { get; init; } = 0.6;

    public double MinApproachLinearMps { get; init; } = 0.05;

    /// <summary>Rotate in place toward the path when the carrot is more than this off the heading.</summary>
    public double RotateToHeadingMinAngleRad { get; init; } = 0.785;

    public double RotateToHeadingAngularRadps { get; init; } = 1.8;

    public double MaxAngularAccelRadps2 { get; init; } = 3.2;

    public double MaxLinearAccelMps2 { get; init; } = 1.0;

    public double MaxLinearDecelMps2 { get; init; } = 1.0;

    public double MaxAngularRadps { get; init; } = 2.0;

    /// <summary>Within this distance of the goal the robot turns to the goal's heading (the goal checker's xy tolerance).</summary>
    public double GoalXyToleranceM { get; init; } = 0.25;

    /// <summary>The projected arc is checked on the costmap for this long, or up to the carrot if sooner.</summary>
    public double MaxTimeToCollisionS { get; init; } = 1.0;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid field.</summary>
    public void Validate()
    {
        AmrParameterChecks.Positive(DesiredLinearMps, nameof(DesiredLinearMps));
        AmrParameterChecks.Positive(LookaheadTimeS, nameof(LookaheadTimeS));
        AmrParameterChecks.Positive(MinLookaheadM, nameof(MinLookaheadM));
        if (!(MaxLookaheadM >= MinLookaheadM) || double.IsInfinity(MaxLookaheadM))
        {
            throw new ArgumentOutOfRangeException(nameof(MaxLookaheadM), MaxLookaheadM, "must be finite and >= MinLookaheadM");
        }

        AmrParameterChecks.Positive(RegulatedMinRadiusM, nameof(RegulatedMinRadiusM));
        AmrParameterChecks.NonNegative(RegulatedMinSpeedMps, nameof(RegulatedMinSpeedMps));
        AmrParameterChecks.Positive(CostScalingDistM, nameof(CostScalingDistM));
        AmrParameterChecks.NonNegative(CostScalingGain, nameof(CostScalingGain));
        AmrParameterChecks.Positive(InflationCostScalingFactor, nameof(InflationCostScalingFactor));
        AmrParameterChecks.NonNegative(InscribedRadiusM, nameof(InscribedRadiusM));
        AmrParameterChecks.NonNegative(ApproachScalingDistM, nameof(ApproachScalingDistM));
        AmrParameterChecks.NonNegative(MinApproachLinearMps, nameof(MinApproachLinearMps));
        AmrParameterChecks.Positive(RotateToHeadingMinAngleRad, nameof(RotateToHeadingMinAngleRad));
        AmrParameterChecks.Positive(RotateToHeadingAngularRadps, nameof(RotateToHeadingAngularRadps));
        AmrParameterChecks.Positive(MaxAngularAccelRadps2, nameof(MaxAngularAccelRadps2));
        AmrParameterChecks.Positive(MaxLinearAccelMps2, nameof(MaxLinearAccelMps2));
        AmrParameterChecks.Positive(MaxLinearDecelMps2, nameof(MaxLinearDecelMps2));
        AmrParameterChecks.Positive(MaxAngularRadps, nameof(MaxAngularRadps));
        AmrParameterChecks.Positive(GoalXyToleranceM, nameof(GoalXyToleranceM));
        AmrParameterChecks.Positive(MaxTimeToCollisionS, nameof(MaxTimeToCollisionS));
    }
}
