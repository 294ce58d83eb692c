using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Sim.SensorModels.Samples;

/// <summary>One magnetometer reading in body FRD (gauss), uncalibrated (hard and soft iron included).</summary>
public readonly record struct MagSample(long TimeUs, Vector3 FieldFrdGauss);
