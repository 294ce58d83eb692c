using StrategicTech.Navigation.Localization;
using StrategicTech.Navigation.Planning.Costmaps;

namespace StrategicTech.Navigation.Amr;

/// <summary>Nav2's Wait: command zero for <see cref="DurationUs"/> (a person in the aisle may walk on).</summary>
public sealed class WaitBehavior(long durationUs = 2_000_000) : RecoveryBehavior(durationUs + 1)
{
    public long DurationUs { get; } = durationUs;

    protected override BehaviorStatus Step(Pose2D odomPose, Pose2D mapPose, Costmap2D costmap, long elapsedUs, out VelocityCommand command)
    {
        command = default;
        return elapsedUs >= DurationUs ? BehaviorStatus.Succeeded : BehaviorStatus.Running;
    }
}
