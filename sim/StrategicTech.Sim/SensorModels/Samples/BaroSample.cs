namespace StrategicTech.Sim.SensorModels.Samples;

/// <summary>One barometer reading: static pressure, temperature, and the ISA pressure altitude of that pressure.</summary>
public readonly record struct BaroSample(long TimeUs, double PressurePa, double TemperatureC, double PressureAltitudeM);
