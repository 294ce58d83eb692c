using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Navigation.Estimation.Uav;

/// <summary>
/// Yaw without a magnetometer, as EKF2's EKF-GSF: a bank of <see cref="ModelCount"/> three-state EKFs (velocity north,
/// east, yaw) started on yaw hypotheses spread evenly around the circle, each driven by the IMU's delta velocity rotated
/// by its own attitude and corrected by GNSS velocity; a Gaussian sum weights each model by the likelihood of its
/// innovations. The composite yaw is the weighted circular mean and its variance includes the spread of the models, so
/// it is small only when the bank agrees.
/// Each model has its own complementary-filter attitude (gyro plus a gravity-direction correction). The gravity
/// direction is the specific force with the kinematic acceleration removed; that acceleration comes from successive
/// GNSS velocities in the earth frame and is rotated into the body by each model's own attitude, so the model whose yaw
/// is right gets an unbiased tilt in sustained manoeuvres; the low-passed specific force is carried with the body's
/// rotation. Without these two the tilt leaned into the acceleration and lagged the rotation (1-2.5 deg), and the bank's
/// yaw was 8-16 deg off at 2-3 deg reported sigma: a horizontal acceleration error of g times the tilt error is read as
/// yaw. EKF2 compensates only the centripetal term from airspeed (fixed wing); a multirotor has no airspeed, but GNSS
/// gives the whole acceleration.
/// Through a GNSS outage the tilt is carried by the gyros alone (see <see cref="Suspend"/>) and an in-air restart waits
/// for a measured kinematic acceleration. Known weakness: each model's covariance treats its tilt as known, while its
/// tilt correction absorbs part of a yaw error when the acceleration is weak and slow, so a bank restarted in such
/// flight can converge 20-30 deg off at 5-8 deg sigma before walking to the truth (EmergencyYawRestartTests).
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

    // EKF2's weight floor: a model that lost its weight can come back when its innovations become the smallest.
    private const double MinWeight = 1e-5;

    // GNSS velocities further apart than this give no usable acceleration (a gap); closer is a duplicate.
    private const double MaxAccelIntervalS = 1.0;
    private const double MinAccelIntervalS = 0.02;

    // No GNSS velocity for this long: the kinematic acceleration is unknown and the tilt is carried by the gyros alone.
    // Holding the last one (a single difference of two velocities, 0.7 m/s^2 of noise at 5 Hz and 0.1 m/s) through the
    // reset timeout leaned the models by up to 7 deg before the bank was suspended.
    private const double StaleAccelerationS = 2.0;

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
    private readonly Quaternion[] _attitude = new Quaternion[ModelCount];

    // The tilt filter that runs while the bank is stopped (its yaw is arbitrary); the models start from its tilt.
    private Quaternion _tilt = Quaternion.Identity;
    private Vector3 _accelFilteredMps2;

    // Suspended in the air (GNSS lost): the tilt is carried by the gyros alone until the restart.
    private bool _tiltOnGyros;

    // Kinematic acceleration north/east from the last two GNSS velocities (held), and low-passed like the specific force.
    private double _gnssAccelNorthMps2, _gnssAccelEastMps2;
    private double _accelNorthFilteredMps2, _accelEastFilteredMps2;
    private double _lastVelocityNorthMps, _lastVelocityEastMps;
    private double _sinceVelocityS = double.PositiveInfinity;

    /// <summary>
    /// Roll and pitch of the tilt filter (its yaw is arbitrary): while the bank runs, the attitude of its heaviest model.
    /// </summary>
    public Quaternion TiltAttitude => IsActive ? _attitude[HeaviestModel()] : _tilt;

    /// <summary>True once the shared tilt has been levelled from the accelerometer.</summary>
    public bool TiltAligned { get; private set; }

    /// <summary>True while the bank runs (started by the first GNSS velocity in the air).</summary>
    public bool IsActive { get; private set; }

    /// <summary>Composite (weighted circular mean) yaw at the last GNSS velocity fusion, rad, 3-2-1 Euler yaw of the body.</summary>
    public double YawRad { get; private set; }

    /// <summary>Variance of the composite yaw including the models' spread, rad^2.</summary>
    public double YawVarianceRad2 { get; private set; } = double.PositiveInfinity;

    /// <summary>GNSS velocity samples fused into the bank since it started.</summary>
    public int FusedCount { get; private set; }

    /// <summary>Kinematic acceleration north and east the tilt correction removes (low-passed GNSS velocity change), m/s^2.</summary>
    public (double North, double East) KinematicAccelNeMps2 => (_accelNorthFilteredMps2, _accelEastFilteredMps2);

    /// <summary>Weight of model <paramref name="i"/> (sums to 1 over the bank).</summary>
    public double Weight(int i) => _weight[i];

    /// <summary>Yaw of model <paramref name="i"/> at the last GNSS velocity fusion, rad.</summary>
    public double ModelYawRad(int i) => _yaw[i];

    /// <summary>True when the bank runs and its composite yaw is within <paramref name="maxErrorRad"/> (1 sigma).</summary>
    public bool IsConverged(double maxErrorRad) => IsActive && FusedCount >= 5 && YawVarianceRad2 < maxErrorRad * maxErrorRad;

    /// <summary>Stops the bank (on the ground); the tilt filter keeps running from the heaviest model's attitude.</summary>
    public void Stop()
    {
        _tiltOnGyros = false;
        if (IsActive)
        {
            _tilt = _attitude[HeaviestModel()];
        }

        IsActive = false;
        FusedCount = 0;
        YawVarianceRad2 = double.PositiveInfinity;
        _sinceVelocityS = double.PositiveInfinity;
    }

    /// <summary>
    /// Stops the bank in the air when GNSS has been lost for the reset timeout; the next GNSS velocity restarts it. Until
    /// then the tilt is the heaviest model's attitude carried by the gyros alone. With no GNSS there is no kinematic
    /// acceleration to remove, so the accelerometer correction would lean the tilt into the acceleration (3.7 deg after
    /// a 30 s outage of the synthetic figure); and a tilt taken from the main filter (true, or bias-corrected) would not
    /// contain the lean by which the running bank absorbs the accelerometer's horizontal bias, so each model would read
    /// that bias as acceleration after the restart (a 0.05 m/s^2 bias against the figure's 0.3-0.5 m/s^2 turned the bank
    /// 15-25 deg off the truth at 7-10 deg sigma).
    /// </summary>
    public void Suspend()
    {
        Stop();
        _tiltOnGyros = TiltAligned;
    }

    /// <summary>One IMU interval: each model's attitude, then its velocity and yaw with their covariance.</summary>
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
            _tilt = Quaternion.FromEuler(Math.Atan2(-accel.Y, -accel.Z), Math.Atan2(accel.X, Math.Sqrt((accel.Y * accel.Y) + (accel.Z * accel.Z))), 0);
            TiltAligned = true;
            return;
        }

        // Low-pass the specific force (time constant a tenth of the tilt correction's) against vibration, and the
        // kinematic acceleration the same way so the two stay in step. The filtered vector is carried into the new
        // body frame first: a body-frame low-pass of a vector fixed in the earth lags the body's rotation (at
        // 0.2 rad/s with the 0.5 s time constant, about 6 deg of gravity direction), which tilted the models too.
        double alpha = Math.Min(10 * dt * TiltGainPerS, 1.0);
        Vector3 deltaAngle = imu.DeltaAngleRad - (gyroBiasRadps * dt);
        _accelFilteredMps2 -= Vector3.Cross(deltaAngle, _accelFilteredMps2);
        _accelFilteredMps2 += (accel - _accelFilteredMps2) * alpha;
        _sinceVelocityS += dt;
        if (!IsActive)
        {
            _tilt = _tiltOnGyros ? RotateByGyro(_tilt, deltaAngle) : PredictAttitude(_tilt, deltaAngle, 0, 0, dt);
            return;
        }

        _accelNorthFilteredMps2 += (_gnssAccelNorthMps2 - _accelNorthFilteredMps2) * alpha;
        _accelEastFilteredMps2 += (_gnssAccelEastMps2 - _accelEastFilteredMps2) * alpha;
        double qv = AccelNoiseMps2 * AccelNoiseMps2 * dt * dt;
        double qy = GyroNoiseRadps * GyroNoiseRadps * dt * dt;
        bool accelerationStale = _sinceVelocityS > StaleAccelerationS;
        for (int i = 0; i < ModelCount; i++)
        {
            // The yaw state is read from the attitude when GNSS velocity is fused (no trigonometry per IMU step).
            Quaternion q = accelerationStale
                ? RotateByGyro(_attitude[i], deltaAngle)
                : PredictAttitude(_attitude[i], deltaAngle, _accelNorthFilteredMps2, _accelEastFilteredMps2, dt);
            _attitude[i] = q;
            Vector3 dvEarth = q.Rotate(imu.DeltaVelocityMps);
            double dn = dvEarth.X, de = dvEarth.Y;
            _vn[i] += dn;
            _ve[i] += de;

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

    /// <summary>
    /// One complementary-filter step: the gyro's delta angle plus a rotation of the predicted gravity direction towards
    /// the measured one (specific force minus the kinematic acceleration seen through this attitude), with a gain that
    /// falls quadratically to zero as that gravity's magnitude leaves 1 g by half a g (EKF2's attenuation).
    /// </summary>
    private Quaternion PredictAttitude(Quaternion q, Vector3 deltaAngleRad, double accelNorthMps2, double accelEastMps2, double dt)
    {
        Matrix3 r = q.ToRotationMatrix();
        Vector3 f = _accelFilteredMps2;
        var gravityBody = new Vector3(
            (r.M11 * accelNorthMps2) + (r.M21 * accelEastMps2) - f.X,
            (r.M12 * accelNorthMps2) + (r.M22 * accelEastMps2) - f.Y,
            (r.M13 * accelNorthMps2) + (r.M23 * accelEastMps2) - f.Z);
        double norm = gravityBody.Length;
        Vector3 rotation = deltaAngleRad;
        if (norm > 1e-3)
        {
            double attenuation = 1 - Math.Min(2 * Math.Abs((norm / Gravity) - 1), 1);
            double gain = TiltGainPerS * attenuation * attenuation;
            var down = new Vector3(r.M31, r.M32, r.M33);
            rotation += Vector3.Cross(gravityBody / norm, down) * (gain * dt);
        }

        // First-order rotation quaternion: at IMU rates the angle is milliradians, and the normalisation absorbs the
        // second-order term.
        return (q * new Quaternion(1, 0.5 * rotation.X, 0.5 * rotation.Y, 0.5 * rotation.Z)).Normalized();
    }

    private static Quaternion RotateByGyro(Quaternion q, Vector3 deltaAngleRad) =>
        (q * new Quaternion(1, 0.5 * deltaAngleRad.X, 0.5 * deltaAngleRad.Y, 0.5 * deltaAngleRad.Z)).Normalized();

    private static double YawOf(Quaternion q) =>
        Math.Atan2(2 * ((q.X * q.Y) + (q.W * q.Z)), 1 - (2 * ((q.Y * q.Y) + (q.Z * q.Z))));

    private int HeaviestModel()
    {
        int best = 0;
        for (int i = 1; i < ModelCount; i++)
        {
            if (_weight[i] > _weight[best])
            {
                best = i;
            }
        }

        return best;
    }

    /// <summary>One GNSS velocity (north, east) with its reported accuracy; starts the bank on the first one.</summary>
    public void FuseVelocity(double northMps, double eastMps, double accuracyMps)
    {
        if (!TiltAligned || !double.IsFinite(northMps) || !double.IsFinite(eastMps))
        {
            return;
        }

        double sigma = double.IsFinite(accuracyMps) ? Math.Max(accuracyMps, MinVelocityNoiseMps) : MinVelocityNoiseMps;
        double noiseVar = sigma * sigma;
        double interval = _sinceVelocityS;
        bool accelerationKnown = UpdateKinematicAcceleration(northMps, eastMps);
        if (!IsActive)
        {
            // At take-off the vehicle comes from rest, so the kinematic acceleration starts at zero. A restart in the air
            // waits for the second velocity after the gap, which measures it: started at zero, the models' tilt
            // correction leaned into the true acceleration (0.3-0.9 m/s^2 in the synthetic figure) in their first second.
            // (A receiver whose intervals exceed the 1 s differencing limit starts on its second velocity, at zero.)
            if (accelerationKnown || !_tiltOnGyros || interval <= StaleAccelerationS)
            {
                Start(northMps, eastMps, noiseVar);
            }

            return;
        }

        int clipped = 0;
        double total = 0;
        for (int i = 0; i < ModelCount; i++)
        {
            _yaw[i] = YawOf(_attitude[i]);
            double p00 = _p00[i], p01 = _p01[i], p02 = _p02[i], p11 = _p11[i], p12 = _p12[i], p22 = _p22[i];
            double s00 = p00 + noiseVar, s11 = p11 + noiseVar, s01 = p01;
            double det = (s00 * s11) - (s01 * s01);
            if (!(det > 0))
            {
                _weight[i] = MinWeight;
                clipped++;
                total += MinWeight;
                continue;
            }

            double i00 = s11 / det, i11 = s00 / det, i01 = -s01 / det;
            double inN = northMps - _vn[i], inE = eastMps - _ve[i];
            double nis = (inN * ((i00 * inN) + (i01 * inE))) + (inE * ((i01 * inN) + (i11 * inE)));
            double likelihood = Math.Exp(-0.5 * nis) / (2 * Math.PI * Math.Sqrt(det));
            _weight[i] *= likelihood;
            if (!(_weight[i] >= MinWeight))
            {
                _weight[i] = MinWeight;
                clipped++;
            }

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
            double yawChange = (k20 * inN) + (k21 * inE);
            _yaw[i] = Math.IEEERemainder(_yaw[i] + yawChange, 2 * Math.PI);

            // The model's attitude turns with its yaw state, about the earth vertical.
            _attitude[i] = (Quaternion.FromAxisAngle(Vector3.UnitZ, yawChange) * _attitude[i]).Normalized();

            // P -= K H P.
            _p00[i] = Math.Max(p00 - ((k00 * p00) + (k01 * p01)), 1e-6);
            _p01[i] = p01 - ((k00 * p01) + (k01 * p11));
            _p02[i] = p02 - ((k00 * p02) + (k01 * p12));
            _p11[i] = Math.Max(p11 - ((k10 * p01) + (k11 * p11)), 1e-6);
            _p12[i] = p12 - ((k10 * p02) + (k11 * p12));
            _p22[i] = Math.Max(p22 - ((k20 * p02) + (k21 * p12)), 1e-8);
        }

        if (clipped == ModelCount)
        {
            // Every model is implausible: the bank has lost the vehicle; start it again on this velocity (as EKF2).
            Start(northMps, eastMps, noiseVar);
            return;
        }

        for (int i = 0; i < ModelCount; i++)
        {
            _weight[i] /= total;
        }

        FusedCount++;
        UpdateComposite();
    }

    /// <summary>Acceleration north/east from this and the previous GNSS velocity, held until the next one.</summary>
    private bool UpdateKinematicAcceleration(double northMps, double eastMps)
    {
        double interval = _sinceVelocityS;
        bool known = interval is >= MinAccelIntervalS and <= MaxAccelIntervalS;
        if (known)
        {
            _gnssAccelNorthMps2 = (northMps - _lastVelocityNorthMps) / interval;
            _gnssAccelEastMps2 = (eastMps - _lastVelocityEastMps) / interval;
        }
        else if (interval > MaxAccelIntervalS)
        {
            _gnssAccelNorthMps2 = _gnssAccelEastMps2 = 0;
        }

        if (interval >= MinAccelIntervalS)
        {
            _lastVelocityNorthMps = northMps;
            _lastVelocityEastMps = eastMps;
            _sinceVelocityS = 0;
        }

        return known;
    }

    private void Start(double northMps, double eastMps, double noiseVar)
    {
        // Every model takes the tilt of the running filter and its own yaw hypothesis.
        Vector3 euler = (IsActive ? _attitude[HeaviestModel()] : _tilt).ToEuler();
        double spacing = 2 * Math.PI / ModelCount;
        for (int i = 0; i < ModelCount; i++)
        {
            _vn[i] = northMps;
            _ve[i] = eastMps;
            _yaw[i] = -Math.PI + (0.5 * spacing) + (i * spacing);
            _attitude[i] = Quaternion.FromEuler(euler.X, euler.Y, _yaw[i]);
            _p00[i] = noiseVar;
            _p11[i] = noiseVar;
            _p01[i] = _p02[i] = _p12[i] = 0;
            _p22[i] = 0.25 * spacing * spacing;
            _weight[i] = 1.0 / ModelCount;
        }

        if (!IsActive)
        {
            // Zero at take-off (the first velocity after the gap), measured on an in-air restart.
            _accelNorthFilteredMps2 = _gnssAccelNorthMps2;
            _accelEastFilteredMps2 = _gnssAccelEastMps2;
        }

        IsActive = true;
        _tiltOnGyros = false;
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
