using StrategicTech.Drivers.Sensors.Boards;
using StrategicTech.Drivers.Sensors.Common;
using StrategicTech.Navigation.Estimation.Uav;
using StrategicTech.Navigation.Numerics;
using StrategicTech.Navigation.Time;

namespace StrategicTech.Autopilot.Hal.Adapters;

/// <summary>
/// The vehicle's magnetometer on an AK09916: a new measurement (DRDY) rotated from the chip's axes into body FRD with
/// the board's mounting rotation, tesla → gauss. At most one bus read per base tick; faults are in <see cref="Health"/>.
/// </summary>
public sealed class Ak09916MagnetometerSource : IMagnetometerSource
{
    private const double GaussPerTesla = 1e4;

    private readonly Drivers.Sensors.Ak09916.Ak09916 _mag;
    private readonly IClock _clock;
    private readonly Matrix3 _sensorToBody;
    private long _lastPollUs = long.MinValue;

    /// <param name="mag">An initialized driver.</param>
    /// <param name="rotation">The board file's mounting rotation of this chip.</param>
    public Ak09916MagnetometerSource(Drivers.Sensors.Ak09916.Ak09916 mag, SensorRotation rotation, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(mag);
        ArgumentNullException.ThrowIfNull(clock);
        _mag = mag;
        _clock = clock;
        _sensorToBody = rotation.SensorToBody();
    }

    public SensorHealth Health => _mag.Health;

    public bool TryReadMagnetometer(out MagSample sample)
    {
        long nowUs = _clock.TimeUs;
        if (nowUs == _lastPollUs)
        {
            sample = default;
            return false;
        }

        _lastPollUs = nowUs;
        if (!_mag.TryReadField(nowUs, out MagnetometerReading reading))
        {
            sample = default;
            return false;
        }

        sample = new MagSample(reading.TimeUs, _sensorToBody * reading.FieldTesla * GaussPerTesla);
        return true;
    }
}
