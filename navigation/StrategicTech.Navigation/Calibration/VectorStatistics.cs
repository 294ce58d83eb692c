using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Navigation.Calibration;

/// <summary>
/// Running mean and per-axis variance of a vector signal (Welford's update, numerically stable over long runs).
/// A value type with no allocation, so a calibration step can feed it one sample per tick.
/// </summary>
public struct VectorStatistics
{
    private Vector3 _mean;
    private Vector3 _sumSquaredDeviation;

    public long Count { readonly get; private set; }

    public readonly Vector3 Mean => _mean;

    /// <summary>Per-axis sample standard deviation (zero below two samples).</summary>
    public readonly Vector3 StandardDeviation => Count < 2
        ? Vector3.Zero
        : new(Math.Sqrt(_sumSquaredDeviation.X / (Count - 1)), Math.Sqrt(_sumSquaredDeviation.Y / (Count - 1)), Math.Sqrt(_sumSquaredDeviation.Z / (Count - 1)));

    /// <summary>The largest per-axis standard deviation.</summary>
    public readonly double MaxStandardDeviation
    {
        get
        {
            Vector3 s = StandardDeviation;
            return Math.Max(s.X, Math.Max(s.Y, s.Z));
        }
    }

    public void Add(Vector3 value)
    {
        Count++;
        Vector3 delta = value - _mean;
        _mean += delta / Count;
        _sumSquaredDeviation += Vector3.Scale(delta, value - _mean);
    }

    public void Reset() => this = default;
}
