namespace StrategicTech.Autopilot.Tests.Control.Models;

/// <summary>Step-response figures from a sampled trajectory of a quantity moving from its start toward a target.</summary>
internal sealed class StepMetrics(double start, double target, double bandFraction)
{
    private readonly double _span = target - start;
    private double _lastOutsideBandS;

    /// <summary>Largest excursion past the target, as a fraction of the step (0 when it never passes).</summary>
    public double Overshoot { get; private set; }

    /// <summary>Time after which the value stayed within the band around the target.</summary>
    public double SettlingTimeS => _lastOutsideBandS;

    public double LastValue { get; private set; }

    public void Add(double timeS, double value)
    {
        double progress = (value - start) / _span;
        Overshoot = Math.Max(Overshoot, progress - 1.0);
        if (Math.Abs(value - target) > bandFraction * Math.Abs(_span))
        {
            _lastOutsideBandS = timeS;
        }

        LastValue = value;
    }
}
