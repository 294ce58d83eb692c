using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Drivers.Sensors.Common;

// "Reading", not "Sample": the estimator's ImuSample/BaroSample/MagSample (navigation) are what the autopilot's
// adapters build from these, after rotation into the body frame and integration over the sample interval.

/// <summary>One inertial sample in the sensor's own axes (rotate into the body frame with the board's rotation).</summary>
/// <param name="TimeUs">Sample time on the injected clock, microseconds.</param>
/// <param name="AccelerationMps2">Specific force, m/s².</param>
/// <param name="AngularRateRadps">Angular rate, rad/s.</param>
/// <param name="TemperatureC">Die temperature, °C.</param>
/// <param name="AccelerometerClipped">An accelerometer axis sat at the end of its range (raw ±32767/−32768).</param>
public readonly record struct ImuReading(long TimeUs, Vector3 AccelerationMps2, Vector3 AngularRateRadps, double TemperatureC, bool AccelerometerClipped = false);

/// <summary>One barometer sample.</summary>
public readonly record struct BarometerReading(long TimeUs, double PressurePa, double TemperatureC);

/// <summary>One magnetometer sample in the sensor's own axes, tesla.</summary>
public readonly record struct MagnetometerReading(long TimeUs, Vector3 FieldTesla);
