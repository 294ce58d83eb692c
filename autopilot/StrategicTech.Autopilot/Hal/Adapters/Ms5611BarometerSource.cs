using StrategicTech.Drivers.Sensors.Common;
using StrategicTech.Drivers.Sensors.Ms5611;
using StrategicTech.Navigation.Estimation.Uav;
using StrategicTech.Navigation.Time;

namespace StrategicTech.Autopilot.Hal.Adapters;

/// <summary>
/// The vehicle's barometer on an MS5611: each read advances the driver's non-blocking conversion cycle to the
/// injected clock's time and hands out a new compensated sample as ISA pressure altitude. Faults are in
/// <see cref="Health"/>; a silent device yields no samples.
/// </summary>
public sealed class Ms5611BarometerSource : IBarometerSource
{
    private readonly Drivers.Sensors.Ms5611.Ms5611 _baro;
    private readonly IClock _clock;

    /// <param name="baro">An initialized driver.</param>
    public Ms5611BarometerSource(Drivers.Sensors.Ms5611.Ms5611 baro, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(baro);
        ArgumentNullException.ThrowIfNull(clock);
        _baro = baro;
        _clock = clock;
    }

    public SensorHealth Health => _baro.Health;

    /// <summary>Newest compensated reading (pressure, temperature).</summary>
    public BarometerReading Latest { get; private set; }

    public bool TryReadBarometer(out BaroSample sample)
    {
        _baro.Update(_clock.TimeUs);
        if (!_baro.TryReadPressure(out BarometerReading reading))
        {
            sample = default;
            return false;
        }

        Latest = reading;
        sample = new BaroSample(reading.TimeUs, IsaPressureAltitude.AltitudeM(reading.PressurePa));
        return true;
    }
}
