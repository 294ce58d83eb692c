using StrategicTech.Navigation.Localization;
using StrategicTech.Navigation.Planning.Costmaps;

namespace StrategicTech.Navigation.Amr;

/// <summary>
/// Nav2's Spin: turn in place by <see cref="TargetYawRad"/> (signed, may exceed π) at up to the given rate, slowing
/// to stop on the target (v² = 2aθ). The turned angle is accumulated from odometry yaw steps, so several turns count.
/// A round base turning in place sweeps no new cells, so no costmap check is needed.
/// </summary>
public sealed class SpinBehavior(double targetYawRad = Math.PI / 2, double maxRateRadps = 1.0, double angularAccelRadps2 = 2.0,
    double toleranceRad = 0.05, long timeAllowanceUs = 10_000_000) : RecoveryBehavior(timeAllowanceUs)
{
    private double _turnedRad;
    private double _previousYawRad;

    public double TargetYawRad { get; } = targetYawRad;

    public double TurnedRad => _turnedRad;

    protected override void OnStart()
    {
        _turnedRad = 0;
        _previousYawRad = StartOdom.YawRad;
    }

    protected override BehaviorStatus Step(Pose2D odomPose, Pose2D mapPose, Costmap2D costmap, long elapsedUs, out VelocityCommand command)
    {
        _turnedRad += Pose2D.WrapPi(odomPose.YawRad - _previousYawRad);
        _previousYawRad = odomPose.YawRad;
        double remaining = TargetYawRad - _turnedRad;
        if (Math.Abs(remaining) <= toleranceRad)
        {
            command = default;
            return BehaviorStatus.Succeeded;
        }

        double rate = Math.Min(maxRateRadps, Math.Sqrt(2 * angularAccelRadps2 * Math.Abs(remaining)));
        command = new VelocityCommand(0, Math.CopySign(rate, remaining));
        return BehaviorStatus.Running;
    }
}
