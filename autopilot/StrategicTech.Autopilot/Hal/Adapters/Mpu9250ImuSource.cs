using StrategicTech.Drivers.Sensors.Boards;
using StrategicTech.Drivers.Sensors.Common;
using StrategicTech.Drivers.Sensors.Mpu9250;
using StrategicTech.Navigation.Estimation.Uav;
using StrategicTech.Navigation.Numerics;
using StrategicTech.Navigation.Time;

namespace StrategicTech.Autopilot.Hal.Adapters;

/// <summary>
/// The vehicle's IMU on an MPU-9250: one FIFO burst per base tick (stamped with the injected clock), each sample
/// handed out in order, rotated from the chip's axes into body FRD with the board's mounting rotation and turned into
/// delta angle / delta velocity over the chip's sample period. A device that stops answering yields no samples (the
/// fault is counted in <see cref="Health"/>); nothing is thrown or allocated per read.
/// </summary>
public sealed class Mpu9250ImuSource : IImuSource
{
    private readonly Drivers.Sensors.Mpu9250.Mpu9250 _imu;
    private readonly IClock _clock;
    private readonly Matrix3 _sensorToBody;
    private readonly double _dtS;
    private readonly ImuReading[] _burst = new ImuReading[Mpu9250Fifo.MaxPackets];
    private int _count;
    private int _next;
    private long _lastPollUs = long.MinValue;

    /// <param name="imu">An initialized driver.</param>
    /// <param name="rotation">The board file's mounting rotation of this chip.</param>
    /// <param name="samplePeriodUs">The FIFO's sample period (the driver's settings).</param>
    public Mpu9250ImuSource(Drivers.Sensors.Mpu9250.Mpu9250 imu, SensorRotation rotation, IClock clock, long samplePeriodUs = 1000)
    {
        ArgumentNullException.ThrowIfNull(imu);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentOutOfRangeException.ThrowIfLessThan(samplePeriodUs, 1);
        _imu = imu;
        _clock = clock;
        _sensorToBody = rotation.SensorToBody();
        _dtS = samplePeriodUs * 1e-6;
    }

    public SensorHealth Health => _imu.Health;

    /// <summary>Newest die temperature seen (°C; NaN before the first sample).</summary>
    public double TemperatureC { get; private set; } = double.NaN;

    public bool TryReadImu(out ImuSample sample)
    {
        if (_next >= _count)
        {
            // One FIFO read per tick: the vehicle drains until false, which must not poll the bus again.
            long nowUs = _clock.TimeUs;
            if (nowUs == _lastPollUs || !_imu.TryReadFifo(nowUs, _burst, out _count))
            {
                _lastPollUs = nowUs;
                _count = 0;
                _next = 0;
                sample = default;
                return false;
            }

            _lastPollUs = nowUs;
            _next = 0;
        }

        ref readonly ImuReading r = ref _burst[_next++];
        TemperatureC = r.TemperatureC;
        sample = new ImuSample(
            r.TimeUs,
            (_sensorToBody * r.AngularRateRadps) * _dtS,
            (_sensorToBody * r.AccelerationMps2) * _dtS,
            _dtS,
            r.AccelerometerClipped);
        return true;
    }
}
