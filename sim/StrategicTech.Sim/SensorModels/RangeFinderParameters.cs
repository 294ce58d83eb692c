namespace StrategicTech.Sim.SensorModels;

/// <summary>Downward range finder: rate, valid range, white noise, and the tilt beyond which the beam misses.</summary>
public sealed record RangeFinderParameters(double RateHz, double MinRangeM, double MaxRangeM, double NoiseStdDevM, double MaxTiltRad)
{
    /// <summary>A TFmini/LightWare class lidar at 20 Hz, 0.1–12 m, 2 cm noise.</summary>
    public static RangeFinderParameters Default { get; } = new(20, 0.1, 12, 0.02, 45 * Math.PI / 180);
}
