using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Sim.SensorModels.Samples;

/// <summary>
/// One GNSS solution. <see cref="TimeUs"/> is when the receiver delivered it; it describes the vehicle at
/// <see cref="ValidTimeUs"/> (earlier by the receiver latency), which a delayed-fusion estimator should use.
/// Altitude is above the WGS84 ellipsoid. Without a fix, position and velocity are zero.
/// </summary>
public readonly record struct GnssSample(
    long TimeUs,
    long ValidTimeUs,
    double LatitudeDeg,
    double LongitudeDeg,
    double AltitudeM,
    Vector3 VelocityNedMps,
    double EphM,
    double EpvM,
    double SpeedAccuracyMps,
    int Satellites,
    GnssFixType FixType);
