using StrategicTech.Drivers.Sensors.Common;
using StrategicTech.Drivers.Sensors.Vl53l1x;
using StrategicTech.Navigation.Estimation.Uav;
using StrategicTech.Navigation.Time;

namespace StrategicTech.Autopilot.Hal.Adapters;

/// <summary>
/// The vehicle's downward range finder on a VL53L1X (mounted looking along body +Z): at most one data-ready poll per
/// base tick; only measurements the part marks valid are handed out (a sigma, signal or phase failure is no sample,
/// as <see cref="IRangeFinderSource"/> requires). Faults are in <see cref="Health"/>.
/// </summary>
public sealed class Vl53l1xRangeSource : IRangeFinderSource
{
    private readonly Vl53l1x _sensor;
    private readonly IClock _clock;
    private long _lastPollUs = long.MinValue;

    /// <param name="sensor">An initialized driver.</param>
    public Vl53l1xRangeSource(Vl53l1x sensor, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(sensor);
        ArgumentNullException.ThrowIfNull(clock);
        _sensor = sensor;
        _clock = clock;
    }

    public SensorHealth Health => _sensor.Health;

    /// <summary>Measurements the part marked invalid (out of range, weak signal), not handed out.</summary>
    public long InvalidReadings { get; private set; }

    public bool TryReadRange(out RangeSample sample)
    {
        sample = default;
        long nowUs = _clock.TimeUs;
        if (nowUs == _lastPollUs)
        {
            return false;
        }

        _lastPollUs = nowUs;
        if (!_sensor.TryReadRange(nowUs, out Vl53l1xReading reading))
        {
            return false;
        }

        if (!reading.IsValid)
        {
            InvalidReadings++;
            return false;
        }

        sample = new RangeSample(reading.TimeUs, reading.DistanceM);
        return true;
    }
}
