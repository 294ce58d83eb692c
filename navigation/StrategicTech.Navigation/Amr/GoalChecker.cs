using StrategicTech.Navigation.Localization;

namespace StrategicTech.Navigation.Amr;

/// <summary>
/// Nav2's SimpleGoalChecker: the goal is reached when the robot is within <see cref="XyToleranceM"/> of it and within
/// <see cref="YawToleranceRad"/> of its heading. Stateful (Nav2's default): once the position was inside the tolerance
/// it stays accepted while the robot turns in place (turning on a real base shifts the centre a little).
/// </summary>
public sealed class GoalChecker
{
    private bool _xyLatched;

    public GoalChecker(double xyToleranceM = 0.25, double yawToleranceRad = 0.25, bool stateful = true)
    {
        AmrParameterChecks.Positive(xyToleranceM, nameof(xyToleranceM));
        AmrParameterChecks.Positive(yawToleranceRad, nameof(yawToleranceRad));
        XyToleranceM = xyToleranceM;
        YawToleranceRad = yawToleranceRad;
        Stateful = stateful;
    }

    public double XyToleranceM { get; }

    public double YawToleranceRad { get; }

    public bool Stateful { get; }

    /// <summary>Forgets the latched position (a new goal).</summary>
    public void Reset() => _xyLatched = false;

    public bool IsGoalReached(Pose2D robot, Pose2D goal)
    {
        if (!(Stateful && _xyLatched))
        {
            double dx = goal.XM - robot.XM, dy = goal.YM - robot.YM;
            if ((dx * dx) + (dy * dy) > XyToleranceM * XyToleranceM)
            {
                return false;
            }

            _xyLatched = Stateful;
        }

        return Math.Abs(Pose2D.WrapPi(goal.YawRad - robot.YawRad)) <= YawToleranceRad;
    }
}
