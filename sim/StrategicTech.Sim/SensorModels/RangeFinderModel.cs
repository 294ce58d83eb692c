using StrategicTech.Sim.Physics;
using StrategicTech.Sim.SensorModels.Samples;

namespace StrategicTech.Sim.SensorModels;

/// <summary>
/// A downward range finder over flat ground: slant range along body +Z is height / cos(tilt). Out of range (or too
/// tilted to see the ground) the sample is invalid and carries the nearest range limit.
/// </summary>
public sealed class RangeFinderModel
{
    private readonly RangeFinderParameters _p;
    private readonly double _minCosTilt;
    private DeterministicRandom _random;
    private SampleClock _clock;

    public RangeFinderModel(RangeFinderParameters parameters, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ParameterChecks.NonNegative("range finder", nameof(parameters.NoiseStdDevM), parameters.NoiseStdDevM);
        if (!(parameters.MinRangeM >= 0 && parameters.MaxRangeM > parameters.MinRangeM))
        {
            throw new ArgumentOutOfRangeException(nameof(parameters), "range finder needs 0 ≤ MinRangeM < MaxRangeM");
        }

        _p = parameters;
        _minCosTilt = Math.Cos(parameters.MaxTiltRad);
        _random = new DeterministicRandom(seed);
        _clock = new SampleClock(parameters.RateHz);
    }

    public bool Update(in VehicleTruth truth, out RangeSample sample)
    {
        if (!_clock.IsDue(truth.TimeUs))
        {
            sample = default;
            return false;
        }

        var q = truth.Attitude;
        double cosTilt = 1 - (2 * ((q.X * q.X) + (q.Y * q.Y)));
        double noise = _p.NoiseStdDevM > 0 ? _p.NoiseStdDevM * _random.NextGaussian() : 0;
        if (cosTilt < _minCosTilt)
        {
            sample = new RangeSample(truth.TimeUs, _p.MaxRangeM, false);
            return true;
        }

        double distanceM = (truth.HeightAboveGroundM / cosTilt) + noise;
        sample = distanceM > _p.MaxRangeM
            ? new RangeSample(truth.TimeUs, _p.MaxRangeM, false)
            : distanceM < _p.MinRangeM
                ? new RangeSample(truth.TimeUs, _p.MinRangeM, false)
                : new RangeSample(truth.TimeUs, distanceM, true);
        return true;
    }
}
