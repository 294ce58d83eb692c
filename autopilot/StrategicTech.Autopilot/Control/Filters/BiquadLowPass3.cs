using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Autopilot.Control.Filters;

/// <summary>
/// Second-order Butterworth low-pass (bilinear transform with pre-warping), three channels, direct form II transposed.
/// Coefficients are recomputed only when the step size changes. A cutoff of zero or less, or at/above 0.45× the
/// sample rate, passes samples through (a biquad there would be unstable or pointless).
/// </summary>
public sealed class BiquadLowPass3
{
    private double _b0, _b1, _b2, _a1, _a2;
    private double _coefficientsDtS = double.NaN;
    private bool _passThrough = true;
    private Vector3 _z1, _z2;
    private bool _initialised;

    public BiquadLowPass3(double cutoffHz)
    {
        ParameterCheck.InRange(cutoffHz, 0, 10_000, nameof(BiquadLowPass3), nameof(cutoffHz));
        CutoffHz = cutoffHz;
    }

    public double CutoffHz { get; }

    public void Reset() => _initialised = false;

    public Vector3 Apply(Vector3 sample, double dtS)
    {
        if (dtS != _coefficientsDtS)
        {
            ComputeCoefficients(dtS);
        }

        if (_passThrough)
        {
            return sample;
        }

        if (!_initialised)
        {
            // Start in the steady state of a constant input equal to this sample: no start-up transient.
            _z1 = sample * (1.0 - _b0);
            _z2 = sample * (_b2 - _a2);
            _initialised = true;
        }

        Vector3 y = (sample * _b0) + _z1;
        _z1 = Denormals.Flush((sample * _b1) - (y * _a1) + _z2);
        _z2 = Denormals.Flush((sample * _b2) - (y * _a2));
        return y;
    }

    private void ComputeCoefficients(double dtS)
    {
        _coefficientsDtS = dtS;
        double sampleHz = dtS > 0 ? 1.0 / dtS : 0;
        _passThrough = CutoffHz <= 0 || !(sampleHz > 0) || CutoffHz >= 0.45 * sampleHz;
        if (_passThrough)
        {
            return;
        }

        double k = Math.Tan(Math.PI * CutoffHz / sampleHz);
        double q = Math.Sqrt(0.5); // Butterworth: Q = 1/√2
        double norm = 1.0 / (1.0 + (k / q) + (k * k));
        _b0 = k * k * norm;
        _b1 = 2.0 * _b0;
        _b2 = _b0;
        _a1 = 2.0 * ((k * k) - 1.0) * norm;
        _a2 = (1.0 - (k / q) + (k * k)) * norm;
        _initialised = false;
    }
}
