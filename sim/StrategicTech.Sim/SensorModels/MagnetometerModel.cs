using StrategicTech.Navigation.Numerics;
using StrategicTech.Sim.Faults;
using StrategicTech.Sim.Physics;
using StrategicTech.Sim.SensorModels.Samples;

namespace StrategicTech.Sim.SensorModels;

/// <summary>
/// A magnetometer: the Earth field rotated into body axes, distorted by soft iron, offset by hard iron and by the
/// battery current's field, plus injected interference (<see cref="FaultKind.MagInterference"/>) and white noise;
/// a <see cref="FaultKind.MagRotation"/> turns the sensor's axes against the body before its own errors apply.
/// </summary>
public sealed class MagnetometerModel
{
    private readonly MagParameters _p;
    private readonly FaultSchedule _faults;
    private DeterministicRandom _random;
    private SampleClock _clock;

    public MagnetometerModel(MagParameters parameters, FaultSchedule? faults, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ParameterChecks.NonNegative("mag", nameof(parameters.NoiseStdDevGauss), parameters.NoiseStdDevGauss);
        _p = parameters;
        _faults = faults ?? FaultSchedule.Empty;
        _random = new DeterministicRandom(seed);
        _clock = new SampleClock(parameters.RateHz);
    }

    public bool Update(in VehicleTruth truth, out MagSample sample)
    {
        if (!_clock.IsDue(truth.TimeUs))
        {
            sample = default;
            return false;
        }

        Vector3 bodyGauss = truth.Attitude.RotateInverse(truth.MagneticFieldNedGauss);
        Vector3 mountRad = _faults.ActiveVectorSum(FaultKind.MagRotation, truth.TimeUs);
        if (mountRad != Vector3.Zero)
        {
            bodyGauss = Quaternion.FromEuler(mountRad.X, mountRad.Y, mountRad.Z).RotateInverse(bodyGauss);
        }

        Vector3 field = (_p.SoftIron * bodyGauss) + _p.HardIronFrdGauss
            + (_p.CurrentInterferenceFrdGaussPerA * truth.BatteryCurrentA)
            + _faults.ActiveVectorSum(FaultKind.MagInterference, truth.TimeUs);
        double s = _p.NoiseStdDevGauss;
        if (s > 0)
        {
            field += new Vector3(s * _random.NextGaussian(), s * _random.NextGaussian(), s * _random.NextGaussian());
        }

        sample = new MagSample(truth.TimeUs, field);
        return true;
    }
}
