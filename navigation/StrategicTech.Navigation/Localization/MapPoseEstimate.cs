namespace StrategicTech.Navigation.Localization;

/// <summary>
/// A localizer's estimate of the base in the map frame, tied to the odometry pose it was computed for, so a consumer
/// can carry it forward with later odometry: <c>map pose now = Pose ⊕ OdomPoseAtEstimate.Between(odom pose now)</c>
/// (the map→odom correction Nav2 publishes as a transform).
/// </summary>
public readonly record struct MapPoseEstimate(
    Pose2D Pose,
    Pose2D OdomPoseAtEstimate,
    double SigmaXM,
    double SigmaYM,
    double SigmaYawRad,
    int ParticleCount,
    long TimeUs,
    bool Converged)
{
    /// <summary>The map-frame pose for a later odometry pose, carried forward by the odometry delta.</summary>
    public Pose2D Propagate(Pose2D odomPoseNow) => Pose.Compose(OdomPoseAtEstimate.Between(odomPoseNow));
}
