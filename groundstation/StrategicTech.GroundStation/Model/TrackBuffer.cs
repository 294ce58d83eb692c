namespace StrategicTech.GroundStation.Model;

/// <summary>The last <see cref="Capacity"/> positions of a vehicle (a preallocated ring; the oldest point is overwritten).</summary>
public sealed class TrackBuffer(int capacity = 10_000)
{
    private readonly double[] _latDeg = new double[capacity];
    private readonly double[] _lonDeg = new double[capacity];
    private int _start;

    public int Capacity { get; } = capacity;

    public int Count { get; private set; }

    /// <summary>Points accepted since the last <see cref="Clear"/> (the oldest <c>Total - Count</c> were overwritten); lets a renderer append only what is new.</summary>
    public long Total { get; private set; }

    /// <summary>Adds a point unless it lies within <paramref name="minStepDeg"/> of the last one (a hovering vehicle adds nothing).</summary>
    public void Add(double latDeg, double lonDeg, double minStepDeg = 2e-6)
    {
        if (Count > 0)
        {
            int last = (_start + Count - 1) % Capacity;
            if (Math.Abs(_latDeg[last] - latDeg) < minStepDeg && Math.Abs(_lonDeg[last] - lonDeg) < minStepDeg)
            {
                return;
            }
        }

        if (Count < Capacity)
        {
            int i = (_start + Count) % Capacity;
            _latDeg[i] = latDeg;
            _lonDeg[i] = lonDeg;
            Count++;
            Total++;
            return;
        }

        _latDeg[_start] = latDeg;
        _lonDeg[_start] = lonDeg;
        _start = (_start + 1) % Capacity;
        Total++;
    }

    /// <summary>Point <paramref name="index"/> from the oldest (0).</summary>
    public (double LatDeg, double LonDeg) this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            int i = (_start + index) % Capacity;
            return (_latDeg[i], _lonDeg[i]);
        }
    }

    public void Clear()
    {
        _start = 0;
        Count = 0;
        Total = 0;
    }
}
