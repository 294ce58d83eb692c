using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Autopilot.Control.Filters;

/// <summary>
/// First-order (RC) low-pass on three channels. A cutoff of zero or less disables filtering.
/// The step size is passed with every sample so the filter stays exact when the loop period jitters.
/// </summary>
public sealed class FirstOrderLowPass3
{
    private Vector3 _state;
    private bool _initialised;

    public FirstOrderLowPass3(double cutoffHz)
    {
        ParameterCheck.InRange(cutoffHz, 0, 10_000, nameof(FirstOrderLowPass3), nameof(cutoffHz));
        CutoffHz = cutoffHz;
    }

    public double CutoffHz { get; }

    public Vector3 Value => _state;

    /// <summary>Forgets history; the next sample is passed through unfiltered.</summary>
    public void Reset() => _initialised = false;

    /// <summary>Sets the internal state to <paramref name="value"/> (as if it had been the input forever).</summary>
    public void Reset(Vector3 value)
    {
        _state = value;
        _initialised = true;
    }

    public Vector3 Apply(Vector3 sample, double dtS)
    {
        if (!_initialised || CutoffHz <= 0 || !(dtS > 0))
        {
            _state = sample;
            _initialised = true;
            return _state;
        }

        // Exact discretisation of dx/dt = (u - x)·2πfc for a constant input over the step.
        double alpha = 1.0 - Math.Exp(-2.0 * Math.PI * CutoffHz * dtS);
        _state = Denormals.Flush(_state + ((sample - _state) * alpha));
        return _state;
    }
}
