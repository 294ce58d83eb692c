using StrategicTech.Navigation.Localization;
using StrategicTech.Sim.Ros;

namespace StrategicTech.Sim.Amr;

/// <summary>
/// Takes <see cref="AmrParticleSnapshot"/>s during a run: at start, at the first converged estimate, when the truth
/// jumps (a kidnap: farther in one step than the base can drive) and at the first estimate within 0.1 m / 5° of
/// truth after it. Only a <see cref="MonteCarloLocalizer"/> has particles; others record nothing.
/// </summary>
internal sealed class ParticleRecorder(IMapLocalizer localizer)
{
    private const double KidnapJumpM = 0.3;
    private const double RelocalizedM = 0.1;
    private const double RelocalizedRad = 5 * Math.PI / 180;
    private readonly MonteCarloLocalizer? _mcl = localizer as MonteCarloLocalizer ?? (localizer as RecoveringLocalizer)?.Filter;
    private readonly List<AmrParticleSnapshot> _snapshots = [];
    private bool _converged;
    private bool _kidnapped;
    private (double X, double Y)? _lastTruth;

    public IReadOnlyList<AmrParticleSnapshot> Snapshots => _snapshots;

    public void Take(string label, RosRobotHost host)
    {
        if (_mcl is null)
        {
            return;
        }

        int n = _mcl.ParticleCount;
        double[] xs = new double[n], ys = new double[n];
        for (int i = 0; i < n; i++)
        {
            Pose2D p = _mcl.Particle(i);
            (xs[i], ys[i]) = (p.XM, p.YM);
        }

        DiffDriveBase b = host.Robot.Base;
        _snapshots.Add(new AmrParticleSnapshot(label, host.Clock.TimeUs / 1e6, xs, ys, b.TrueXM, b.TrueYM, b.TrueYawRad));
    }

    /// <summary>One control step: the estimate's converged flag and its errors against truth.</summary>
    public void Observe(RosRobotHost host, bool converged, double positionErrorM, double yawErrorRad)
    {
        DiffDriveBase b = host.Robot.Base;
        if (_lastTruth is { } last && Math.Sqrt(Sq(b.TrueXM - last.X) + Sq(b.TrueYM - last.Y)) > KidnapJumpM)
        {
            Take("kidnapped", host);
            _kidnapped = true;
        }
        else if (_kidnapped && positionErrorM < RelocalizedM && Math.Abs(yawErrorRad) < RelocalizedRad)
        {
            Take("relocalized", host);
            _kidnapped = false;
        }
        else if (!_converged && converged)
        {
            Take("converged", host);
            _converged = true;
        }

        _lastTruth = (b.TrueXM, b.TrueYM);
    }

    private static double Sq(double v) => v * v;
}
