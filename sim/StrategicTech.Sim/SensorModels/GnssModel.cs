using StrategicTech.Navigation.Geodesy;
using StrategicTech.Navigation.Numerics;
using StrategicTech.Sim.Faults;
using StrategicTech.Sim.Physics;
using StrategicTech.Sim.SensorModels.Samples;

namespace StrategicTech.Sim.SensorModels;

/// <summary>
/// A GNSS receiver. At each epoch it measures the truth, converts it to WGS84 through the home frame, and queues the
/// solution for delivery <see cref="GnssParameters.LatencyUs"/> later (a preallocated ring; no allocation).
/// Faults: <see cref="FaultKind.GnssLoss"/> gives no-fix solutions, <see cref="FaultKind.GnssPositionJump"/> offsets
/// the position. Random dropouts lose a solution entirely.
/// </summary>
public sealed class GnssModel
{
    private const double NoFixAccuracyM = 99.99;

    private readonly GnssParameters _p;
    private readonly LocalNedFrame _homeFrame;
    private readonly FaultSchedule _faults;
    private readonly GnssSample[] _pending;
    private DeterministicRandom _random;
    private SampleClock _clock;
    private Vector3 _driftNedM;
    private long _lastDriftUs = long.MinValue;
    private int _head;
    private int _count;

    public GnssModel(GnssParameters parameters, LocalNedFrame homeFrame, FaultSchedule? faults, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentOutOfRangeException.ThrowIfNegative(parameters.LatencyUs);
        ParameterChecks.NonNegative("gnss", nameof(parameters.HorizontalNoiseStdDevM), parameters.HorizontalNoiseStdDevM);
        ParameterChecks.NonNegative("gnss", nameof(parameters.VerticalNoiseStdDevM), parameters.VerticalNoiseStdDevM);
        ParameterChecks.NonNegative("gnss", nameof(parameters.HorizontalDriftStdDevM), parameters.HorizontalDriftStdDevM);
        ParameterChecks.NonNegative("gnss", nameof(parameters.VerticalDriftStdDevM), parameters.VerticalDriftStdDevM);
        ParameterChecks.Positive("gnss", nameof(parameters.DriftCorrelationTimeS), parameters.DriftCorrelationTimeS);
        ParameterChecks.NonNegative("gnss", nameof(parameters.VelocityNoiseStdDevMps), parameters.VelocityNoiseStdDevMps);
        ParameterChecks.NonNegative("gnss", nameof(parameters.NominalSatellites), parameters.NominalSatellites);
        if (!(parameters.DropoutProbability is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(parameters), parameters.DropoutProbability, "GNSS dropout probability must be within 0..1");
        }

        _p = parameters;
        _homeFrame = homeFrame;
        _faults = faults ?? FaultSchedule.Empty;
        _clock = new SampleClock(parameters.RateHz);
        _pending = new GnssSample[(int)(parameters.LatencyUs / _clock.PeriodUs) + 2];
        _random = new DeterministicRandom(seed);
        _driftNedM = new(
            parameters.HorizontalDriftStdDevM * _random.NextGaussian(),
            parameters.HorizontalDriftStdDevM * _random.NextGaussian(),
            parameters.VerticalDriftStdDevM * _random.NextGaussian());
    }

    /// <summary>
    /// The receiver's current slow (Gauss–Markov) position error, NED m: what no estimator fed by this receiver can
    /// see. For figures that separate estimator error from receiver error; never for the autopilot.
    /// </summary>
    public Vector3 SlowErrorNedM => _driftNedM;

    /// <summary>Solutions measured but not delivered because of a random dropout.</summary>
    public long DroppedCount { get; private set; }

    /// <summary>Measures at each epoch and returns true with a sample when one is delivered at this step.</summary>
    public bool Update(in VehicleTruth truth, out GnssSample sample)
    {
        if (_clock.IsDue(truth.TimeUs))
        {
            Measure(in truth);
        }

        if (_count > 0 && _pending[_head].TimeUs <= truth.TimeUs)
        {
            sample = _pending[_head];
            _head = (_head + 1) % _pending.Length;
            _count--;
            return true;
        }

        sample = default;
        return false;
    }

    private void Measure(in VehicleTruth truth)
    {
        long nowUs = truth.TimeUs;
        AdvanceDrift(nowUs);
        int satellites = Math.Max(0, _p.NominalSatellites + (int)Math.Round(1.0 * _random.NextGaussian()));
        bool dropped = _p.DropoutProbability > 0 && _random.NextDouble() < _p.DropoutProbability;

        GnssSample solution;
        if (_faults.IsActive(FaultKind.GnssLoss, nowUs))
        {
            solution = new GnssSample(nowUs + _p.LatencyUs, nowUs, 0, 0, 0, Vector3.Zero, NoFixAccuracyM, NoFixAccuracyM, NoFixAccuracyM, Math.Min(satellites, 2), GnssFixType.NoFix);
        }
        else
        {
            Vector3 white = new(
                _p.HorizontalNoiseStdDevM * _random.NextGaussian(),
                _p.HorizontalNoiseStdDevM * _random.NextGaussian(),
                _p.VerticalNoiseStdDevM * _random.NextGaussian());
            Vector3 positionNedM = truth.PositionNedM + _driftNedM + white + _faults.ActiveVectorSum(FaultKind.GnssPositionJump, nowUs);
            GeodeticPosition position = _homeFrame.FromNed(positionNedM);
            double sv = _p.VelocityNoiseStdDevMps;
            Vector3 velocity = truth.VelocityNedMps + new Vector3(sv * _random.NextGaussian(), sv * _random.NextGaussian(), sv * _random.NextGaussian());
            solution = new GnssSample(nowUs + _p.LatencyUs, nowUs, position.LatitudeDeg, position.LongitudeDeg, position.HeightM,
                velocity, _p.EphM, _p.EpvM, Math.Max(sv, 0.01), satellites, GnssFixType.Fix3D);
        }

        if (dropped)
        {
            DroppedCount++;
            return;
        }

        if (_count == _pending.Length)
        {
            // Cannot happen with the ring sized from latency and rate; drop the oldest rather than grow.
            _head = (_head + 1) % _pending.Length;
            _count--;
        }

        _pending[(_head + _count) % _pending.Length] = solution;
        _count++;
    }

    private void AdvanceDrift(long nowUs)
    {
        if (_lastDriftUs != long.MinValue)
        {
            double phi = Math.Exp(-(nowUs - _lastDriftUs) * 1e-6 / _p.DriftCorrelationTimeS);
            double drive = Math.Sqrt(1 - (phi * phi));
            _driftNedM = new(
                (phi * _driftNedM.X) + (_p.HorizontalDriftStdDevM * drive * _random.NextGaussian()),
                (phi * _driftNedM.Y) + (_p.HorizontalDriftStdDevM * drive * _random.NextGaussian()),
                (phi * _driftNedM.Z) + (_p.VerticalDriftStdDevM * drive * _random.NextGaussian()));
        }

        _lastDriftUs = nowUs;
    }
}
