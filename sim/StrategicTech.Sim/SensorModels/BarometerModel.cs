using StrategicTech.Sim.Physics;
using StrategicTech.Sim.SensorModels.Samples;

namespace StrategicTech.Sim.SensorModels;

/// <summary>
/// A barometer: true altitude above mean sea level (home height − down) through the standard atmosphere, plus a
/// drifting offset and white noise, reported with the ISA pressure altitude of the measured pressure. Home height is
/// taken as mean-sea-level height (the geoid separation is ignored).
/// </summary>
public sealed class BarometerModel
{
    private readonly BaroParameters _p;
    private readonly double _homeAltitudeM;
    private DeterministicRandom _random;
    private SampleClock _clock;
    private long _lastUs = long.MinValue;

    public BarometerModel(BaroParameters parameters, double homeAltitudeM, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ParameterChecks.NonNegative("baro", nameof(parameters.NoiseStdDevPa), parameters.NoiseStdDevPa);
        ParameterChecks.NonNegative("baro", nameof(parameters.DriftPaPerSqrtS), parameters.DriftPaPerSqrtS);
        ParameterChecks.NonNegative("baro", nameof(parameters.TurnOnOffsetStdDevPa), parameters.TurnOnOffsetStdDevPa);
        _p = parameters;
        _homeAltitudeM = homeAltitudeM;
        _random = new DeterministicRandom(seed);
        _clock = new SampleClock(parameters.RateHz);
        OffsetPa = parameters.TurnOnOffsetStdDevPa * _random.NextGaussian();
    }

    /// <summary>The sensor's true pressure offset now (Pa).</summary>
    public double OffsetPa { get; private set; }

    public bool Update(in VehicleTruth truth, out BaroSample sample)
    {
        if (!_clock.IsDue(truth.TimeUs))
        {
            sample = default;
            return false;
        }

        if (_lastUs != long.MinValue && _p.DriftPaPerSqrtS > 0)
        {
            OffsetPa += _p.DriftPaPerSqrtS * Math.Sqrt((truth.TimeUs - _lastUs) * 1e-6) * _random.NextGaussian();
        }

        _lastUs = truth.TimeUs;
        double altitudeM = _homeAltitudeM - truth.PositionNedM.Z;
        double pressurePa = StandardAtmosphere.PressurePa(altitudeM) + OffsetPa + (_p.NoiseStdDevPa * _random.NextGaussian());
        double temperatureC = StandardAtmosphere.TemperatureK(altitudeM) - 273.15;
        sample = new BaroSample(truth.TimeUs, pressurePa, temperatureC, StandardAtmosphere.PressureAltitudeM(pressurePa));
        return true;
    }
}
