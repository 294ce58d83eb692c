namespace StrategicTech.Drivers.Rosbridge.Messages.Preallocated;

/// <summary>
/// sensor_msgs/LaserScan decoded in place: created once with room for the expected beams, refilled by the
/// allocation-free decoders (<see cref="Codec.Cdr.CdrInto"/>, <see cref="Codec.CborInto"/>). The arrays are reused
/// while their capacity suffices; a larger scan replaces them once (its count already checked against the bytes).
/// </summary>
public sealed class LaserScanBuffer : IPreallocatedMessage
{
    public LaserScanBuffer(int beamCapacity = 360)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(beamCapacity);
        RangesStorage = new float[beamCapacity];
        IntensitiesStorage = new float[beamCapacity];
    }

    public RosTime Stamp { get; set; }

    public ReusedString FrameId { get; } = new();

    public float AngleMin { get; set; }

    public float AngleMax { get; set; }

    public float AngleIncrement { get; set; }

    public float TimeIncrement { get; set; }

    public float ScanTime { get; set; }

    public float RangeMin { get; set; }

    public float RangeMax { get; set; }

    public int RangeCount { get; internal set; }

    public int IntensityCount { get; internal set; }

    /// <summary>The beams of the last decoded scan (m; +Inf = no return).</summary>
    public ReadOnlySpan<float> Ranges => RangesStorage.AsSpan(0, RangeCount);

    public ReadOnlySpan<float> Intensities => IntensitiesStorage.AsSpan(0, IntensityCount);

    internal float[] RangesStorage { get; set; }

    internal float[] IntensitiesStorage { get; set; }

    /// <summary>The storage for <paramref name="count"/> ranges (the old array when it is large enough).</summary>
    internal Span<float> PrepareRanges(int count)
    {
        if (count > RangesStorage.Length)
        {
            RangesStorage = new float[count];
        }

        RangeCount = count;
        return RangesStorage.AsSpan(0, count);
    }

    internal Span<float> PrepareIntensities(int count)
    {
        if (count > IntensitiesStorage.Length)
        {
            IntensitiesStorage = new float[count];
        }

        IntensityCount = count;
        return IntensitiesStorage.AsSpan(0, count);
    }

    /// <summary>An immutable copy (allocates; for non-real-time consumers).</summary>
    public LaserScan ToMessage() => new(
        new Header(Stamp, FrameId.Value), AngleMin, AngleMax, AngleIncrement, TimeIncrement, ScanTime, RangeMin, RangeMax,
        Ranges.ToArray(), Intensities.ToArray());
}
