using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Autopilot.Control.Filters;

/// <summary>
/// Second-order Butterworth low-pass (bilinear transform with pre-warping), three channels, direct form II transposed.
/// Coefficients are recomputed only when the step size changes. A cutoff of zero or less, or at/above 0.45× the
/// sample rate, passes samples through (a biquad there would be unstable or pointless).
/// </summary>
public sealed class BiquadLowPass3
{
    private double b0, b1, b2, a1, a2;
    private double coefficientsDtS = double.NaN;
    private bool passThrough = true;
    private Vector3 z1, z2;
    private bool initialised;

    public BiquadLowPass3(double cutoffHz)
    {
        ParameterCheck.InRange(cutoffHz, 0, 10_000, nameof(BiquadLowPass3), nameof(cutoffHz));
        CutoffHz = cutoffHz;
    }

    public double CutoffHz { get; }

    public void Reset() => initialised = false;

    public Vector3 Apply(Vector3 sample, double dtS)
    {
        if (dtS != coefficientsDtS)
        {
            ComputeCoefficients(dtS);
        }

        if (passThrough)
        {
            return sample;
        }

        if (!initialised)
        {
            // Start in the steady state of a constant input equal to this sample: no start-up transient.
            z1 = sample * (1.0 - b0);
            z2 = sample * (b2 - a2);
            initialised = true;
        }

        Vector3 y = (sample * b0) + z1;
        z1 = Denormals.Flush((sample * b1) - (y * a1) + z2);
        z2 = Denormals.Flush((sample * b2) - (y * a2));
        return y;
    }

    private void ComputeCoefficients(double dtS)
    {
        coefficientsDtS = dtS;
        double sampleHz = dtS > 0 ? 1.0 / dtS : 0;
        passThrough = CutoffHz <= 0 || !(sampleHz > 0) || CutoffHz >= 0.45 * sampleHz;
        if (passThrough)
        {
            return;
        }

        double k = Math.Tan(Math.PI * CutoffHz / sampleHz);
        double q = Math.Sqrt(0.5); // Butterworth: Q = 1/√2
        double norm = 1.0 / (1.0 + (k / q) + (k * k));
        b0 = k * k * norm;
        b1 = 2.0 * b0;
        b2 = b0;
        a1 = 2.0 * ((k * k) - 1.0) * norm;
        a2 = (1.0 - (k / q) + (k * k)) * norm;
        initialised = false;
    }
}
