namespace StrategicTech.Navigation.Localization;

/// <summary>
/// Localization of a planar robot on a known occupancy map from odometry and a 2-D laser scan (AMCL's role in Nav2).
/// Implementations allocate nothing per <see cref="Update"/> after construction.
/// </summary>
public interface IMapLocalizer
{
    /// <summary>Seeds the estimate around a map-frame pose (Nav2's <c>/initialpose</c>); the odometry pose is the one at that moment.</summary>
    void SetInitialPose(Pose2D mapPose, Pose2D odomPose, double sigmaXyM, double sigmaYawRad);

    /// <summary>Forgets the pose and searches the whole free space (global localization / kidnapped robot).</summary>
    void StartGlobalLocalization(Pose2D odomPose);

    /// <summary>
    /// One scan with the odometry pose at its timestamp. Ranges in metres; NaN, infinity, values at or beyond
    /// <paramref name="rangeMaxM"/> or below <paramref name="rangeMinM"/> are no return. <paramref name="laserInBase"/> is the
    /// scanner's pose on the base. Returns true when the filter updated (motion or time thresholds met).
    /// </summary>
    bool Update(
        Pose2D odomPose,
        ReadOnlySpan<float> rangesM,
        double angleMinRad,
        double angleIncrementRad,
        double rangeMinM,
        double rangeMaxM,
        Pose2D laserInBase,
        long timeUs);

    /// <summary>The latest estimate.</summary>
    MapPoseEstimate Estimate { get; }

    /// <summary>
    /// True while the localizer knows its estimate is wrong (a kidnap was detected and the pose is being searched
    /// for): a navigator must not drive on <see cref="Estimate"/> then. Localizers without kidnap detection never are.
    /// </summary>
    bool IsLost => false;
}
