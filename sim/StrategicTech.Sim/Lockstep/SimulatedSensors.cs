using StrategicTech.Autopilot.Hal;
using StrategicTech.Sim.Physics;
using StrategicTech.Sim.SensorModels;
using Estimator = StrategicTech.Navigation.Estimation.Uav;

namespace StrategicTech.Sim.Lockstep;

/// <summary>
/// The SITL binding of the vehicle's sensor sources: the <see cref="SensorSuite"/> models sampled from the physics'
/// truth once per tick (<see cref="Sample"/>), each new sample handed out once through its <see cref="Hal"/>
/// interface, converted to the estimator's sample types by <see cref="SensorSampleAdapter"/>. The battery monitor is an
/// analog power module: it gives only what one measures — the physics' terminal voltage (with its I·R sag and
/// open-circuit curve) and current, each with white noise (<see cref="VoltageNoiseV"/>, <see cref="CurrentNoiseA"/>)
/// — and never the model's charge or remaining fraction, which stay truth for judging the autopilot's estimate.
/// </summary>
public sealed class SimulatedSensors(SensorSuite suite, MultirotorSimulation physics, ulong batteryNoiseSeed = 1)
    : IImuSource, IGnssSource, IBarometerSource, IMagnetometerSource, IRangeFinderSource, IBatteryMonitor
{
    /// <summary>Standard deviation of the power module's voltage reading (V).</summary>
    public const double VoltageNoiseV = 0.02;

    /// <summary>Standard deviation of the power module's current reading (A).</summary>
    public const double CurrentNoiseA = 0.1;

    private readonly SensorSuite _suite = suite ?? throw new ArgumentNullException(nameof(suite));
    private readonly MultirotorSimulation _physics = physics ?? throw new ArgumentNullException(nameof(physics));
    private SensorUpdates _pending;
    private bool _batteryPending;
    private DeterministicRandom _batteryNoise = new(DeterministicRandom.DeriveSeed(batteryNoiseSeed, 0x42415454));

    /// <summary>Runs the sensor models on the newest truth (after the physics step of this tick).</summary>
    public void Sample()
    {
        _pending |= _suite.Update(in _physics.Truth);
        _batteryPending = true;
    }

    public bool TryReadImu(out Estimator.ImuSample sample)
    {
        sample = SensorSampleAdapter.ToEkf(in _suite.LatestImu);
        return Take(SensorUpdates.Imu);
    }

    public bool TryReadGnss(out Estimator.GnssSample sample)
    {
        sample = SensorSampleAdapter.ToEkf(in _suite.LatestGnss);
        return Take(SensorUpdates.Gnss);
    }

    public bool TryReadBarometer(out Estimator.BaroSample sample)
    {
        sample = SensorSampleAdapter.ToEkf(in _suite.LatestBaro);
        return Take(SensorUpdates.Baro);
    }

    public bool TryReadMagnetometer(out Estimator.MagSample sample)
    {
        sample = SensorSampleAdapter.ToEkf(in _suite.LatestMag);
        return Take(SensorUpdates.Mag);
    }

    public bool TryReadRange(out Estimator.RangeSample sample)
    {
        bool valid = SensorSampleAdapter.TryToEkf(in _suite.LatestRange, out sample);
        return Take(SensorUpdates.Range) && valid;
    }

    public bool TryReadBattery(out BatterySample sample)
    {
        ref readonly VehicleTruth truth = ref _physics.Truth;
        bool pending = _batteryPending;
        if (!pending)
        {
            sample = default;
            return false;
        }

        double voltage = truth.BatteryVoltageV + (VoltageNoiseV * _batteryNoise.NextGaussian());
        double current = truth.BatteryCurrentA + (CurrentNoiseA * _batteryNoise.NextGaussian());
        sample = new BatterySample(truth.TimeUs, voltage, current, null, null);
        _batteryPending = false;
        return pending;
    }

    private bool Take(SensorUpdates kind)
    {
        bool pending = (_pending & kind) != 0;
        _pending &= ~kind;
        return pending;
    }
}
