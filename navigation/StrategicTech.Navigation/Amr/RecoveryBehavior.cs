using StrategicTech.Navigation.Localization;
using StrategicTech.Navigation.Planning.Costmaps;

namespace StrategicTech.Navigation.Amr;

/// <summary>
/// A Nav2-style recovery behaviour driven tick by tick with the odometry pose (the behaviour measures its own
/// progress in the odom frame, as Nav2's do) and, for collision checks, the map pose and costmap. Started, then
/// ticked until it leaves <see cref="BehaviorStatus.Running"/>; bounded by a time allowance. Allocation-free.
/// </summary>
public abstract class RecoveryBehavior
{
    private long _startUs;

    protected RecoveryBehavior(long timeAllowanceUs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(timeAllowanceUs, 1);
        TimeAllowanceUs = timeAllowanceUs;
    }

    public long TimeAllowanceUs { get; }

    public BehaviorStatus Status { get; private set; } = BehaviorStatus.Succeeded;

    protected Pose2D StartOdom { get; private set; }

    public void Start(Pose2D odomPose, long nowUs)
    {
        _startUs = nowUs;
        StartOdom = odomPose;
        Status = BehaviorStatus.Running;
        OnStart();
    }

    /// <summary>One tick: the command to send and the status after it (a finished behaviour commands zero).</summary>
    public BehaviorStatus Tick(Pose2D odomPose, Pose2D mapPose, Costmap2D costmap, long nowUs, out VelocityCommand command)
    {
        command = default;
        if (Status != BehaviorStatus.Running)
        {
            return Status;
        }

        if (nowUs - _startUs > TimeAllowanceUs)
        {
            return Status = BehaviorStatus.TimedOut;
        }

        Status = Step(odomPose, mapPose, costmap, nowUs - _startUs, out command);
        if (Status != BehaviorStatus.Running)
        {
            command = default;
        }

        return Status;
    }

    protected virtual void OnStart()
    {
    }

    protected abstract BehaviorStatus Step(Pose2D odomPose, Pose2D mapPose, Costmap2D costmap, long elapsedUs, out VelocityCommand command);
}
