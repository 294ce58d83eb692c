using StrategicTech.Navigation.Amr;
using StrategicTech.Navigation.Localization;

namespace StrategicTech.Autopilot.Amr;

/// <summary>Typed, validated parameters of the AMR navigator (Nav2's bt_navigator + controller/planner servers in one).</summary>
public sealed record AmrNavigatorParameters
{
    public double RobotRadiusM { get; init; } = 0.11;

    /// <summary>Added to the robot radius for the costmap's inscribed radius (inflation measures between cell centres).</summary>
    public double FootprintPaddingM { get; init; } = 0.06;

    public double InflationRadiusM { get; init; } = 0.55;

    public double CostScalingFactor { get; init; } = 3.0;

    /// <summary>Cost weight of the global A* (0 = shortest path; higher keeps away from inflated walls).</summary>
    public double PlannerCostWeight { get; init; } = 3.0;

    public double ObstacleMaxRangeM { get; init; } = 3.0;

    public double RaytraceMaxRangeM { get; init; } = 4.0;

    /// <summary>Side of the rolling local costmap the controller checks (robot-centred), metres.</summary>
    public double LocalCostmapSizeM { get; init; } = 6.0;

    /// <summary>Cell size of the rolling local costmap, metres (its own, independent of the map's).</summary>
    public double LocalCostmapResolutionM { get; init; } = 0.05;

    public long ControlPeriodUs { get; init; } = 50_000;

    public long ReplanPeriodUs { get; init; } = 1_000_000;

    public double GoalXyToleranceM { get; init; } = 0.25;

    public double GoalYawToleranceRad { get; init; } = 0.25;

    /// <summary>A goal not reached within this much time fails with <see cref="NavigationFailure.Timeout"/>.</summary>
    public long GoalTimeoutUs { get; init; } = 300_000_000;

    /// <summary>Nav2's progress checker: the robot must move this far …</summary>
    public double RequiredProgressM { get; init; } = 0.5;

    /// <summary>… within this long, or a recovery runs.</summary>
    public long ProgressTimeoutUs { get; init; } = 10_000_000;

    /// <summary>The controller blocked (collision ahead or monitor stop) this long triggers a recovery.</summary>
    public long BlockedTimeoutUs { get; init; } = 3_000_000;

    /// <summary>Odometry older than this: command zero and hold the goal (the link is down).</summary>
    public long SensorTimeoutUs { get; init; } = 500_000;

    /// <summary>Sensor silence this long fails the goal as <see cref="NavigationFailure.LocalizationLost"/>.</summary>
    public long LinkLostFailAfterUs { get; init; } = 30_000_000;

    /// <summary>
    /// The localizer reporting itself lost (kidnap detected, pose searched for or still ambiguous) longer than this
    /// during a goal fails it as <see cref="NavigationFailure.LocalizationLost"/>; the robot stays stopped.
    /// </summary>
    public long RelocalizeTimeoutUs { get; init; } = 30_000_000;

    /// <summary>A localizer σ (x or y) above this fails the goal as <see cref="NavigationFailure.LocalizationLost"/>.</summary>
    public double MaxLocalizationSigmaM { get; init; } = 2.0;

    public int MaxRecoveries { get; init; } = 6;

    /// <summary>
    /// Probing moves (active disambiguation) driven at most per lost episode while the localizer holds several
    /// hypotheses it cannot tell apart standing still; 0 keeps the robot standing (the goal then fails after
    /// <see cref="RelocalizeTimeoutUs"/>).
    /// </summary>
    public int MaxProbes { get; init; } = 4;

    /// <summary>How probe moves are chosen (headings, distances, clearances; the radius is set from <see cref="RobotRadiusM"/>).</summary>
    public ProbeMotionParameters Probe { get; init; } = new();

    /// <summary>Top speed (m/s) of a probe's straight drive: slow, since the pose is unknown (the collision monitor stays active).</summary>
    public double ProbeSpeedMps { get; init; } = 0.2;

    /// <summary>Top yaw rate (rad/s) of a probe's turn in place.</summary>
    public double ProbeYawRateRadps { get; init; } = 1.0;

    /// <summary>A probe that has not ended this long after it started (blocked by a person, say) is abandoned.</summary>
    public long ProbeTimeoutUs { get; init; } = 20_000_000;

    /// <summary>Standing time after a probe before the next one, so the localizer rescores from the new standpoint.</summary>
    public long ProbeSettleUs { get; init; } = 1_000_000;

    public RppParameters Rpp { get; init; } = new() { InscribedRadiusM = 0.17, MinLookaheadM = 0.25, LookaheadTimeS = 1.0 };

    public CollisionMonitorParameters? CollisionMonitor { get; init; }

    public double InscribedRadiusM => RobotRadiusM + FootprintPaddingM;

    public void Validate()
    {
        AmrParameterChecks.Positive(RobotRadiusM, nameof(RobotRadiusM));
        AmrParameterChecks.NonNegative(FootprintPaddingM, nameof(FootprintPaddingM));
        if (!(InflationRadiusM >= InscribedRadiusM) || double.IsInfinity(InflationRadiusM))
        {
            throw new ArgumentOutOfRangeException(nameof(InflationRadiusM), InflationRadiusM, "must be finite and >= robot radius + padding");
        }

        AmrParameterChecks.Positive(CostScalingFactor, nameof(CostScalingFactor));
        AmrParameterChecks.NonNegative(PlannerCostWeight, nameof(PlannerCostWeight));
        AmrParameterChecks.Positive(ObstacleMaxRangeM, nameof(ObstacleMaxRangeM));
        AmrParameterChecks.Positive(RaytraceMaxRangeM, nameof(RaytraceMaxRangeM));
        AmrParameterChecks.Positive(LocalCostmapResolutionM, nameof(LocalCostmapResolutionM));
        if (!(LocalCostmapSizeM >= 2 * (InflationRadiusM + RobotRadiusM)) || double.IsInfinity(LocalCostmapSizeM))
        {
            throw new ArgumentOutOfRangeException(nameof(LocalCostmapSizeM), LocalCostmapSizeM, "must be finite and hold the robot and its inflation on both sides");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(ControlPeriodUs, 1000, nameof(ControlPeriodUs));
        ArgumentOutOfRangeException.ThrowIfLessThan(ReplanPeriodUs, ControlPeriodUs, nameof(ReplanPeriodUs));
        AmrParameterChecks.Positive(GoalXyToleranceM, nameof(GoalXyToleranceM));
        AmrParameterChecks.Positive(GoalYawToleranceRad, nameof(GoalYawToleranceRad));
        ArgumentOutOfRangeException.ThrowIfLessThan(GoalTimeoutUs, 1, nameof(GoalTimeoutUs));
        AmrParameterChecks.Positive(RequiredProgressM, nameof(RequiredProgressM));
        ArgumentOutOfRangeException.ThrowIfLessThan(ProgressTimeoutUs, 1, nameof(ProgressTimeoutUs));
        ArgumentOutOfRangeException.ThrowIfLessThan(BlockedTimeoutUs, 1, nameof(BlockedTimeoutUs));
        ArgumentOutOfRangeException.ThrowIfLessThan(SensorTimeoutUs, 1, nameof(SensorTimeoutUs));
        ArgumentOutOfRangeException.ThrowIfLessThan(LinkLostFailAfterUs, SensorTimeoutUs, nameof(LinkLostFailAfterUs));
        ArgumentOutOfRangeException.ThrowIfLessThan(RelocalizeTimeoutUs, 1, nameof(RelocalizeTimeoutUs));
        AmrParameterChecks.Positive(MaxLocalizationSigmaM, nameof(MaxLocalizationSigmaM));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxRecoveries, nameof(MaxRecoveries));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxProbes, nameof(MaxProbes));
        ArgumentNullException.ThrowIfNull(Probe);
        Probe.Validate();
        AmrParameterChecks.Positive(ProbeSpeedMps, nameof(ProbeSpeedMps));
        AmrParameterChecks.Positive(ProbeYawRateRadps, nameof(ProbeYawRateRadps));
        ArgumentOutOfRangeException.ThrowIfLessThan(ProbeTimeoutUs, 1, nameof(ProbeTimeoutUs));
        ArgumentOutOfRangeException.ThrowIfNegative(ProbeSettleUs, nameof(ProbeSettleUs));
        ArgumentNullException.ThrowIfNull(Rpp);
        Rpp.Validate();
        CollisionMonitor?.Validate();
    }
}
