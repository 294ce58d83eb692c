using StrategicTech.Navigation.Localization;
using StrategicTech.Navigation.Planning.Costmaps;

namespace StrategicTech.Navigation.Amr;

/// <summary>
/// Nav2's BackUp: drive straight backwards <see cref="DistanceM"/> at <see cref="SpeedMps"/>, measured on odometry.
/// Before each step the pose <see cref="LookBehindM"/> behind the robot is checked on the costmap; an inscribed or
/// lethal cell there ends the behaviour as <see cref="BehaviorStatus.Blocked"/>.
/// </summary>
public sealed class BackUpBehavior(double distanceM = 0.3, double speedMps = 0.1, long timeAllowanceUs = 10_000_000)
    : RecoveryBehavior(timeAllowanceUs)
{
    public double DistanceM { get; } = distanceM;

    public double SpeedMps { get; } = speedMps;

    public double LookBehindM { get; init; } = 0.15;

    protected override BehaviorStatus Step(Pose2D odomPose, Pose2D mapPose, Costmap2D costmap, long elapsedUs, out VelocityCommand command)
    {
        command = default;
        double dx = odomPose.XM - StartOdom.XM, dy = odomPose.YM - StartOdom.YM;
        if ((dx * dx) + (dy * dy) >= DistanceM * DistanceM)
        {
            return BehaviorStatus.Succeeded;
        }

        double bx = mapPose.XM - (LookBehindM * Math.Cos(mapPose.YawRad));
        double by = mapPose.YM - (LookBehindM * Math.Sin(mapPose.YawRad));
        if (!costmap.TryWorldToCell(bx, by, out int cx, out int cy) || costmap[cx, cy] is CostValues.Inscribed or CostValues.Lethal)
        {
            return BehaviorStatus.Blocked;
        }

        command = new VelocityCommand(-SpeedMps, 0);
        return BehaviorStatus.Running;
    }
}
