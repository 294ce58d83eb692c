namespace StrategicTech.Navigation.Estimation.Uav;

/// <summary>Downward range-finder distance along body +Z, metres.</summary>
public readonly record struct RangeSample(long TimeUs, double RangeM)
{
    internal bool IsFinite => double.IsFinite(RangeM);
}
