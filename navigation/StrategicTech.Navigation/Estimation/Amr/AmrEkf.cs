using StrategicTech.Navigation.Numerics;
using static StrategicTech.Navigation.Estimation.Amr.AmrStateIndex;

namespace StrategicTech.Navigation.Estimation.Amr;

/// <summary>
/// 2-D EKF for a wheeled robot: pose in the map frame, forward speed, yaw rate, gyro bias and (optionally) wheel
/// odometry scale. A library that knows nothing of buses or clocks: every sample carries its own time in µs, the
/// filter predicts to it (constant speed and turn rate between samples) and fuses it through a Mahalanobis gate and
/// a Joseph-form update. Samples older than the filter time, or holding NaN/infinity, are rejected and counted with
/// the state untouched. Allocation-free after construction. Fusion sources live in their own files and call
/// <see cref="Update"/>.
/// </summary>
public sealed class AmrEkf
{
    private const int Stride = Max;

    // Inline fixed-size storage (the Numerics matrix kit); the leading n x n block is in use, row stride Max.
    private Vector7 _x;
    private Matrix7x7 _p;
    private Matrix7x7 _tmp;
    private readonly double[] _gateThreshold = new double[4];
    private readonly int _n;

    public AmrEkf(AmrEkfParameters? parameters = null)
    {
        Parameters = parameters ?? AmrEkfParameters.Default;
        Parameters.Validate();
        _n = Parameters.EstimateWheelScale ? Max : Max - 1;
        for (int m = 1; m <= 3; m++)
        {
            _gateThreshold[m] = ChiSquare.Quantile(Parameters.GateProbability, m);
        }

        _x[WheelScale] = 1;
    }

    public AmrEkfParameters Parameters { get; }

    /// <summary>6, or 7 with the wheel scale state.</summary>
    public int StateCount => _n;

    public bool IsInitialized { get; private set; }

    /// <summary>Time the estimate refers to, µs.</summary>
    public long TimeUs { get; private set; }

    public AmrState State => new(_x[X], _x[Y], _x[Yaw], _x[Speed], _x[YawRate], _x[GyroBias], _x[WheelScale]);

    public AmrFusionCounters OdometryCounters { get; } = new();

    public AmrFusionCounters GyroCounters { get; } = new();

    public AmrFusionCounters PoseFixCounters { get; } = new();

    /// <summary>Prediction requests rejected because they were older than the filter time or not initialised.</summary>
    public long RejectedPredictions { get; private set; }

    /// <summary>Covariance element (state indices from <see cref="AmrStateIndex"/>); 0 for the wheel scale when it is not estimated.</summary>
    public double Covariance(int row, int column) => row < _n && column < _n ? _p[(row * Stride) + column] : 0;

    /// <summary>1σ of a state.</summary>
    public double Sigma(int index) => Math.Sqrt(Covariance(index, index));

    /// <summary>Mahalanobis distance² threshold for a measurement of <paramref name="dimension"/> (1..3).</summary>
    public double GateThreshold(int dimension) => _gateThreshold[dimension];

    /// <summary>Starts the filter at a state with the parameters' initial uncertainties (diagonal).</summary>
    public void Initialize(long timeUs, in AmrState state)
    {
        _x[X] = state.XM;
        _x[Y] = state.YM;
        _x[Yaw] = AmrAngle.Wrap(state.YawRad);
        _x[Speed] = state.SpeedMps;
        _x[YawRate] = state.YawRateRadps;
        _x[GyroBias] = state.GyroBiasRadps;
        _x[WheelScale] = state.WheelScale;
        _p = default;
        AmrEkfParameters p = Parameters;
        SetVariance(X, p.InitialPositionSigmaM);
        SetVariance(Y, p.InitialPositionSigmaM);
        SetVariance(Yaw, p.InitialYawSigmaRad);
        SetVariance(Speed, p.InitialSpeedSigmaMps);
        SetVariance(YawRate, p.InitialYawRateSigmaRadps);
        SetVariance(GyroBias, p.InitialGyroBiasSigmaRadps);
        if (_n == Max)
        {
            SetVariance(WheelScale, p.InitialWheelScaleSigma);
        }

        TimeUs = timeUs;
        IsInitialized = true;
    }

    /// <summary>Predicts the state and covariance forward to <paramref name="timeUs"/>; earlier times are rejected.</summary>
    public AmrFusionStatus PredictTo(long timeUs)
    {
        AmrFusionStatus status = Advance(timeUs);
        if (status != AmrFusionStatus.Accepted)
        {
            RejectedPredictions++;
        }

        return status;
    }

    public AmrFusionStatus FuseOdometry(in AmrOdometrySample sample) => AmrOdometryFusion.Fuse(this, sample);

    public AmrFusionStatus FuseWheelSpeeds(in AmrWheelSpeedsSample sample) => AmrOdometryFusion.Fuse(this, sample);

    public AmrFusionStatus FuseGyro(in AmrGyroSample sample) => AmrGyroFusion.Fuse(this, sample);

    public AmrFusionStatus FusePoseFix(in AmrPoseFixSample sample) => AmrPoseFixFusion.Fuse(this, sample);

    /// <summary>The state vector (read-only view, <see cref="StateCount"/> used entries).</summary>
    internal ReadOnlySpan<double> StateVector => _x;

    /// <summary>Sets x, y, yaw to a fix and their covariance block to the fix covariance (row-major 3x3), decoupled from the other states.</summary>
    internal void ResetPose(double xM, double yM, double yawRad, ReadOnlySpan<double> covariance)
    {
        _x[X] = xM;
        _x[Y] = yM;
        _x[Yaw] = AmrAngle.Wrap(yawRad);
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < _n; j++)
            {
                _p[(i * Stride) + j] = 0;
                _p[(j * Stride) + i] = 0;
            }
        }

        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                _p[(i * Stride) + j] = covariance[(i * 3) + j];
            }
        }
    }

    /// <summary>Checks initialisation and order, then predicts to the sample time. Call after checking the values for NaN.</summary>
    internal AmrFusionStatus Advance(long timeUs)
    {
        if (!IsInitialized)
        {
            return AmrFusionStatus.RejectedNotInitialized;
        }

        if (timeUs < TimeUs)
        {
            return AmrFusionStatus.RejectedOutOfOrder;
        }

        long maxStep = Parameters.MaxPredictionStepUs;
        while (TimeUs < timeUs)
        {
            long step = Math.Min(maxStep, timeUs - TimeUs);
            Predict(step * 1e-6);
            TimeUs += step;
        }

        return AmrFusionStatus.Accepted;
    }

    /// <summary>
    /// Gated Joseph-form update with m (1..3) measurements: <paramref name="h"/> is m x <see cref="AmrStateIndex.Max"/>
    /// row-major, <paramref name="r"/> m x m, <paramref name="innovation"/> z - h(x) (angles already wrapped).
    /// </summary>
    internal AmrFusionStatus Update(int m, ReadOnlySpan<double> innovation, ReadOnlySpan<double> h, ReadOnlySpan<double> r, out double testRatio)
    {
        int n = _n;
        var hView = new ReadOnlyMatrixSpan(h, m, n, Stride);
        var rView = new ReadOnlyMatrixSpan(r, m, m);
        Matrix3x7 hpStorage = default;
        Matrix3x3 sStorage = default;
        Matrix3x3 lStorage = default;
        Matrix7x3 kStorage = default;
        MatrixSpan hp = hpStorage.Block(m, n);              // H P, m x n
        MatrixSpan s = sStorage.Block(m, m);                // H P H^T + R
        MatrixSpan l = lStorage.Block(m, m);
        MatrixSpan k = kStorage.Block(n, m);                // n x m
        Span<double> column = stackalloc double[3];
        column = column[..m];
        testRatio = double.NaN;

        MatrixKernel.Multiply(hView, _p.ReadOnlyBlock(n, n), hp);
        MatrixKernel.Copy(rView, s);
        MatrixKernel.MultiplyTransposedAdd(hp, hView, s);
        if (!Cholesky.Factor(s, l))
        {
            return AmrFusionStatus.RejectedInvalid;
        }

        innovation[..m].CopyTo(column);
        Cholesky.Solve(l, column);
        double distance2 = 0;
        for (int i = 0; i < m; i++)
        {
            distance2 += innovation[i] * column[i];
        }

        testRatio = distance2 / _gateThreshold[m];
        if (!(testRatio <= 1))
        {
            return double.IsFinite(testRatio) ? AmrFusionStatus.RejectedByGate : AmrFusionStatus.RejectedInvalid;
        }

        // K = P H^T S^-1: column t of (H P) solved against S gives row t of K.
        for (int t = 0; t < n; t++)
        {
            for (int i = 0; i < m; i++)
            {
                column[i] = hpStorage[(i * Stride) + t];
            }

            Cholesky.Solve(l, column);
            for (int i = 0; i < m; i++)
            {
                kStorage[(t * 3) + i] = column[i];
            }
        }

        for (int t = 0; t < n; t++)
        {
            double dx = 0;
            for (int i = 0; i < m; i++)
            {
                dx += kStorage[(t * 3) + i] * innovation[i];
            }

            _x[t] += dx;
        }

        _x[Yaw] = AmrAngle.Wrap(_x[Yaw]);
        Matrix7x3 thStorage = default;
        Matrix7x3 krStorage = default;
        CovarianceUpdate.Joseph(_p.Block(n, n), k, hView, hp, rView, _tmp.Block(n, n), thStorage.Block(n, m), krStorage.Block(n, m));
        return AmrFusionStatus.Accepted;
    }

    /// <summary>Constant speed and turn rate over dt with midpoint heading; white accelerations drive speed and yaw rate.</summary>
    private void Predict(double dt)
    {
        int n = _n;
        double v = _x[Speed];
        double w = _x[YawRate];
        double mid = _x[Yaw] + (0.5 * w * dt);
        double c = Math.Cos(mid);
        double sn = Math.Sin(mid);
        _x[X] += v * c * dt;
        _x[Y] += v * sn * dt;
        _x[Yaw] = AmrAngle.Wrap(_x[Yaw] + (w * dt));

        // F = I + E with E non-zero only in rows X, Y (columns Yaw, Speed, YawRate) and Yaw (column YawRate):
        // P' = F P F^T touches only those rows and columns, so apply it as two sparse row/column passes.
        double xYaw = -v * sn * dt, xSpeed = c * dt, xRate = -v * sn * dt * dt * 0.5;
        double yYaw = v * c * dt, ySpeed = sn * dt, yRate = v * c * dt * dt * 0.5;
        Span<double> pm = _p.AsSpan().Data;
        for (int j = 0; j < n; j++)
        {
            double pYaw = pm[(Yaw * Stride) + j], pSpeed = pm[(Speed * Stride) + j], pRate = pm[(YawRate * Stride) + j];
            pm[(X * Stride) + j] += (xYaw * pYaw) + (xSpeed * pSpeed) + (xRate * pRate);
            pm[(Y * Stride) + j] += (yYaw * pYaw) + (ySpeed * pSpeed) + (yRate * pRate);
            pm[(Yaw * Stride) + j] += dt * pRate;
        }

        for (int i = 0; i < n; i++)
        {
            int row = i * Stride;
            double pYaw = pm[row + Yaw], pSpeed = pm[row + Speed], pRate = pm[row + YawRate];
            pm[row + X] += (xYaw * pYaw) + (xSpeed * pSpeed) + (xRate * pRate);
            pm[row + Y] += (yYaw * pYaw) + (ySpeed * pSpeed) + (yRate * pRate);
            pm[row + Yaw] += dt * pRate;
        }

        // Discrete noise of white acceleration (along the heading) and white yaw acceleration.
        AmrEkfParameters p = Parameters;
        double qa = p.SpeedAccelNoiseMps2PerSqrtHz * p.SpeedAccelNoiseMps2PerSqrtHz;
        double qw = p.YawAccelNoiseRadps2PerSqrtHz * p.YawAccelNoiseRadps2PerSqrtHz;
        double dt2 = dt * dt;
        double dt3 = dt2 * dt;
        AddQ(X, X, qa * dt3 / 3 * c * c);
        AddQ(Y, Y, qa * dt3 / 3 * sn * sn);
        AddQ(X, Y, qa * dt3 / 3 * c * sn);
        AddQ(X, Speed, qa * dt2 / 2 * c);
        AddQ(Y, Speed, qa * dt2 / 2 * sn);
        AddQ(Speed, Speed, qa * dt);
        AddQ(Yaw, Yaw, qw * dt3 / 3);
        AddQ(Yaw, YawRate, qw * dt2 / 2);
        AddQ(YawRate, YawRate, qw * dt);
        AddQ(GyroBias, GyroBias, p.GyroBiasRandomWalkRadpsPerSqrtS * p.GyroBiasRandomWalkRadpsPerSqrtS * dt);
        if (n == Max)
        {
            AddQ(WheelScale, WheelScale, p.WheelScaleRandomWalkPerSqrtS * p.WheelScaleRandomWalkPerSqrtS * dt);
        }

        MatrixKernel.Symmetrize(_p.Block(n, n));
    }

    private void AddQ(int i, int j, double value)
    {
        _p[(i * Stride) + j] += value;
        if (i != j)
        {
            _p[(j * Stride) + i] += value;
        }
    }

    private void SetVariance(int i, double sigma) => _p[(i * Stride) + i] = sigma * sigma;
}
