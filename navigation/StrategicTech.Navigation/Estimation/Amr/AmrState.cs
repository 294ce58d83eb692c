namespace StrategicTech.Navigation.Estimation.Amr;

/// <summary>A snapshot of the AMR estimate (map frame, SI units).</summary>
public readonly record struct AmrState(
    double XM,
    double YM,
    double YawRad,
    double SpeedMps,
    double YawRateRadps,
    double GyroBiasRadps,
    double WheelScale)
{
    /// <summary>At rest at the origin with unit wheel scale.</summary>
    public static AmrState Origin => new(0, 0, 0, 0, 0, 0, 1);
}
