using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Navigation.Estimation.Uav;

/// <summary>
/// Yaw without a magnetometer, as EKF2's EKF-GSF: a bank of <see cref="ModelCount"/> three-state EKFs (velocity north,
/// east, yaw) started on yaw hypotheses spread evenly around the circle, each driven by the IMU's horizontal delta
/// velocity rotated by its own yaw and corrected by GNSS velocity; a Gaussian sum weights each model by the likelihood
/// of its innovations. The composite yaw is the weighted circular mean and its variance includes the spread of the
/// models, so it is small only when the bank agrees. Tilt comes from one complementary filter (gyro plus a
/// gravity-direction correction): every model shares the same tilt, since a yaw hypothesis is a rotation about the
/// earth vertical, so one attitude and a per-model yaw offset are exactly the bank of per-model AHRS.
/// Runs on the delayed horizon with the main filter's samples; no allocation after construction.
/// </summary>
public sealed class EmergencyYawEstimator
{
    /// <summary>Models in the bank (EKF2: 5).</summary>
    public const int ModelCount = 5;

    // EKF2's EKFGSF_yaw tuning: yaw-rate noise 0.1 rad/s, horizontal accel noise 2 m/s^2, tilt gain 0.2 /s.
    private const double GyroNoiseRadps = 0.1;
    private const double AccelNoiseMps2 = 2.0;
    private const double TiltGainPerS = 0.2;
    private const double MinVelocityNoiseMps = 0.5;

    // A model whose innovations exceed 5 sigma takes a correction limited to 5 sigma (linearisation far from truth).
    private const double MaxNormalisedInnovationSq = 25;
    private const double Gravity = 9.80665;

    private readonly double[] _vn = new double[ModelCount];
    private readonly double[] _ve = new double[ModelCount];
    private readonly double[] _yaw = new double[ModelCount];
    private readonly double[] _p00 = new double[ModelCount];
    private readonly double[] _p01 = new double[ModelCount];
    private readonly double[] _p02 = new double[ModelCount];
    private readonly double[] _p11 = new double[ModelCount];
    private readonly double[] _p12 = new double[ModelCount];
    private readonly double[] _p22 = new double[ModelCount];
    private readonly double[] _weight = new double[ModelCount];

    private Quaternion _q = Quaternion.Identity;
    private Vector3 _accelFilteredMps2;
    private double _ahrsYawRad;

    /// <summary>The shared tilt filter's attitude (its yaw is arbitrary: only roll and pitch mean anything).</summary>
    public Quaternion TiltAttitude => _q;

    /// <summary>True once the shared tilt has been levelled from the accelerometer.</summary>
    public bool TiltAligned { get; private set; }

    /// <summary>True while the bank runs (started by the first GNSS velocity in the air).</summary>
    public bool IsActive { get; private set; }

    /// <summary>Composite (weighted circular mean) yaw, rad, 3-2-1 Euler yaw of the body.</summary>
    public double YawRad { get; private set; }

    /// <summary>Variance of the composite yaw including the models' spread, rad^2.</summary>
    public double YawVarianceRad2 { get; private set; } = double.PositiveInfinity;

    /// <summary>GNSS velocity samples fused into the bank since it started.</summary>
    public int FusedCount { get; private set; }

    /// <summary>Weight of model <paramref name="i"/> (sums to 1 over the bank).</summary>
    public double Weight(int i) => _weight[i];

    /// <summary>Yaw of model <paramref name="i"/>, rad.</summary>
    public double ModelYawRad(int i) => _yaw[i];

    /// <summary>True when the bank runs and its composite yaw is within <paramref name="maxErrorRad"/> (1 sigma).</summary>
    public bool IsConverged(double maxErrorRad) => IsActive && FusedCount >= 5 && YawVarianceRad2 < maxErrorRad * maxErrorRad;

    /// <summary>Stops the bank (on the ground); the tilt filter keeps running.</summary>
    public void Stop()
    {
        IsActive = false;
        FusedCount = 0;
        YawVarianceRad2 = double.PositiveInfinity;
    }

    /// <summary>One IMU interval: tilt filter, then each model's velocity and yaw with its covariance.</summary>
    public void Predict(in ImuSample imu, Vector3 gyroBiasRadps)
    {
        double dt = imu.DtS;
        if (dt <= 0)
        {
            return;
        }

        Vector3 accel = imu.DeltaVelocityMps / dt;
        if (!TiltAligned)
        {
            double norm = accel.Length;
            if (norm < 0.9 * Gravity || norm > 1.1 * Gravity)
            {
                return;
            }

            _accelFilteredMps2 = accel;
            _q = Quaternion.FromEuler(Math.Atan2(-accel.Y, -accel.Z), Math.Atan2(accel.X, Math.Sqrt((accel.Y * accel.Y) + (accel.Z * accel.Z))), 0);
            _ahrsYawRad = 0;
            TiltAligned = true;
            return;
        }

        // Low-pass the specific force (time constant a tenth of the tilt correction's) against vibration.
        double alpha = Math.Min(10 * dt * TiltGainPerS, 1.0);
        _accelFilteredMps2 += (accel - _accelFilteredMps2) * alpha;

        // Rotate the predicted body-frame down direction towards the measured one; trust the accelerometer less the
        // further its magnitude is from 1 g (manoeuvres).
        Matrix3 r = _q.ToRotationMatrix();
        var down = new Vector3(r.M31, r.M32, r.M33);
        double accelNorm = _accelFilteredMps2.Length;
        double gain = TiltGainPerS * Math.Max(0, 1 - (2 * Math.Abs((accelNorm / Gravity) - 1)));
        Vector3 correction = accelNorm > 1e-3 ? Vector3.Cross(_accelFilteredMps2 / -accelNorm, down) * gain : Vector3.Zero;
        Vector3 rotation = imu.DeltaAngleRad - (gyroBiasRadps * dt) + (correction * dt);
        _q = (_q * Quaternion.FromRotationVector(rotation)).Normalized();

        r = _q.ToRotationMatrix();
        double yawNow = Math.Atan2(r.M21, r.M11);
        double deltaYaw = Math.IEEERemainder(yawNow - _ahrsYawRad, 2 * Math.PI);
        _ahrsYawRad = yawNow;
        if (!IsActive)
        {
            return;
        }

        // Horizontal delta velocity in the heading frame (the AHRS attitude with its yaw removed).
        Vector3 dvEarth = r * imu.DeltaVelocityMps;
        double cy = Math.Cos(yawNow), sy = Math.Sin(yawNow);
        double dx = (cy * dvEarth.X) + (sy * dvEarth.Y);
        double dy = (-sy * dvEarth.X) + (cy * dvEarth.Y);
        double qv = AccelNoiseMps2 * AccelNoiseMps2 * dt * dt;
        double qy = GyroNoiseRadps * GyroNoiseRadps * dt * dt;
        for (int i = 0; i < ModelCount; i++)
        {
            double c = Math.Cos(_yaw[i]), s = Math.Sin(_yaw[i]);
            double dn = (c * dx) - (s * dy), de = (s * dx) + (c * dy);
            _vn[i] += dn;
            _ve[i] += de;
            _yaw[i] = Math.IEEERemainder(_yaw[i] + deltaYaw, 2 * Math.PI);

            // P = F P F^T + Q with F = [1 0 -de; 0 1 dn; 0 0 1].
            double a = -de, b = dn;
            double p00 = _p00[i], p01 = _p01[i], p02 = _p02[i], p11 = _p11[i], p12 = _p12[i], p22 = _p22[i];
            _p00[i] = p00 + (2 * a * p02) + (a * a * p22) + qv;
            _p01[i] = p01 + (a * p12) + (b * p02) + (a * b * p22);
            _p02[i] = p02 + (a * p22);
            _p11[i] = p11 + (2 * b * p12) + (b * b * p22) + qv;
            _p12[i] = p12 + (b * p22);
            _p22[i] = p22 + qy;
        }
    }

    /// <summary>One GNSS velocity (north, east) with its reported accuracy; starts the bank on the first one.</summary>
    public void FuseVelocity(double northMps, double eastMps, double accuracyMps)
    {
        if (!TiltAligned)
        {
            return;
        }

        double sigma = Math.Max(accuracyMps, MinVelocityNoiseMps);
        double noiseVar = sigma * sigma;
        if (!IsActive)
        {
            Start(northMps, eastMps, noiseVar);
            return;
        }

        double total = 0;
        for (int i = 0; i < ModelCount; i++)
        {
            double p00 = _p00[i], p01 = _p01[i], p02 = _p02[i], p11 = _p11[i], p12 = _p12[i], p22 = _p22[i];
            double s00 = p00 + noiseVar, s11 = p11 + noiseVar, s01 = p01;
            double det = (s00 * s11) - (s01 * s01);
            if (!(det > 0))
            {
                _weight[i] = 0;
                continue;
            }

            double i00 = s11 / det, i11 = s00 / det, i01 = -s01 / det;
            double inN = northMps - _vn[i], inE = eastMps - _ve[i];
            double nis = (inN * ((i00 * inN) + (i01 * inE))) + (inE * ((i01 * inN) + (i11 * inE)));
            double likelihood = Math.Exp(-0.5 * nis) / (2 * Math.PI * Math.Sqrt(det));
            _weight[i] *= likelihood;
            total += _weight[i];

            double scale = nis > MaxNormalisedInnovationSq ? Math.Sqrt(MaxNormalisedInnovationSq / nis) : 1.0;
            inN *= scale;
            inE *= scale;

            // K = P H^T S^-1 (H selects the two velocities).
            double k00 = (p00 * i00) + (p01 * i01), k01 = (p00 * i01) + (p01 * i11);
            double k10 = (p01 * i00) + (p11 * i01), k11 = (p01 * i01) + (p11 * i11);
            double k20 = (p02 * i00) + (p12 * i01), k21 = (p02 * i01) + (p12 * i11);
            _vn[i] += (k00 * inN) + (k01 * inE);
            _ve[i] += (k10 * inN) + (k11 * inE);
            _yaw[i] = Math.IEEERemainder(_yaw[i] + (k20 * inN) + (k21 * inE), 2 * Math.PI);

            // P -= K H P.
            _p00[i] = Math.Max(p00 - ((k00 * p00) + (k01 * p01)), 1e-6);
            _p01[i] = p01 - ((k00 * p01) + (k01 * p11));
            _p02[i] = p02 - ((k00 * p02) + (k01 * p12));
            _p11[i] = Math.Max(p11 - ((k10 * p01) + (k11 * p11)), 1e-6);
            _p12[i] = p12 - ((k10 * p02) + (k11 * p12));
            _p22[i] = Math.Max(p22 - ((k20 * p02) + (k21 * p12)), 1e-8);
        }

        if (!(total > 1e-300) || !double.IsFinite(total))
        {
            // Every model is implausible (or underflowed): restart the weights rather than divide by nothing.
            Array.Fill(_weight, 1.0 / ModelCount);
        }
        else
        {
            for (int i = 0; i < ModelCount; i++)
            {
                _weight[i] /= total;
            }
        }

        FusedCount++;
        UpdateComposite();
    }

    private void Start(double northMps, double eastMps, double noiseVar)
    {
        double spacing = 2 * Math.PI / ModelCount;
        for (int i = 0; i < ModelCount; i++)
        {
            _vn[i] = northMps;
            _ve[i] = eastMps;
            _yaw[i] = -Math.PI + (0.5 * spacing) + (i * spacing);
            _p00[i] = noiseVar;
            _p11[i] = noiseVar;
            _p01[i] = _p02[i] = _p12[i] = 0;
            _p22[i] = 0.25 * spacing * spacing;
            _weight[i] = 1.0 / ModelCount;
        }

        IsActive = true;
        FusedCount = 0;
        UpdateComposite();
    }

    private void UpdateComposite()
    {
        double s = 0, c = 0;
        for (int i = 0; i < ModelCount; i++)
        {
            s += _weight[i] * Math.Sin(_yaw[i]);
            c += _weight[i] * Math.Cos(_yaw[i]);
        }

        YawRad = Math.Atan2(s, c);
        double variance = 0;
        for (int i = 0; i < ModelCount; i++)
        {
            double d = Math.IEEERemainder(_yaw[i] - YawRad, 2 * Math.PI);
            variance += _weight[i] * (_p22[i] + (d * d));
        }

        YawVarianceRad2 = variance;
    }
}
