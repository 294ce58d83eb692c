using StrategicTech.Navigation.Numerics;
using E = StrategicTech.Navigation.Estimation.Uav.UavErrorIndex;

namespace StrategicTech.Navigation.Estimation.Uav;

/// <summary>
/// The error-state Kalman filter at the delayed horizon: nominal 24-state vector, 23x23 error covariance
/// (row-major, kept exactly symmetric), IMU prediction and sequential scalar fusion. Knows no sensors; the fusion
/// sources build their observation rows and call <see cref="FuseScalar"/>.
/// </summary>
public sealed class UavFilterCore
{
    public const int N = E.Count;

    /// <summary>Row stride of the stored covariance: 24 doubles (23 plus a zero pad) so rows are whole SIMD vectors.</summary>
    public const int Stride = 24;
    private const double MinVariance = 1e-12;

    private readonly double[] _p = new double[N * Stride];
    // Per-update vectors as inline fixed-size storage (Numerics kit): no separate heap arrays, one less indirection.
    private Vector24 _gain;
    private Vector24 _dx;
    private readonly bool[] _inhibited = new bool[N];
    private Vector24 _savedVariance;
    private readonly UavEkfParameters _parameters;

    private Quaternion _q = Quaternion.Identity;
    private Vector3 _v;
    private Vector3 _pos;
    private Vector3 _gyroBias;
    private Vector3 _accelBias;
    private Vector3 _magEarth;
    private Vector3 _magBody;
    private double _windN;
    private double _windE;

    private readonly IErrorCovarianceKernel _kernel;
    private int _activeCount = N;

    public UavFilterCore(UavEkfParameters parameters, IErrorCovarianceKernel? kernel = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _parameters = parameters;
        _kernel = kernel ?? SparseErrorCovarianceKernel.Instance;
    }

    public Quaternion Attitude => _q;

    public Vector3 VelocityNedMps => _v;

    public Vector3 PositionNedM => _pos;

    public Vector3 GyroBiasRadps => _gyroBias;

    public Vector3 AccelBiasMps2 => _accelBias;

    public Vector3 MagEarthGauss => _magEarth;

    public Vector3 MagBodyGauss => _magBody;

    /// <summary>Bias-corrected body rate of the last prediction, rad/s (for lever-arm velocity).</summary>
    public Vector3 AngularRateRadps { get; private set; }

    /// <summary>Time of the last prediction (the delayed horizon), µs.</summary>
    public long TimeUs { get; private set; }

    /// <summary>Body-to-NED rotation after the last prediction or correction.</summary>
    public Matrix3 Rotation { get; private set; } = Matrix3.Identity;

    public UavState State => new(_q, _v, _pos, _gyroBias, _accelBias, _magEarth, _magBody, _windN, _windE);

    /// <summary>The error covariance, row-major 23x23 (see <see cref="UavErrorIndex"/>).</summary>
    public ReadOnlySpan<double> Covariance => _p;

    public double Variance(int errorIndex) => _p[(errorIndex * Stride) + errorIndex];

    public bool IsInhibited(int errorIndex) => _inhibited[errorIndex];

    /// <summary>Sets the nominal state and a diagonal covariance; states inhibited beforehand stay inhibited.</summary>
    public void Initialise(in UavState state, ReadOnlySpan<double> variances, long timeUs)
    {
        _q = state.Attitude.Normalized();
        _v = state.VelocityNedMps;
        _pos = state.PositionNedM;
        _gyroBias = state.GyroBiasRadps;
        _accelBias = state.AccelBiasMps2;
        _magEarth = state.MagEarthGauss;
        _magBody = state.MagBodyGauss;
        _windN = state.WindNorthMps;
        _windE = state.WindEastMps;
        Array.Clear(_p);
        for (int i = 0; i < N; i++)
        {
            _savedVariance[i] = variances[i];
            _p[(i * Stride) + i] = _inhibited[i] ? 0 : variances[i];
        }

        TimeUs = timeUs;
        Rotation = _q.ToRotationMatrix();
    }

    /// <summary>Freezes (or releases) a block of states: a frozen state keeps its value and has no covariance.</summary>
    public void SetInhibited(int first, int count, bool inhibit)
    {
        bool changed = false;
        for (int i = first; i < first + count; i++)
        {
            if (_inhibited[i] == inhibit)
            {
                continue;
            }

            _inhibited[i] = inhibit;
            changed = true;
            if (inhibit)
            {
                _savedVariance[i] = _p[(i * Stride) + i];
                ZeroRowColumn(i);
            }
            else
            {
                _p[(i * Stride) + i] = _savedVariance[i];
            }
        }

        if (changed)
        {
            UpdateActiveCount();
        }
    }

    /// <summary>Number of leading states the covariance loops must visit (frozen tail states are skipped).</summary>
    public int ActiveCount => _activeCount;

    private void UpdateActiveCount()
    {
        int n = N;
        while (n > 0 && _inhibited[n - 1])
        {
            n--;
        }

        _activeCount = n;
    }

    /// <summary>Predicts state and covariance over one IMU interval.</summary>
    public void Predict(in ImuSample imu)
    {
        double dt = imu.DtS;
        Vector3 dAng = imu.DeltaAngleRad - (_gyroBias * dt);
        Vector3 dVel = imu.DeltaVelocityMps - (_accelBias * dt);
        AngularRateRadps = dAng / dt;
        Vector3 dvEarth = InertialIntegration.Step(ref _q, ref _v, ref _pos, dAng, dVel, dt, out Matrix3 r);
        Rotation = r;
        TimeUs = imu.TimeUs;
        _kernel.Predict(_p, r, dvEarth, dt, _activeCount);
        AddProcessNoise(dt, imu.AccelerometerClipped);
        if (imu.AccelerometerClipped)
        {
            ClippedImuCount++;
        }
    }

    /// <summary>IMU intervals whose accelerometer clipped (predicted with the inflated velocity noise).</summary>
    public long ClippedImuCount { get; private set; }

    /// <summary>
    /// P = F P F^T for the sparse error transition (see <see cref="UavErrorTransition"/>), on a covariance stored
    /// with row stride <see cref="Stride"/> whose states at or above <paramref name="activeCount"/> are zero.
    /// F only changes the attitude, velocity and position rows S: those rows get F P as whole-row SIMD
    /// operations; by symmetry the S columns of the other rows are copies of the new S rows, and only the 9x9
    /// S block needs the column operations of (F P) F^T.
    /// </summary>
    public static void PredictCovariance(double[] p, in Matrix3 r, Vector3 a, double dt, int activeCount = N)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentOutOfRangeException.ThrowIfLessThan(p.Length, N * Stride, nameof(p));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(activeCount, N);
        SparseErrorCovarianceKernel.PredictRows(p, r, a, dt, activeCount);
        SparseErrorCovarianceKernel.CompleteColumns(p, r, a, dt, activeCount);
    }

    private void AddProcessNoise(double dt, bool accelerometerClipped)
    {
        UavEkfParameters k = _parameters;
        double angVar = Sq(dt * k.GyroNoiseRadps);

        // A clipped interval's velocity increment is off by an unknown part of the lost specific force: its
        // uncertainty is added so the next GNSS/baro update corrects the velocity at once.
        double velVar = Sq(dt * k.AccelNoiseMps2) + (accelerometerClipped ? Sq(k.ClippedVelocityNoiseMps) : 0);
        AddDiagonal(E.Attitude, 3, angVar);
        AddDiagonal(E.Velocity, 3, velVar);
        AddDiagonal(E.GyroBias, 3, Sq(dt * k.GyroBiasProcessNoiseRadps2));
        AddDiagonal(E.AccelBias, 3, Sq(dt * k.AccelBiasProcessNoiseMps3));
        // Body z, or all three axes as EKF2: see UavEkfParameters.AccelBiasMinSigmaMps2 and AccelBiasFloorOnAllAxes.
        int floored = k.AccelBiasFloorOnAllAxes ? 3 : 1;
        FloorDiagonal(E.AccelBias + 3 - floored, floored, Sq(k.AccelBiasMinSigmaMps2));
        AddDiagonal(E.MagEarth, 3, Sq(dt * k.MagEarthProcessNoiseGaussps));
        AddDiagonal(E.MagBody, 3, Sq(dt * k.MagBodyProcessNoiseGaussps));
        AddDiagonal(E.Wind, 2, Sq(dt * k.WindProcessNoiseMps2));
    }

    /// <summary>
    /// Raises learnt variances below <paramref name="minVariance"/> to it (EKF2's bias variance floor). Adding to a
    /// diagonal keeps P positive semi-definite.
    /// </summary>
    private void FloorDiagonal(int first, int count, double minVariance)
    {
        for (int i = first; i < first + count; i++)
        {
            int d = (i * Stride) + i;
            if (!_inhibited[i] && _p[d] < minVariance)
            {
                _p[d] = minVariance;
            }
        }
    }

    private void AddDiagonal(int first, int count, double variance)
    {
        for (int i = first; i < first + count; i++)
        {
            if (!_inhibited[i])
            {
                _p[(i * Stride) + i] += variance;
            }
        }
    }

    /// <summary>Innovation variance h P h^T + R of a sparse observation row.</summary>
    public double InnovationVariance(ReadOnlySpan<int> index, ReadOnlySpan<double> h, double observationVariance)
    {
        double s = observationVariance;
        for (int a = 0; a < index.Length; a++)
        {
            int row = index[a] * Stride;
            double acc = 0;
            for (int b = 0; b < index.Length; b++)
            {
                acc += _p[row + index[b]] * h[b];
            }

            s += h[a] * acc;
        }

        return s;
    }

    /// <summary>
    /// Fuses one scalar observation with sparse row h (values at error indices): K = P h^T / S,
    /// dx = K * innovation injected into the nominal state, P -= K S K^T. Returns false (state untouched) when the
    /// innovation variance is not larger than the observation variance, i.e. P lost positive definiteness.
    /// </summary>
    public bool FuseScalar(ReadOnlySpan<int> index, ReadOnlySpan<double> h, double innovation, double observationVariance)
    {
        double s = _kernel.Update(_p, index, h, observationVariance, _gain.AsSpan()[..N], _activeCount);
        if (double.IsNaN(s))
        {
            return false;
        }

        double[] p = _p;
        for (int i = 0; i < N; i++)
        {
            _dx[i] = _gain[i] * innovation;
            int d = (i * Stride) + i;
            if (!_inhibited[i] && !(p[d] >= MinVariance))
            {
                p[d] = MinVariance;
            }
        }

        Inject(_dx.AsReadOnlySpan()[..N]);
        return true;
    }

    /// <summary>Adds an error-state correction to the nominal state.</summary>
    public void Inject(ReadOnlySpan<double> dx)
    {
        var dTheta = new Vector3(dx[E.Attitude], dx[E.Attitude + 1], dx[E.Attitude + 2]);
        _q = (Quaternion.FromRotationVector(dTheta) * _q).Normalized();
        Rotation = _q.ToRotationMatrix();
        _v += Get(dx, E.Velocity);
        _pos += Get(dx, E.Position);
        _gyroBias += Get(dx, E.GyroBias);
        Vector3 ba = _accelBias + Get(dx, E.AccelBias);
        double lim = _parameters.AccelBiasLimitMps2;
        _accelBias = new Vector3(Math.Clamp(ba.X, -lim, lim), Math.Clamp(ba.Y, -lim, lim), Math.Clamp(ba.Z, -lim, lim));
        _magEarth += Get(dx, E.MagEarth);
        _magBody += Get(dx, E.MagBody);
        _windN += dx[E.Wind];
        _windE += dx[E.Wind + 1];
    }

    /// <summary>Rotates the attitude about the earth down axis and restarts the yaw error with the given variance.</summary>
    public void ResetYaw(double deltaYawRad, double yawVariance)
    {
        _q = (Quaternion.FromAxisAngle(Vector3.UnitZ, deltaYawRad) * _q).Normalized();
        Rotation = _q.ToRotationMatrix();
        _magEarth = Quaternion.FromAxisAngle(Vector3.UnitZ, deltaYawRad).Rotate(_magEarth);
        ZeroRowColumn(E.Attitude + 2);
        _p[((E.Attitude + 2) * Stride) + E.Attitude + 2] = yawVariance;
    }

    /// <summary>
    /// Restarts the body x/y accelerometer biases at zero with the given variance, uncorrelated (the states that are
    /// inhibited stay so). For biases learnt under a heading now known to have been wrong.
    /// </summary>
    public void RestartHorizontalAccelBias(double variance)
    {
        _accelBias = new Vector3(_inhibited[E.AccelBias] ? _accelBias.X : 0, _inhibited[E.AccelBias + 1] ? _accelBias.Y : 0, _accelBias.Z);
        for (int i = E.AccelBias; i < E.AccelBias + 2; i++)
        {
            if (!_inhibited[i])
            {
                ResetBlock(i, 1, variance);
            }
        }
    }

    /// <summary>Keeps the body-z gyro bias estimate but restarts its covariance with the given variance, uncorrelated.</summary>
    public void RestartGyroBiasZVariance(double variance)
    {
        if (!_inhibited[E.GyroBias + 2])
        {
            ResetBlock(E.GyroBias + 2, 1, variance);
        }
    }

    /// <summary>Resets horizontal position (north, east) and restarts its covariance.</summary>
    public void ResetHorizontalPosition(double northM, double eastM, double variance)
    {
        _pos = new Vector3(northM, eastM, _pos.Z);
        ResetBlock(E.Position, 2, variance);
    }

    /// <summary>Resets the down position (height) and restarts its covariance.</summary>
    public void ResetDownPosition(double downM, double variance)
    {
        _pos = new Vector3(_pos.X, _pos.Y, downM);
        ResetBlock(E.Position + 2, 1, variance);
    }

    /// <summary>Resets the velocity and restarts its covariance.</summary>
    public void ResetVelocity(Vector3 velocityNedMps, double variance)
    {
        _v = velocityNedMps;
        ResetBlock(E.Velocity, 3, variance);
    }

    /// <summary>Resets the earth magnetic field (three-axis mode alignment).</summary>
    public void ResetMagEarth(Vector3 fieldNedGauss) => _magEarth = fieldNedGauss;

    private void ResetBlock(int first, int count, double variance)
    {
        for (int i = first; i < first + count; i++)
        {
            ZeroRowColumn(i);
            _p[(i * Stride) + i] = variance;
        }
    }

    private void ZeroRowColumn(int i)
    {
        for (int k = 0; k < N; k++)
        {
            _p[(i * Stride) + k] = 0;
            _p[(k * Stride) + i] = 0;
        }
    }

    private static Vector3 Get(ReadOnlySpan<double> x, int i) => new(x[i], x[i + 1], x[i + 2]);

    private static double Sq(double x) => x * x;
}
