using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Drivers.Sensors.Common;

/// <summary>One inertial sample in the sensor's own axes (rotate into the body frame with the board's rotation).</summary>
/// <param name="TimeUs">Sample time on the injected clock, microseconds.</param>
/// <param name="AccelerationMps2">Specific force, m/s².</param>
/// <param name="AngularRateRadps">Angular rate, rad/s.</param>
/// <param name="TemperatureC">Die temperature, °C.</param>
public readonly record struct ImuSample(long TimeUs, Vector3 AccelerationMps2, Vector3 AngularRateRadps, double TemperatureC);

/// <summary>One barometer sample.</summary>
public readonly record struct BarometerSample(long TimeUs, double PressurePa, double TemperatureC);

/// <summary>One magnetometer sample in the sensor's own axes, tesla.</summary>
public readonly record struct MagnetometerSample(long TimeUs, Vector3 FieldTesla);
