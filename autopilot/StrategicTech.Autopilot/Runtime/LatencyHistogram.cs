using System.Numerics;

namespace StrategicTech.Autopilot.Runtime;

/// <summary>
/// A fixed-bucket histogram of non-negative durations in microseconds, preallocated once so that recording never
/// allocates. Exact (1 µs buckets) below 2048 µs; above that, 64 buckets per power of two (≤ 1.6 % resolution) up
/// to 2⁶³ µs. The maximum is tracked exactly. Percentiles report the lower edge of the bucket holding the requested
/// rank, except that the top bucket reports the exact maximum.
/// </summary>
public sealed class LatencyHistogram
{
    private const int LinearLimit = 2048;
    private const int LinearBits = 11;
    private const int SubBucketBits = 6;
    private const int SubBuckets = 1 << SubBucketBits;
    private const int BucketCount = LinearLimit + ((63 - LinearBits) * SubBuckets);

    private readonly long[] _counts = new long[BucketCount];

    public long Count { get; private set; }

    public long MaxUs { get; private set; }

    public long SumUs { get; private set; }

    public double MeanUs => Count == 0 ? 0 : (double)SumUs / Count;

    /// <summary>Adds one sample; negative values (a clock read before the schedule) count as 0.</summary>
    public void Record(long valueUs)
    {
        if (valueUs < 0)
        {
            valueUs = 0;
        }

        _counts[BucketOf(valueUs)]++;
        Count++;
        SumUs += valueUs;
        if (valueUs > MaxUs)
        {
            MaxUs = valueUs;
        }
    }

    /// <summary>The smallest recorded value v such that at least <paramref name="fraction"/> of samples are ≤ v (within bucket resolution).</summary>
    public long PercentileUs(double fraction)
    {
        if (Count == 0)
        {
            return 0;
        }

        long rank = Math.Max(1, (long)Math.Ceiling(Math.Clamp(fraction, 0, 1) * Count));
        long seen = 0;
        int maxBucket = BucketOf(MaxUs);
        for (int i = 0; i <= maxBucket; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                return i == maxBucket ? MaxUs : LowerEdge(i);
            }
        }

        return MaxUs;
    }

    public void Clear()
    {
        Array.Clear(_counts);
        Count = 0;
        MaxUs = 0;
        SumUs = 0;
    }

    private static int BucketOf(long valueUs)
    {
        if (valueUs < LinearLimit)
        {
            return (int)valueUs;
        }

        int msb = 63 - BitOperations.LeadingZeroCount((ulong)valueUs);
        int sub = (int)(valueUs >> (msb - SubBucketBits)) - SubBuckets;
        return LinearLimit + ((msb - LinearBits) * SubBuckets) + sub;
    }

    private static long LowerEdge(int bucket)
    {
        if (bucket < LinearLimit)
        {
            return bucket;
        }

        int octave = (bucket - LinearLimit) / SubBuckets;
        int sub = (bucket - LinearLimit) % SubBuckets;
        int msb = octave + LinearBits;
        return (long)(SubBuckets + sub) << (msb - SubBucketBits);
    }
}
