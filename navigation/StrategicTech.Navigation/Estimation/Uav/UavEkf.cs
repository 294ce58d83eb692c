using StrategicTech.Navigation.Estimation.Uav.Buffers;
using StrategicTech.Navigation.Estimation.Uav.Fusion;
using StrategicTech.Navigation.Geodesy.Magnetism;
using StrategicTech.Navigation.Numerics;
using E = StrategicTech.Navigation.Estimation.Uav.UavErrorIndex;

namespace StrategicTech.Navigation.Estimation.Uav;

/// <summary>
/// The 24-state UAV EKF (PX4 EKF2 design): IMU samples and observations go in with their own timestamps; the
/// filter runs one prediction per IMU sample (filter rate = IMU rate) on a delayed horizon as deep as the slowest
/// sensor's delay, fuses each observation when the horizon reaches its (delay-corrected) time, and an
/// <see cref="OutputPredictor"/> brings the estimate to the newest IMU time. Non-finite and out-of-order samples
/// are rejected and counted with the state untouched. No allocation after construction.
/// </summary>
public sealed class UavEkf
{
    private const long HoldIntervalUs = 200_000;

    /// <summary>GNSS silent this long counts as a lost signal, not a rejection (EKF2's was_gps_signal_lost, 1 s).</summary>
    private const long GnssSignalLostUs = 1_000_000;

    private readonly UavEkfParameters _parameters;
    private readonly RingBuffer<ImuSample> _imu;
    private readonly RingBuffer<GnssSample> _gnss;
    private readonly RingBuffer<BaroSample> _baro;
    private readonly RingBuffer<MagSample> _mag;
    private readonly RingBuffer<RangeSample> _range;
    private readonly long _horizonUs;
    private readonly long _gnssDelayUs;
    private readonly long _baroDelayUs;
    private readonly long _magDelayUs;
    private readonly long _rangeDelayUs;
    private readonly long _minIntervalUs;
    private readonly double[] _initialVariance = new double[E.Count];

    private long _lastImuUs = long.MinValue;
    private long _lastGnssUs = long.MinValue;
    private long _lastBaroUs = long.MinValue;
    private long _lastMagUs = long.MinValue;
    private long _lastRangeUs = long.MinValue;
    private long _firstImuUs = -1;
    private Vector3 _alignDeltaVelocity;
    private double _alignDtS;
    private Vector3 _alignMag;
    private int _alignMagCount;
    private double _alignBaro;
    private int _alignBaroCount;
    private long _lastHoldUs;
    private long _lastGnssFusionStepUs;
    private bool _hadHorizontalAiding;
    private bool _usingThreeAxisMag;
    private bool _magFieldAlignPending;
    private long _magDisagreeSinceUs = -1;
    private long _lastGnssTestedUs = -1;
    private long _gnssTestedSinceUs = -1;
    private long _gsfSettledAtUs;

    /// <param name="parameters">Tuning; defaults when null.</param>
    /// <param name="kernel">Covariance arithmetic; the fast sparse kernel when null (tests pass a dense reference).</param>
    public UavEkf(UavEkfParameters? parameters = null, IErrorCovarianceKernel? kernel = null)
    {
        _parameters = parameters ?? new UavEkfParameters();
        Core = new UavFilterCore(_parameters, kernel);
        _horizonUs = _parameters.HorizonUs;
        _gnssDelayUs = (long)(_parameters.GnssDelayMs * 1000);
        _baroDelayUs = (long)(_parameters.BaroDelayMs * 1000);
        _magDelayUs = (long)(_parameters.MagDelayMs * 1000);
        _rangeDelayUs = (long)(_parameters.RangeDelayMs * 1000);
        _minIntervalUs = (long)(_parameters.MinObservationIntervalMs * 1000);

        // Room for the horizon at the declared maximum IMU rate plus jitter (the output predictor keeps one entry per
        // IMU sample over the same horizon); observations at up to 1 kHz within it.
        int imuCapacity = ImuCapacity(_horizonUs, _parameters.MaxImuRateHz);
        int observationCapacity = (int)(_horizonUs / 1000) + 16;
        _imu = new RingBuffer<ImuSample>(imuCapacity);
        _gnss = new RingBuffer<GnssSample>(observationCapacity);
        _baro = new RingBuffer<BaroSample>(observationCapacity);
        _mag = new RingBuffer<MagSample>(observationCapacity);
        _range = new RingBuffer<RangeSample>(observationCapacity);
        Output = new OutputPredictor(imuCapacity + 2);

        var monitor = new MagAnomalyMonitor(_parameters);
        MagReference = new MagneticReference(_parameters);
        Gnss = new GnssFusion(_parameters);
        Baro = new BaroHeightFusion(_parameters);
        MagHeading = new MagHeadingFusion(_parameters, monitor, MagReference);
        Mag3Axis = new Mag3AxisFusion(_parameters, monitor, MagReference);
        Range = new RangeHeightFusion(_parameters);
        Hold = new NoAidPositionHold(_parameters);
        MagMonitor = monitor;
        EmergencyYaw = new EmergencyYawEstimator();
        Stillness = new AtRestDetector(_parameters);
        ZeroVelocity = new ZeroVelocityFusion(_parameters);
    }

    public UavEkfParameters Parameters => _parameters;

    /// <summary>The filter at the delayed horizon (state, covariance).</summary>
    public UavFilterCore Core { get; }

    public OutputPredictor Output { get; }

    public GnssFusion Gnss { get; }

    public BaroHeightFusion Baro { get; }

    public MagHeadingFusion MagHeading { get; }

    public Mag3AxisFusion Mag3Axis { get; }

    public RangeHeightFusion Range { get; }

    public NoAidPositionHold Hold { get; }

    /// <summary>IMU stillness on the newest samples (half of the at-rest condition, see <see cref="IsAtRest"/>).</summary>
    public AtRestDetector Stillness { get; }

    /// <summary>Zero-velocity update fused while <see cref="IsAtRest"/>.</summary>
    public ZeroVelocityFusion ZeroVelocity { get; }

    /// <summary>Landed (the caller's flag, <see cref="SetInAir"/>) and the IMU still: the filter fuses zero velocity.</summary>
    public bool IsAtRest => !InAir && Stillness.IsStill;

    public MagAnomalyMonitor MagMonitor { get; }

    /// <summary>The yaw estimator without magnetometer (bank of EKFs on GNSS velocity).</summary>
    public EmergencyYawEstimator EmergencyYaw { get; }

    /// <summary>Yaw resets to the emergency estimate this flight.</summary>
    public int EmergencyYawResetCount { get; private set; }

    /// <summary>Yaw resets to the emergency estimate since the filter started (not cleared on landing).</summary>
    public int EmergencyYawResetTotal { get; private set; }

    /// <summary>Latched by an emergency yaw reset: the magnetometer is not fused until landing.</summary>
    public bool MagFault { get; private set; }

    /// <summary>
    /// GNSS velocity is being rejected in the air, for less than <see cref="UavEkfParameters.EmergencyYawResetWindowS"/>,
    /// while the emergency yaw estimator may still reset yaw (on, resets left this flight, magnetometer not yet dropped):
    /// the rejection may be a magnetometer-led yaw error that the reset is about to correct. As in PX4, where EKF2 tries
    /// its GSF yaw reset before the commander judges what innovation failure remains, an estimator-failure check holds
    /// off on GNSS test ratios while this is set. A GNSS position fault with velocity fusing never sets it, and after
    /// the window (or the reset, which drops the magnetometer) the failure counts again.
    /// </summary>
    public bool EmergencyYawResetPending
    {
        get
        {
            UavEkfParameters k = _parameters;
            return k.UseEmergencyYawEstimator && InAir && !MagFault && EmergencyYawResetCount < k.EmergencyYawResetLimit
                && Gnss.HasOrigin && Gnss.VelocityTestRatio > 1
                && Core.TimeUs - Gnss.LastVelocityFusedUs <= (long)(k.EmergencyYawResetWindowS * 1e6);
        }
    }

    /// <summary>Declination and model field the magnetometer fusion uses.</summary>
    public MagneticReference MagReference { get; }

    /// <summary>The receiver's slow position error the covariance leaves out (see <see cref="AbsolutePositionCovariance"/>).</summary>
    public GnssReferenceUncertainty GnssReference { get; } = new();

    /// <summary>
    /// Covariance of the position against an absolute frame, m²: the filter's position block (relative to the
    /// receiver's frame) plus the receiver's slow error (<see cref="GnssReference"/>) on the diagonal.
    /// </summary>
    public double AbsolutePositionCovariance(int row, int column) =>
        Core.Covariance[((E.Position + row) * UavFilterCore.Stride) + E.Position + column] + (row == column ? GnssReference.AxisVarianceM2(row) : 0);

    public bool IsAligned { get; private set; }

    public bool InAir { get; private set; }

    /// <summary>Samples rejected because a value was NaN or infinite (or dt not positive).</summary>
    public int RejectedNonFiniteCount { get; private set; }

    /// <summary>Samples rejected because their time was not after the previous sample of the same kind.</summary>
    public int RejectedOutOfOrderCount { get; private set; }

    /// <summary>Observations dropped: closer than the minimum interval, or overwritten in a full buffer.</summary>
    public int DroppedObservationCount { get; private set; }

    /// <summary>IMU samples that arrived with the horizon buffer full (IMU faster than <see cref="UavEkfParameters.MaxImuRateHz"/>): the oldest was predicted early, none was lost.</summary>
    public long ImuOverrunCount { get; private set; }

    /// <summary>IMU samples the delayed filter has predicted with (each aligned sample exactly once).</summary>
    public long PredictedImuCount { get; private set; }

    /// <summary>IMU samples waiting in the horizon buffer to be predicted.</summary>
    public int BufferedImuCount => _imu.Count;

    /// <summary>Capacity of the IMU horizon buffer (from the horizon and <see cref="UavEkfParameters.MaxImuRateHz"/>).</summary>
    public int ImuBufferCapacity => _imu.Capacity;

    /// <summary>Yaw change applied when the declination switched from the parameter to the world magnetic model, rad.</summary>
    public double WorldModelYawChangeRad { get; private set; }

    public int YawResetCount => MagHeading.YawResetCount + Mag3Axis.YawResetCount;

    /// <summary>Estimate at the delayed horizon.</summary>
    public UavState DelayedState => Core.State;

    /// <summary>Estimate at the newest IMU time (attitude, velocity, position from the output predictor).</summary>
    public UavState State => Core.State with
    {
        Attitude = Output.Attitude,
        VelocityNedMps = Output.VelocityNedMps,
        PositionNedM = Output.PositionNedM,
    };

    public UavEkfFlags Flags
    {
        get
        {
            UavEkfFlags f = UavEkfFlags.None;
            if (!IsAligned)
            {
                return f;
            }

            long now = Core.TimeUs;
            long fresh = (long)(_parameters.NoAidTimeoutS * 1e6);
            f |= UavEkfFlags.TiltAligned | UavEkfFlags.YawAligned;
            f |= Gnss.HasOrigin ? UavEkfFlags.GnssOriginSet : 0;
            bool aiding = HorizontalAidingActive(now);
            f |= Gnss.HasOrigin && now - Gnss.LastPositionFusedUs <= fresh ? UavEkfFlags.GnssFusing : 0;
            f |= !aiding && _hadHorizontalAiding ? UavEkfFlags.DeadReckoning : 0;
            f |= now - Baro.LastFusedUs <= fresh ? UavEkfFlags.BaroFusing : 0;
            f |= now - Math.Max(MagHeading.LastFusedUs, Mag3Axis.LastFusedUs) <= fresh ? UavEkfFlags.MagFusing : 0;
            f |= MagMonitor.IsDisturbed ? UavEkfFlags.MagDisturbed : 0;
            f |= now - Range.LastFusedUs <= fresh ? UavEkfFlags.RangeFusing : 0;
            f |= InAir ? UavEkfFlags.InAir : 0;
            f |= Hold.IsActive ? UavEkfFlags.PositionHold : 0;
            f |= ImuOverrunCount > 0 ? UavEkfFlags.ImuBufferOverrun : 0;
            f |= MagFault ? UavEkfFlags.MagFault : 0;
            return f;
        }
    }

    /// <summary>Land-detector input: accelerometer bias on horizontal axes is learnt only in the air.</summary>
    public void SetInAir(bool inAir)
    {
        InAir = inAir;
        HasFlown |= inAir;
    }

    /// <summary>The caller has reported the vehicle in the air at least once (the zero-velocity update's after-landing condition).</summary>
    public bool HasFlown { get; private set; }

    /// <summary>Times the filter was realigned on the ground (<see cref="Realign"/>).</summary>
    public int RealignCount { get; private set; }

    /// <summary>
    /// Starts the alignment again from the next samples, keeping the GNSS origin and the magnetic reference: tilt,
    /// heading, earth field, the magnetometer's expected strength and the baro datum are taken afresh, the bias states
    /// start at zero and velocity and position are reset to the next GNSS sample. For a disarmed vehicle at rest
    /// after a sensor calibration changed the corrections (PX4 resets EKF2's bias states when a calibration changes):
    /// the filter aligned on uncorrected samples and carries biases, a field strength and a tilt learnt against them.
    /// Refused (false) in the air.
    /// </summary>
    public bool Realign()
    {
        if (InAir)
        {
            return false;
        }

        IsAligned = false;
        _firstImuUs = -1;
        _alignDeltaVelocity = Vector3.Zero;
        _alignDtS = 0;
        _alignMag = Vector3.Zero;
        _alignMagCount = 0;
        _alignBaro = 0;
        _alignBaroCount = 0;
        _imu.Clear();
        _gnss.Clear();
        _baro.Clear();
        _mag.Clear();
        _range.Clear();
        _magFieldAlignPending = false;
        _magDisagreeSinceUs = -1;
        _lastGnssTestedUs = -1;
        _gnssTestedSinceUs = -1;
        _gsfSettledAtUs = 0;
        Gnss.RequestReset();
        RealignCount++;
        return true;
    }

    public bool PushImu(in ImuSample sample)
    {
        if (!sample.IsFinite)
        {
            RejectedNonFiniteCount++;
            return false;
        }

        if (sample.TimeUs <= _lastImuUs)
        {
            RejectedOutOfOrderCount++;
            return false;
        }

        _lastImuUs = sample.TimeUs;
        Stillness.Push(sample);
        if (!IsAligned)
        {
            Accumulate(sample);
            return true;
        }

        Output.Integrate(sample, Core.GyroBiasRadps, Core.AccelBiasMps2);
        if (_imu.Count == _imu.Capacity)
        {
            // Faster than declared: predict the oldest now, short of its full delay, rather than overwrite it unpredicted.
            ImuOverrunCount++;
            ImuSample oldest = _imu.PeekOldest();
            _imu.DropOldest();
            StepDelayed(oldest);
        }

        _imu.Push(sample);

        while (_imu.Count > 0 && _imu.PeekOldest().TimeUs <= sample.TimeUs - _horizonUs)
        {
            ImuSample delayed = _imu.PeekOldest();
            _imu.DropOldest();
            StepDelayed(delayed);
        }

        return true;
    }

    public bool PushGnss(in GnssSample sample) =>
        Accept(sample.IsFinite, sample.TimeUs, ref _lastGnssUs, 0) && PushObservation(_gnss, sample);

    public bool PushBaro(in BaroSample sample)
    {
        if (!Accept(sample.IsFinite, sample.TimeUs, ref _lastBaroUs, _minIntervalUs))
        {
            return false;
        }

        if (!IsAligned)
        {
            _alignBaro += sample.AltitudeM;
            _alignBaroCount++;
            return true;
        }

        return PushObservation(_baro, sample);
    }

    public bool PushMag(in MagSample sample)
    {
        if (!Accept(sample.IsFinite, sample.TimeUs, ref _lastMagUs, _minIntervalUs))
        {
            return false;
        }

        if (!IsAligned)
        {
            _alignMag += sample.FieldGauss;
            _alignMagCount++;
            return true;
        }

        return PushObservation(_mag, sample);
    }

    public bool PushRange(in RangeSample sample) =>
        Accept(sample.IsFinite, sample.TimeUs, ref _lastRangeUs, _minIntervalUs) && PushObservation(_range, sample);

    private bool Accept(bool finite, long timeUs, ref long lastUs, long minIntervalUs)
    {
        if (!finite)
        {
            RejectedNonFiniteCount++;
            return false;
        }

        if (timeUs <= lastUs)
        {
            RejectedOutOfOrderCount++;
            return false;
        }

        if (lastUs != long.MinValue && timeUs - lastUs < minIntervalUs)
        {
            DroppedObservationCount++;
            return false;
        }

        lastUs = timeUs;
        return true;
    }

    private bool PushObservation<T>(RingBuffer<T> buffer, in T sample)
        where T : struct
    {
        if (!IsAligned)
        {
            return true;
        }

        if (!buffer.Push(sample))
        {
            DroppedObservationCount++;
        }

        return true;
    }

    private void Accumulate(in ImuSample sample)
    {
        if (_firstImuUs < 0)
        {
            _firstImuUs = sample.TimeUs;
        }

        _alignDeltaVelocity += sample.DeltaVelocityMps;
        _alignDtS += sample.DtS;
        if (sample.TimeUs - _firstImuUs < (long)(_parameters.AlignmentTimeS * 1e6) || _alignMagCount == 0 || _alignBaroCount == 0)
        {
            return;
        }

        Align(sample.TimeUs);
    }

    /// <summary>Tilt from the mean specific force, heading from the tilt-compensated mean field, height datum from the barometer.</summary>
    private void Align(long timeUs)
    {
        UavEkfParameters k = _parameters;
        Vector3 f = _alignDeltaVelocity / _alignDtS;
        double roll = Math.Atan2(-f.Y, -f.Z);
        double pitch = Math.Atan2(f.X, Math.Sqrt((f.Y * f.Y) + (f.Z * f.Z)));
        Vector3 mag = _alignMag / _alignMagCount;
        Vector3 level = Quaternion.FromEuler(roll, pitch, 0).Rotate(mag);
        double yaw = MagReference.DeclinationRad - Math.Atan2(level.Y, level.X);
        Quaternion q = Quaternion.FromEuler(roll, pitch, yaw);
        Baro.OffsetM = _alignBaro / _alignBaroCount;
        MagMonitor.ExpectedStrengthGauss = mag.Length;

        Span<double> v = _initialVariance;
        Fill(v, E.Attitude, 2, Sq(k.InitialTiltErrorRad));
        Fill(v, E.Attitude + 2, 1, Sq(k.InitialYawErrorRad));
        Fill(v, E.Velocity, 3, Sq(k.InitialVelocityErrorMps));
        Fill(v, E.Position, 3, Sq(k.InitialPositionErrorM));
        Fill(v, E.GyroBias, 3, Sq(k.InitialGyroBiasRadps));
        Fill(v, E.AccelBias, 3, Sq(k.InitialAccelBiasMps2));
        Fill(v, E.MagEarth, 3, Sq(k.MagNoiseGauss));
        Fill(v, E.MagBody, 3, Sq(k.MagNoiseGauss));
        Fill(v, E.Wind, 2, Sq(k.InitialWindMps));
        _usingThreeAxisMag = k.MagFusion == MagFusionMode.ThreeAxis;
        Core.SetInhibited(E.MagEarth, 6, !_usingThreeAxisMag);
        Core.SetInhibited(E.Wind, 2, !k.EstimateWind);
        var state = new UavState(q, Vector3.Zero, Vector3.Zero, Vector3.Zero, Vector3.Zero, q.Rotate(mag), Vector3.Zero, 0, 0);
        Core.Initialise(state, v, timeUs);
        Output.Reset(q, Vector3.Zero, Vector3.Zero, timeUs);
        UpdateAccelBiasInhibit();
        IsAligned = true;
        Hold.Start(Core);
        _lastHoldUs = timeUs;
    }

    /// <summary>Samples of the horizon at <paramref name="maxRateHz"/>, plus 16 for timing jitter.</summary>
    private static int ImuCapacity(long horizonUs, double maxRateHz) => (int)Math.Ceiling(horizonUs * maxRateHz / 1e6) + 16;

    private void StepDelayed(in ImuSample imu)
    {
        Core.Predict(imu);
        PredictedImuCount++;
        if (_parameters.UseEmergencyYawEstimator)
        {
            EmergencyYaw.Predict(imu, Core.GyroBiasRadps);
            if (!InAir)
            {
                // The bank needs motion; a new flight starts it afresh (and may use the magnetometer again).
                EmergencyYaw.Stop();
                EmergencyYawResetCount = 0;
                MagFault = false;
                _magDisagreeSinceUs = -1;
            }
            else if (EmergencyYaw.IsActive && _lastGnssTestedUs >= 0 && imu.TimeUs - _lastGnssTestedUs > (long)(_parameters.GnssResetTimeoutS * 1e6))
            {
                // No GNSS for the reset timeout: as EKF2 resets its EKF-GSF when GNSS fusion stops, the bank starts
                // afresh on the return rather than weigh its models on velocities dead-reckoned through the outage;
                // and as EKF2 (EKFGSF_min_active_time) a bank restarted in the air may not reset yaw until it has run
                // EmergencyYawRestartSettlingS: its first convergence in flight can be on the manoeuvre, not the heading.
                EmergencyYaw.Suspend();
                _gsfSettledAtUs = long.MaxValue;
            }
            else if (_gsfSettledAtUs == long.MaxValue && EmergencyYaw.IsActive)
            {
                _gsfSettledAtUs = imu.TimeUs + (long)(_parameters.EmergencyYawRestartSettlingS * 1e6);
            }

            if (!InAir)
            {
                _gsfSettledAtUs = 0;
            }
        }

        UpdateAccelBiasInhibit();
        long t = imu.TimeUs;

        while (_mag.Count > 0 && _mag.PeekOldest().TimeUs - _magDelayUs <= t)
        {
            MagSample m = _mag.PeekOldest();
            _mag.DropOldest();
            FuseMag(m);
        }

        while (_gnss.Count > 0 && _gnss.PeekOldest().TimeUs - _gnssDelayUs <= t)
        {
            GnssSample g = _gnss.PeekOldest();
            _gnss.DropOldest();
            if (_parameters.UseEmergencyYawEstimator && InAir && g.FixType >= 3)
            {
                EmergencyYaw.FuseVelocity(g.VelocityNedMps.X, g.VelocityNedMps.Y, g.SpeedAccuracyMps);
            }

            bool hadOrigin = Gnss.HasOrigin;
            FusionOutcome outcome = Gnss.Fuse(Core, g);
            if (!hadOrigin && Gnss.HasOrigin)
            {
                GnssReference.SetOrigin(g);
                if (_parameters.UseWorldMagneticModel)
                {
                    ApplyWorldMagneticModel();
                }
            }
            else if (outcome is FusionOutcome.Fused or FusionOutcome.Reset)
            {
                GnssReference.Track(g);
            }

            if (outcome is FusionOutcome.Fused or FusionOutcome.Reset)
            {
                if (_lastGnssFusionStepUs > 0)
                {
                    Baro.FollowReferenceHeight(Gnss.LastHeightUpM, (t - _lastGnssFusionStepUs) * 1e-6);
                }

                _lastGnssFusionStepUs = t;
            }

            TrackGnssTesting(t, outcome);
            CheckEmergencyYawReset(t);
        }

        while (_baro.Count > 0 && _baro.PeekOldest().TimeUs - _baroDelayUs <= t)
        {
            BaroSample b = _baro.PeekOldest();
            _baro.DropOldest();
            Baro.Fuse(Core, b);
        }

        while (_range.Count > 0 && _range.PeekOldest().TimeUs - _rangeDelayUs <= t)
        {
            RangeSample r = _range.PeekOldest();
            _range.DropOldest();
            Range.Fuse(Core, r);
        }

        if (_parameters.UseZeroVelocityUpdate && IsAtRest && (HasFlown || _parameters.UseZeroVelocityUpdateBeforeTakeOff))
        {
            // Before the first take-off the down axis only: see UavEkfParameters.UseZeroVelocityUpdateBeforeTakeOff.
            ZeroVelocity.Fuse(Core, HorizontalAidingActive(t) || !HasFlown);
        }

        UpdatePositionHold(t);
        Output.Correct(t, Core.Attitude, Core.VelocityNedMps, Core.PositionNedM);
    }

    private void FuseMag(in MagSample m)
    {
        if (MagFault)
        {
            return;
        }

        TrackMagDisagreement(m);
        bool threeAxis = _parameters.MagFusion == MagFusionMode.ThreeAxis || (_parameters.MagFusion == MagFusionMode.Auto && InAir);
        if (threeAxis != _usingThreeAxisMag)
        {
            _usingThreeAxisMag = threeAxis;
            Core.SetInhibited(E.MagEarth, 6, !threeAxis);
            _magFieldAlignPending = threeAxis;
        }

        if (!threeAxis)
        {
            MagHeading.Fuse(Core, m);
            return;
        }

        if (_magFieldAlignPending && !MagMonitor.IsDisturbed)
        {
            // In-flight alignment: the earth field becomes the measurement rotated by the current attitude.
            Core.ResetMagEarth(Core.Rotation * (m.FieldGauss - Core.MagBodyGauss));
            _magFieldAlignPending = false;
        }

        Mag3Axis.Fuse(Core, m);
    }

    /// <summary>
    /// The origin is known: declination and field switch to the WMM there. Yaw was aligned (and the earth field
    /// state rotated) with the parameter's declination, so both turn by the change, as a yaw reset.
    /// </summary>
    private void ApplyWorldMagneticModel()
    {
        double change = MagReference.UseWorldModel(Wmm2025.Model, Gnss.Origin, _parameters.WorldMagneticModelYear);
        if (change != 0)
        {
            Core.ResetYaw(change, Core.Variance(E.Attitude + 2));
            WorldModelYawChangeRad = change;
        }

        if (_usingThreeAxisMag && !_magFieldAlignPending)
        {
            // Keep the estimated magnitude (magnetometer scale need not match the model's absolute field) and take
            // the model's direction.
            Core.ResetMagEarth(MagReference.ModelFieldNedGauss.Normalized() * Core.MagEarthGauss.Length);
        }
    }

    /// <summary>Times how long the magnetometer's heading has disagreed with a converged emergency yaw.</summary>
    private void TrackMagDisagreement(in MagSample m)
    {
        if (!_parameters.UseEmergencyYawEstimator || !InAir || !EmergencyYaw.IsConverged(_parameters.EmergencyYawMaxErrorRad) || MagMonitor.IsDisturbed
            || Core.TimeUs < _gsfSettledAtUs)
        {
            _magDisagreeSinceUs = -1;
            return;
        }

        Matrix3 r = Core.Rotation;
        Vector3 earth = r * (m.FieldGauss - Core.MagBodyGauss);
        double magYaw = Math.Atan2(r.M21, r.M11) + ObservationRow.WrapPi(MagReference.DeclinationRad - Math.Atan2(earth.Y, earth.X));
        double difference = Math.Abs(ObservationRow.WrapPi(magYaw - EmergencyYaw.YawRad));
        double threshold = Math.Max(_parameters.EmergencyYawMagDisagreementRad, 3 * Math.Sqrt(EmergencyYaw.YawVarianceRad2));
        if (difference <= threshold)
        {
            _magDisagreeSinceUs = -1;
        }
        else if (_magDisagreeSinceUs < 0)
        {
            _magDisagreeSinceUs = Core.TimeUs;
        }
    }

    /// <summary>
    /// EKF2's emergency yaw reset: in the air with a converged emergency yaw, GNSS velocity rejected or the
    /// magnetometer disagreeing for the reset delay means the magnetometer misled yaw. Yaw is reset to the emergency
    /// estimate, velocity and position to the next GNSS sample, and the magnetometer is dropped until landing.
    /// </summary>
    private void CheckEmergencyYawReset(long now)
    {
        UavEkfParameters k = _parameters;
        if (!k.UseEmergencyYawEstimator || !InAir || EmergencyYawResetCount >= k.EmergencyYawResetLimit
            || !EmergencyYaw.IsConverged(k.EmergencyYawMaxErrorRad) || !Gnss.HasOrigin || now < _gsfSettledAtUs)
        {
            return;
        }

        long delayUs = (long)(k.EmergencyYawResetDelayS * 1e6);
        Matrix3 r = Core.Rotation;
        double change = ObservationRow.WrapPi(EmergencyYaw.YawRad - Math.Atan2(r.M21, r.M11));
        // As EKF2 (isYawFailure, was_gps_signal_lost): velocity rejection points at yaw only while GNSS is actually
        // tested (a no-fix outage is not a rejection, and the run restarts when the signal returns after a gap, where
        // dead-reckoned velocity is expected to fail and GNSS fusion resets it) and only when the filter's yaw is off
        // the converged emergency yaw. Without these the reset fired 1 s into every GNSS loss and dropped the compass.
        bool velocityRejected = _gnssTestedSinceUs >= 0 && now - Math.Max(Gnss.LastVelocityFusedUs, _gnssTestedSinceUs) > delayUs
            && Math.Abs(change) > k.EmergencyYawFailureRad;
        bool magDisagrees = _magDisagreeSinceUs >= 0 && now - _magDisagreeSinceUs > delayUs;
        if (!velocityRejected && !magDisagrees)
        {
            return;
        }

        Core.ResetYaw(change, EmergencyYaw.YawVarianceRad2);
        // What was learnt under the wrong heading is wrong with a small stated variance: in the 180° SITL square the
        // horizontal accelerometer biases (learnt in the air only) reached 0.40/0.22 m/s² against a true 0.01/0.02 at
        // σ 0.024, the gyro z bias 0.33 °/s against 0.10 at σ 0.05, and after the reset the filter explained them by
        // yaw (6.5° off at a stated σ 0.81°). The horizontal accel biases restart from their prior; the gyro z bias
        // keeps its value (mostly learnt on the ground) at σ one tenth of its prior (0.01 rad/s, 40× the error seen):
        // the full prior (0.1 rad/s) let the synthetic 180° flight with the accel-z bias floor drift to 38.8° of yaw.
        Core.RestartHorizontalAccelBias(k.InitialAccelBiasMps2 * k.InitialAccelBiasMps2);
        Core.RestartGyroBiasZVariance(0.01 * k.InitialGyroBiasRadps * k.InitialGyroBiasRadps);
        Gnss.RequestReset();
        MagFault = true;
        EmergencyYawResetCount++;
        EmergencyYawResetTotal++;
        _magDisagreeSinceUs = -1;
    }

    /// <summary>
    /// Times the current run of GNSS samples that reached the innovation tests: a sample more than
    /// <see cref="GnssSignalLostUs"/> after the previous tested one (or a skipped one, no fix) ends the run.
    /// </summary>
    private void TrackGnssTesting(long now, FusionOutcome outcome)
    {
        if (outcome == FusionOutcome.Skipped)
        {
            _gnssTestedSinceUs = -1;
            return;
        }

        if (_gnssTestedSinceUs < 0 || now - _lastGnssTestedUs > GnssSignalLostUs)
        {
            _gnssTestedSinceUs = now;
        }

        _lastGnssTestedUs = now;
    }

    private bool HorizontalAidingActive(long now) =>
        Gnss.HasOrigin && now - Gnss.LastFusedUs <= (long)(_parameters.NoAidTimeoutS * 1e6);

    private void UpdatePositionHold(long now)
    {
        bool aiding = HorizontalAidingActive(now);
        _hadHorizontalAiding |= aiding;
        // Only on the ground: in the air a position hold contradicts the accelerometers and corrupts tilt and yaw.
        bool wantHold = !aiding && !InAir;
        if (wantHold && !Hold.IsActive)
        {
            Hold.Start(Core);
        }
        else if (!wantHold && Hold.IsActive)
        {
            Hold.Stop();
        }

        if (Hold.IsActive && now - _lastHoldUs >= HoldIntervalUs)
        {
            Hold.Fuse(Core);
            _lastHoldUs = now;
        }
    }

    /// <summary>An accelerometer axis' bias is observable on the ground only while it points along gravity.</summary>
    private void UpdateAccelBiasInhibit()
    {
        Matrix3 r = Core.Rotation;
        Core.SetInhibited(E.AccelBias, 1, !InAir && Math.Abs(r.M31) < 0.8);
        Core.SetInhibited(E.AccelBias + 1, 1, !InAir && Math.Abs(r.M32) < 0.8);
        Core.SetInhibited(E.AccelBias + 2, 1, !InAir && Math.Abs(r.M33) < 0.8);
    }

    private static void Fill(Span<double> v, int first, int count, double value) => v.Slice(first, count).Fill(value);

    private static double Sq(double x) => x * x;
}
