using StrategicTech.Navigation.Numerics;
using StrategicTech.Sim.Physics;
using StrategicTech.Sim.SensorModels.Samples;

namespace StrategicTech.Sim.SensorModels;

/// <summary>
/// An integrating IMU. Every physics step it takes the step's mean body rate (the exact attitude change over the
/// step / dt) and mean specific force, adds the current biases,
/// clips at the sensor range and accumulates the increments; at the output rate it emits the accumulated delta angle
/// and delta velocity with white noise whose standard deviation over the interval T is N·√T (the exact integral of
/// white noise of density N). The biases take random-walk steps of σ·√T at most every 10 ms (the walk's variance
/// is exact at those instants; holding a bias for 10 ms is far below what an estimator can see, and it halves the
/// random draws of a 1 kHz IMU).
/// </summary>
public sealed class ImuModel
{
    private const long BiasWalkPeriodUs = 10_000;

    private readonly ImuParameters _p;
    private readonly Matrix3 _bodyToBoard;
    private readonly bool _hasBoardOffset;
    private readonly bool _hasCrossAxis;
    private DeterministicRandom _random;
    private SampleClock _clock;
    private Vector3 _deltaAngleRad;
    private Vector3 _deltaVelocityMps;
    private double _accumulatedS;
    private bool _gyroClipped;
    private bool _accelClipped;
    private long _lastTruthUs = long.MinValue;
    private long _biasWalkPendingUs;

    public ImuModel(ImuParameters parameters, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ParameterChecks.NonNegative("imu", nameof(parameters.GyroNoiseDensityRadPerSPerSqrtHz), parameters.GyroNoiseDensityRadPerSPerSqrtHz);
        ParameterChecks.NonNegative("imu", nameof(parameters.GyroBiasRandomWalkRadPerSPerSqrtS), parameters.GyroBiasRandomWalkRadPerSPerSqrtS);
        ParameterChecks.NonNegative("imu", nameof(parameters.GyroTurnOnBiasStdDevRadPerS), parameters.GyroTurnOnBiasStdDevRadPerS);
        ParameterChecks.Positive("imu", nameof(parameters.GyroRangeRadPerS), parameters.GyroRangeRadPerS);
        ParameterChecks.NonNegative("imu", nameof(parameters.AccelNoiseDensityMps2PerSqrtHz), parameters.AccelNoiseDensityMps2PerSqrtHz);
        ParameterChecks.NonNegative("imu", nameof(parameters.AccelBiasRandomWalkMps2PerSqrtS), parameters.AccelBiasRandomWalkMps2PerSqrtS);
        ParameterChecks.NonNegative("imu", nameof(parameters.AccelTurnOnBiasStdDevMps2), parameters.AccelTurnOnBiasStdDevMps2);
        ParameterChecks.Positive("imu", nameof(parameters.AccelRangeMps2), parameters.AccelRangeMps2);
        _p = parameters;
        _random = new DeterministicRandom(seed);
        _clock = new SampleClock(parameters.OutputRateHz);
        GyroBiasFrdRadPerS = GaussianVector(parameters.GyroTurnOnBiasStdDevRadPerS) + parameters.GyroFixedBiasFrdRadPerS;
        AccelBiasFrdMps2 = GaussianVector(parameters.AccelTurnOnBiasStdDevMps2);

        // The board's attitude matrix in the airframe maps board vectors into the airframe; readings take its transpose.
        _hasCrossAxis = parameters.AccelCrossAxis != Matrix3.Identity;
        _hasBoardOffset = parameters.BoardRollOffsetRad != 0 || parameters.BoardPitchOffsetRad != 0;
        _bodyToBoard = Quaternion.FromEuler(parameters.BoardRollOffsetRad, parameters.BoardPitchOffsetRad, 0).ToRotationMatrix().Transpose();
    }

    /// <summary>The gyro's true bias now (what an estimator tries to learn).</summary>
    public Vector3 GyroBiasFrdRadPerS { get; private set; }

    public Vector3 AccelBiasFrdMps2 { get; private set; }

    /// <summary>Integrates one physics step of truth; returns true with a sample when an output is due.</summary>
    public bool Update(in VehicleTruth truth, out ImuSample sample)
    {
        if (_lastTruthUs != long.MinValue)
        {
            _biasWalkPendingUs += truth.TimeUs - _lastTruthUs;
            double dtS = (truth.TimeUs - _lastTruthUs) * 1e-6;
            // The step's mean rate (its exact rotation / dt), as a fast-sampling integrating gyro would see it.
            Vector3 rateRadps = truth.DeltaAngleFrdRad / dtS;
            Vector3 forceMps2 = truth.SpecificForceFrdMps2;
            if (_hasBoardOffset)
            {
                rateRadps = _bodyToBoard * rateRadps;
                forceMps2 = _bodyToBoard * forceMps2;
            }

            Vector3 gyro = Clip(rateRadps + GyroBiasFrdRadPerS, _p.GyroRangeRadPerS, ref _gyroClipped);
            Vector3 sensedMps2 = Vector3.Scale(_p.AccelGain, forceMps2);
            if (_hasCrossAxis)
            {
                sensedMps2 = _p.AccelCrossAxis * sensedMps2;
            }

            Vector3 accel = Clip(sensedMps2 + _p.AccelOffsetFrdMps2 + AccelBiasFrdMps2, _p.AccelRangeMps2, ref _accelClipped);
            _deltaAngleRad += gyro * dtS;
            _deltaVelocityMps += accel * dtS;
            _accumulatedS += dtS;
        }

        _lastTruthUs = truth.TimeUs;
        if (!_clock.IsDue(truth.TimeUs) || _accumulatedS <= 0)
        {
            sample = default;
            return false;
        }

        double t = _accumulatedS;
        double sqrtT = Math.Sqrt(t);
        Vector3 angleNoise = GaussianVector(_p.GyroNoiseDensityRadPerSPerSqrtHz * sqrtT);
        Vector3 velocityNoise = GaussianVector(_p.AccelNoiseDensityMps2PerSqrtHz * sqrtT);
        sample = new ImuSample(truth.TimeUs, _deltaAngleRad + angleNoise, _deltaVelocityMps + velocityNoise, t, _gyroClipped, _accelClipped);

        if (_biasWalkPendingUs >= BiasWalkPeriodUs)
        {
            double sqrtWalkS = Math.Sqrt(_biasWalkPendingUs * 1e-6);
            GyroBiasFrdRadPerS += GaussianVector(_p.GyroBiasRandomWalkRadPerSPerSqrtS * sqrtWalkS);
            AccelBiasFrdMps2 += GaussianVector(_p.AccelBiasRandomWalkMps2PerSqrtS * sqrtWalkS);
            _biasWalkPendingUs = 0;
        }
        _deltaAngleRad = Vector3.Zero;
        _deltaVelocityMps = Vector3.Zero;
        _accumulatedS = 0;
        _gyroClipped = false;
        _accelClipped = false;
        return true;
    }

    private Vector3 GaussianVector(double sigma) =>
        sigma > 0 ? new(sigma * _random.NextGaussian(), sigma * _random.NextGaussian(), sigma * _random.NextGaussian()) : Vector3.Zero;

    private static Vector3 Clip(Vector3 v, double limit, ref bool clipped)
    {
        if (Math.Abs(v.X) <= limit && Math.Abs(v.Y) <= limit && Math.Abs(v.Z) <= limit)
        {
            return v;
        }

        clipped = true;
        return new(Math.Clamp(v.X, -limit, limit), Math.Clamp(v.Y, -limit, limit), Math.Clamp(v.Z, -limit, limit));
    }
}
