namespace StrategicTech.Sim.SensorModels;

/// <summary>
/// Barometer model: output rate, white pressure noise, a random-walk drift of the pressure offset (weather and
/// thermal drift, Pa/√s) and the offset's standard deviation at power-up.
/// </summary>
public sealed record BaroParameters(double RateHz, double NoiseStdDevPa, double DriftPaPerSqrtS, double TurnOnOffsetStdDevPa)
{
    /// <summary>An MS5611/BMP388 class sensor at 50 Hz: ≈ 1.2 Pa (10 cm) noise.</summary>
    public static BaroParameters Default { get; } = new(50, 1.2, 0.1, 10);

    public static BaroParameters Ideal { get; } = new(50, 0, 0, 0);
}
