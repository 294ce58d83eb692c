using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Sim.SensorModels.Samples;

/// <summary>
/// One IMU output: angle and velocity increments integrated over <see cref="DtS"/> ending at <see cref="TimeUs"/>,
/// in body FRD, as an IMU with internal integration (delta-angle / delta-velocity) reports them. The accelerometer
/// part integrates specific force, so a vehicle at rest reads about (0, 0, −g)·dt.
/// </summary>
public readonly record struct ImuSample(
    long TimeUs,
    Vector3 DeltaAngleFrdRad,
    Vector3 DeltaVelocityFrdMps,
    double DtS,
    bool GyroClipped,
    bool AccelClipped);
