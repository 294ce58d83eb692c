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
    private const double MinVariance = 1e-12;

    private readonly double[] _p = new double[N * N];
    private readonly double[] _gain = new double[N];
    private readonly double[] _dx = new double[N];
    private readonly bool[] _inhibited = new bool[N];
    private readonly double[] _savedVariance = new double[N];
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

    public double Variance(int errorIndex) => _p[(errorIndex * N) + errorIndex];

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
            _p[(i * N) + i] = _inhibited[i] ? 0 : variances[i];
        }

        TimeUs = timeUs;
        Rotation = _q.ToRotationMatrix();
    }

    /// <summary>Freezes (or releases) a block of states: a frozen state keeps its value and has no covariance.</summary>
    public void SetInhibited(int first, int count, bool inhibit)
    {
        for (int i = first; i < first + count; i++)
        {
            if (_inhibited[i] == inhibit)
            {
                continue;
            }

            _inhibited[i] = inhibit;
            if (inhibit)
            {
                _savedVariance[i] = _p[(i * N) + i];
                ZeroRowColumn(i);
            }
            else
            {
                _p[(i * N) + i] = _savedVariance[i];
            }
        }
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
        _kernel.Predict(_p, r, dvEarth, dt);
        AddProcessNoise(dt);
    }

    /// <summary>
    /// P = F P F^T for the sparse error transition (see derivation/error_state_transition.py):
    /// dTheta' = dTheta - R dt dbg; dv' = dv - [a]x dTheta - R dt dba; dp' = dp + dt/2 (dv + dv'); a = R dv_mid.
    /// Applied as row operations (F P) then the same column operations ((F P) F^T), in an order that makes each
    /// operation read the pre-step values it needs.
    /// </summary>
    public static void PredictCovariance(double[] p, in Matrix3 r, Vector3 a, double dt)
    {
        ArgumentNullException.ThrowIfNull(p);
        double halfDt = 0.5 * dt;
        double r00 = -r.M11 * dt, r01 = -r.M12 * dt, r02 = -r.M13 * dt;
        double r10 = -r.M21 * dt, r11 = -r.M22 * dt, r12 = -r.M23 * dt;
        double r20 = -r.M31 * dt, r21 = -r.M32 * dt, r22 = -r.M33 * dt;
        double ax = a.X, ay = a.Y, az = a.Z;

        // Row operations.
        for (int j = 0; j < N; j++)
        {
            double t0 = p[j], t1 = p[N + j], t2 = p[(2 * N) + j];
            double v0 = p[(3 * N) + j], v1 = p[(4 * N) + j], v2 = p[(5 * N) + j];
            double bg0 = p[(9 * N) + j], bg1 = p[(10 * N) + j], bg2 = p[(11 * N) + j];
            double ba0 = p[(12 * N) + j], ba1 = p[(13 * N) + j], ba2 = p[(14 * N) + j];
            double nv0 = v0 + (az * t1) - (ay * t2) + (r00 * ba0) + (r01 * ba1) + (r02 * ba2);
            double nv1 = v1 - (az * t0) + (ax * t2) + (r10 * ba0) + (r11 * ba1) + (r12 * ba2);
            double nv2 = v2 + (ay * t0) - (ax * t1) + (r20 * ba0) + (r21 * ba1) + (r22 * ba2);
            p[(6 * N) + j] += halfDt * (v0 + nv0);
            p[(7 * N) + j] += halfDt * (v1 + nv1);
            p[(8 * N) + j] += halfDt * (v2 + nv2);
            p[(3 * N) + j] = nv0;
            p[(4 * N) + j] = nv1;
            p[(5 * N) + j] = nv2;
            p[j] = t0 + (r00 * bg0) + (r01 * bg1) + (r02 * bg2);
            p[N + j] = t1 + (r10 * bg0) + (r11 * bg1) + (r12 * bg2);
            p[(2 * N) + j] = t2 + (r20 * bg0) + (r21 * bg1) + (r22 * bg2);
        }

        // Column operations.
        for (int i = 0; i < N; i++)
        {
            int row = i * N;
            double t0 = p[row], t1 = p[row + 1], t2 = p[row + 2];
            double v0 = p[row + 3], v1 = p[row + 4], v2 = p[row + 5];
            double bg0 = p[row + 9], bg1 = p[row + 10], bg2 = p[row + 11];
            double ba0 = p[row + 12], ba1 = p[row + 13], ba2 = p[row + 14];
            double nv0 = v0 + (az * t1) - (ay * t2) + (r00 * ba0) + (r01 * ba1) + (r02 * ba2);
            double nv1 = v1 - (az * t0) + (ax * t2) + (r10 * ba0) + (r11 * ba1) + (r12 * ba2);
            double nv2 = v2 + (ay * t0) - (ax * t1) + (r20 * ba0) + (r21 * ba1) + (r22 * ba2);
            p[row + 6] += halfDt * (v0 + nv0);
            p[row + 7] += halfDt * (v1 + nv1);
            p[row + 8] += halfDt * (v2 + nv2);
            p[row + 3] = nv0;
            p[row + 4] = nv1;
            p[row + 5] = nv2;
            p[row] = t0 + (r00 * bg0) + (r01 * bg1) + (r02 * bg2);
            p[row + 1] = t1 + (r10 * bg0) + (r11 * bg1) + (r12 * bg2);
            p[row + 2] = t2 + (r20 * bg0) + (r21 * bg1) + (r22 * bg2);
        }
    }

    private void AddProcessNoise(double dt)
    {
        UavEkfParameters k = _parameters;
        double angVar = Sq(dt * k.GyroNoiseRadps);
        double velVar = Sq(dt * k.AccelNoiseMps2);
        AddDiagonal(E.Attitude, 3, angVar);
        AddDiagonal(E.Velocity, 3, velVar);
        AddDiagonal(E.GyroBias, 3, Sq(dt * k.GyroBiasProcessNoiseRadps2));
        AddDiagonal(E.AccelBias, 3, Sq(dt * k.AccelBiasProcessNoiseMps3));
        AddDiagonal(E.MagEarth, 3, Sq(dt * k.MagEarthProcessNoiseGaussps));
        AddDiagonal(E.MagBody, 3, Sq(dt * k.MagBodyProcessNoiseGaussps));
        AddDiagonal(E.Wind, 2, Sq(dt * k.WindProcessNoiseMps2));
    }

    private void AddDiagonal(int first, int count, double variance)
    {
        for (int i = first; i < first + count; i++)
        {
            if (!_inhibited[i])
            {
                _p[(i * N) + i] += variance;
            }
        }
    }

    /// <summary>Innovation variance h P h^T + R of a sparse observation row.</summary>
    public double InnovationVariance(ReadOnlySpan<int> index, ReadOnlySpan<double> h, double observationVariance)
    {
        double s = observationVariance;
        for (int a = 0; a < index.Length; a++)
        {
            int row = index[a] * N;
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
        double s = _kernel.Update(_p, index, h, observationVariance, _gain);
        if (double.IsNaN(s))
        {
            return false;
        }

        double[] p = _p;
        for (int i = 0; i < N; i++)
        {
            _dx[i] = _gain[i] * innovation;
            int d = (i * N) + i;
            if (!_inhibited[i] && !(p[d] >= MinVariance))
            {
                p[d] = MinVariance;
            }
        }

        Inject(_dx);
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
        _p[((E.Attitude + 2) * N) + E.Attitude + 2] = yawVariance;
    }

    /// <summary>Resets horizontal position (north, east) and restarts its covariance.</summary>
    public void ResetHorizontalPosition(double northM, double eastM, double variance)
    {
        _pos = new Vector3(northM, eastM, _pos.Z);
        ResetBlock(E.Position, 2, variance);
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
            _p[(i * N) + i] = variance;
        }
    }

    private void ZeroRowColumn(int i)
    {
        for (int k = 0; k < N; k++)
        {
            _p[(i * N) + k] = 0;
            _p[(k * N) + i] = 0;
        }
    }

    private static Vector3 Get(ReadOnlySpan<double> x, int i) => new(x[i], x[i + 1], x[i + 2]);

    private static double Sq(double x) => x * x;
}
