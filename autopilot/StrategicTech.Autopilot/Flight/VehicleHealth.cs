using StrategicTech.Navigation.Geodesy;

namespace StrategicTech.Autopilot.Flight;

/// <summary>
/// What the host (SITL or the hardware drivers) tells the commander each position-loop update: estimator and sensor
/// health for the arming checks and the failsafes, and the estimator's geodetic origin for mission positions and home.
/// </summary>
public readonly record struct VehicleHealth(
    bool EstimatorReady,
    bool HasGnssFix,
    double BatteryRemainingFraction,
    bool HasOrigin,
    GeodeticPosition Origin)
{
    /// <summary>The estimator has no horizontal aiding (GNSS not fused, dead reckoning).</summary>
    public bool PositionAidingLost { get; init; }

    /// <summary>The largest current innovation test ratio of the estimator's aiding (GNSS, baro); 0 when none.</summary>
    public double EstimatorTestRatio { get; init; }

    /// <summary>The failure detector reports a failed motor.</summary>
    public bool MotorFailed { get; init; }

    /// <summary>The impact detector saw a hard touchdown or a ground strike.</summary>
    public bool HardImpact { get; init; }

    /// <summary>1-σ 3-D uncertainty of the position estimate (m, from the estimator's covariance); 0 when unknown.</summary>
    public double PositionAccuracyM { get; init; }
}
