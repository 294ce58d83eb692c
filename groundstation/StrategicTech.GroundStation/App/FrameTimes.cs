using System.Globalization;

namespace StrategicTech.GroundStation.App;

/// <summary>Frame durations (preallocated), summarised as percentiles for the benchmark line.</summary>
public sealed class FrameTimes(int capacity)
{
    private readonly double[] _ms = new double[Math.Max(1, capacity)];

    public int Count { get; private set; }

    public void Add(double ms)
    {
        if (Count < _ms.Length)
        {
            _ms[Count++] = ms;
        }
    }

    /// <summary>Nearest-rank percentile of the recorded frame times, ms.</summary>
    public double Percentile(double p)
    {
        if (Count == 0)
        {
            return double.NaN;
        }

        double[] sorted = _ms[..Count];
        Array.Sort(sorted);
        int rank = (int)Math.Ceiling(p / 100 * Count);
        return sorted[Math.Clamp(rank - 1, 0, Count - 1)];
    }

    public string Summary() => string.Create(CultureInfo.InvariantCulture,
        $"frames {Count}  p50 {Percentile(50):0.0} ms  p99 {Percentile(99):0.0} ms  max {Percentile(100):0.0} ms");
}
