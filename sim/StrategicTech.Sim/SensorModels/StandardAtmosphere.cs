namespace StrategicTech.Sim.SensorModels;

/// <summary>
/// The ICAO standard atmosphere troposphere (below 11 km): T = T0 − L·h, p = p0·(T/T0)^(g0·M/(R·L)), h geopotential
/// height above mean sea level. Used both ways: truth altitude → pressure, and pressure → pressure altitude.
/// </summary>
public static class StandardAtmosphere
{
    public const double SeaLevelPressurePa = 101_325.0;
    public const double SeaLevelTemperatureK = 288.15;
    public const double LapseRateKPerM = 0.0065;

    /// <summary>g0·M/(R·L) with g0 = 9.80665, M = 0.0289644 kg/mol, R = 8.31432 J/(mol·K).</summary>
    public const double Exponent = 9.80665 * 0.0289644 / (8.31432 * LapseRateKPerM);

    public static double TemperatureK(double altitudeM) => SeaLevelTemperatureK - (LapseRateKPerM * altitudeM);

    public static double PressurePa(double altitudeM) =>
        SeaLevelPressurePa * Math.Pow(TemperatureK(altitudeM) / SeaLevelTemperatureK, Exponent);

    public static double PressureAltitudeM(double pressurePa) =>
        SeaLevelTemperatureK / LapseRateKPerM * (1 - Math.Pow(pressurePa / SeaLevelPressurePa, 1 / Exponent));
}
