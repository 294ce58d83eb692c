namespace StrategicTech.Navigation.Localization;

/// <summary>
/// A probing move chosen by <see cref="ProbeMotionPlanner"/>, in the robot's own frame: turn in place by
/// <see cref="HeadingRad"/>, then drive straight <see cref="DistanceM"/>. <see cref="Discrimination"/> is the mean,
/// over pairs of hypotheses, of the share of predicted beams (capped range difference) that differ after the move.
/// </summary>
public readonly record struct ProbeMotion(double HeadingRad, double DistanceM, double Discrimination)
{
    /// <summary>The end of the move relative to its start (robot frame), facing along the move.</summary>
    public Pose2D Delta => new(DistanceM * Math.Cos(HeadingRad), DistanceM * Math.Sin(HeadingRad), HeadingRad);
}
