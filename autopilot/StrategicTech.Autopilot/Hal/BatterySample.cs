namespace StrategicTech.Autopilot.Hal;

/// <summary>
/// One battery-monitor reading: terminal voltage (V) and current drawn (A, positive discharging). Monitors with a
/// coulomb counter or a fuel gauge (smart batteries, digital power modules) also report the charge drawn since
/// power-up (<see cref="ConsumedMah"/>) and the remaining fraction (<see cref="RemainingFraction"/>, 0..1); an analog
/// power module leaves them null and the vehicle's <c>BatteryEstimator</c> integrates the current instead.
/// </summary>
public readonly record struct BatterySample(long TimeUs, double VoltageV, double CurrentA, double? ConsumedMah, double? RemainingFraction);
