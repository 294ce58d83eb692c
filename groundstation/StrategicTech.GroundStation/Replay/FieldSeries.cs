namespace StrategicTech.GroundStation.Replay;

/// <summary>One field of one vehicle over a log: times (s after the log's first record) ascending, and values.</summary>
public sealed class FieldSeries
{
    private readonly List<double> _timesS = [];
    private readonly List<double> _values = [];

    public int Count => _timesS.Count;

    public double MinValue { get; private set; } = double.PositiveInfinity;

    public double MaxValue { get; private set; } = double.NegativeInfinity;

    public double TimeS(int i) => _timesS[i];

    public double Value(int i) => _values[i];

    /// <summary>Appends a point; non-finite values (a field the vehicle marks unknown) are left out.</summary>
    public void Add(double timeS, double value)
    {
        if (!double.IsFinite(value))
        {
            return;
        }

        _timesS.Add(timeS);
        _values.Add(value);
        MinValue = Math.Min(MinValue, value);
        MaxValue = Math.Max(MaxValue, value);
    }

    /// <summary>Index of the last point at or before <paramref name="timeS"/> (-1 when none).</summary>
    public int IndexAtOrBefore(double timeS)
    {
        int lo = 0;
        int hi = _timesS.Count - 1;
        int found = -1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            if (_timesS[mid] <= timeS)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return found;
    }
}
