using StrategicTech.Sim.Ros;

namespace StrategicTech.Sim.Amr.Scenarios;

/// <summary>
/// Applies a scenario's faults to the simulated robot at each step: the lidar dropout fraction and the extra wheel
/// slip are the largest of the windows active now (0 outside them), and a kidnap moves the robot once when its time
/// comes. Only the simulator is touched; the navigator learns of a fault only through what the robot publishes.
/// </summary>
public sealed class AmrFaultSchedule(IReadOnlyList<AmrFault> faults)
{
    private readonly bool[] _kidnapped = new bool[faults.Count];

    /// <summary>Simulated times (s) at which kidnaps were carried out.</summary>
    public List<double> KidnapTimesS { get; } = [];

    /// <summary>Simulated seconds during which at least one lidar dropout or wheel-slip window was active.</summary>
    public double FaultActiveS { get; private set; }

    public void Apply(SimulatedRosRobot robot, long nowUs, long stepUs)
    {
        ArgumentNullException.ThrowIfNull(robot);
        double nowS = nowUs / 1e6;
        double dropout = 0, slip = 0;
        for (int i = 0; i < faults.Count; i++)
        {
            AmrFault f = faults[i];
            if (f.Kind == AmrFaultKind.Kidnap)
            {
                if (!_kidnapped[i] && nowS >= f.StartS)
                {
                    _kidnapped[i] = true;
                    robot.Base.Teleport(f.KidnapTo.XM, f.KidnapTo.YM, f.KidnapTo.YawRad);
                    KidnapTimesS.Add(nowS);
                }

                continue;
            }

            if (nowS < f.StartS || nowS >= f.StartS + f.DurationS)
            {
                continue;
            }

            if (f.Kind == AmrFaultKind.LidarDropout)
            {
                dropout = Math.Max(dropout, f.Fraction);
            }
            else
            {
                slip = Math.Max(slip, f.Fraction);
            }
        }

        robot.Lidar.FaultDropoutFraction = dropout;
        robot.Base.ExtraSlipFraction = slip;
        if (dropout > 0 || slip > 0)
        {
            FaultActiveS += stepUs / 1e6;
        }
    }
}
