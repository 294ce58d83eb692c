namespace StrategicTech.Navigation.Estimation.Uav;

/// <summary>Barometric (pressure) altitude, metres above an arbitrary datum, positive up.</summary>
public readonly record struct BaroSample(long TimeUs, double AltitudeM)
{
    internal bool IsFinite => double.IsFinite(AltitudeM);
}
