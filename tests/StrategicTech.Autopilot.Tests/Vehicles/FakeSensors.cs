using StrategicTech.Autopilot.Hal;
using StrategicTech.Navigation.Estimation.Uav;
using StrategicTech.Navigation.Geodesy;
using StrategicTech.Navigation.Numerics;
using StrategicTech.Navigation.Time;

namespace StrategicTech.Autopilot.Tests.Vehicles;

/// <summary>
/// A vehicle standing still and level, facing north: IMU at 1 kHz (gravity only), GNSS at 5 Hz, baro and mag at
/// 50 Hz, and a battery monitor that reports voltage and current only (an analog power module) unless told to.
/// Counts the motor commands it receives.
/// </summary>
internal sealed class FakeSensors(IClock clock)
    : IImuSource, IGnssSource, IBarometerSource, IMagnetometerSource, IBatteryMonitor, IRcInput, IMotorOutputSink
{
    private const double GravityMps2 = 9.80665;
    private long _lastImuUs = -1;
    private long _lastGnssUs = long.MinValue;
    private long _lastBaroUs = long.MinValue;
    private long _lastMagUs = long.MinValue;

    public static GeodeticPosition Position { get; } = GeodeticPosition.FromDegrees(47.397742, 8.545594, 488.0);

    public double BatteryCurrentA { get; set; } = 10.0;

    public double? BatteryRemainingFraction { get; set; }

    public RcInputSample? NextRc { get; set; }

    public int MotorWrites { get; private set; }

    public int NonZeroMotorWrites { get; private set; }

    public int LastMotorCount { get; private set; }

    public bool TryReadImu(out ImuSample sample)
    {
        long now = clock.TimeUs;
        if (now == _lastImuUs)
        {
            sample = default;
            return false;
        }

        _lastImuUs = now;
        const double dtS = 0.001;
        sample = new ImuSample(now, Vector3.Zero, new Vector3(0, 0, -GravityMps2 * dtS), dtS);
        return true;
    }

    public bool TryReadGnss(out GnssSample sample)
    {
        sample = new GnssSample(clock.TimeUs, Position, Vector3.Zero, 3, 12, 0.5, 0.8, 0.2);
        return Due(ref _lastGnssUs, 200_000);
    }

    public bool TryReadBarometer(out BaroSample sample)
    {
        sample = new BaroSample(clock.TimeUs, 488.0);
        return Due(ref _lastBaroUs, 20_000);
    }

    public bool TryReadMagnetometer(out MagSample sample)
    {
        sample = new MagSample(clock.TimeUs, new Vector3(0.21, 0.0, 0.42));
        return Due(ref _lastMagUs, 20_000);
    }

    public bool TryReadBattery(out BatterySample sample)
    {
        sample = new BatterySample(clock.TimeUs, 16.0, BatteryCurrentA, null, BatteryRemainingFraction);
        return true;
    }

    public bool TryReadRc(out RcInputSample sample)
    {
        sample = NextRc ?? default;
        bool has = NextRc.HasValue;
        NextRc = null;
        return has;
    }

    public void WriteMotors(long timeUs, ReadOnlySpan<double> commands)
    {
        MotorWrites++;
        LastMotorCount = commands.Length;
        foreach (double c in commands)
        {
            if (c != 0)
            {
                NonZeroMotorWrites++;
                break;
            }
        }
    }

    private bool Due(ref long lastUs, long periodUs)
    {
        long now = clock.TimeUs;
        if (lastUs != long.MinValue && now - lastUs < periodUs)
        {
            return false;
        }

        lastUs = now;
        return true;
    }
}
