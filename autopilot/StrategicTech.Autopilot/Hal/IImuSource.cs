using StrategicTech.Navigation.Estimation.Uav;

namespace StrategicTech.Autopilot.Hal;

/// <summary>
/// An inertial sensor as the vehicle reads it: integrated gyro (delta angle, rad) and accelerometer (delta velocity,
/// m/s) in body FRD over one sample interval. The vehicle drains it every base tick, calling until it returns false,
/// so a driver that reads a FIFO burst hands out each sample in order. Implementations allocate nothing per read and
/// never block; a sensor that stops answering returns false (the estimator sees the gap) rather than throwing.
/// </summary>
public interface IImuSource
{
    /// <summary>The oldest sample not read yet; false when there is none.</summary>
    bool TryReadImu(out ImuSample sample);
}
