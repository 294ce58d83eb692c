namespace StrategicTech.Autopilot.Hal.Adapters;

/// <summary>
/// Pressure → pressure altitude with the ICAO standard atmosphere below 11 km: h = T0/L · (1 − (p/p0)^(R·L/(g0·M))),
/// T0 = 288.15 K, L = 0.0065 K/m, p0 = 101 325 Pa. The EKF uses baro height relative to its own datum, so only the
/// shape of the curve matters, not the day's sea-level pressure.
/// </summary>
public static class IsaPressureAltitude
{
    public const double SeaLevelPressurePa = 101_325.0;
    private const double SeaLevelTemperatureK = 288.15;
    private const double LapseRateKPerM = 0.0065;

    /// <summary>R·L/(g0·M) with R = 8.31432 J/(mol·K), g0 = 9.80665 m/s², M = 0.0289644 kg/mol.</summary>
    private const double InverseExponent = 8.31432 * LapseRateKPerM / (9.80665 * 0.0289644);

    public static double AltitudeM(double pressurePa) =>
        SeaLevelTemperatureK / LapseRateKPerM * (1 - Math.Pow(pressurePa / SeaLevelPressurePa, InverseExponent));

    /// <summary>The inverse: static pressure at a pressure altitude (Pa).</summary>
    public static double PressurePa(double altitudeM) =>
        SeaLevelPressurePa * Math.Pow(1 - (altitudeM * LapseRateKPerM / SeaLevelTemperatureK), 1 / InverseExponent);
}
