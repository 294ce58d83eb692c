using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Navigation.Estimation.Uav;

/// <summary>
/// Tuning of the UAV EKF. Every value carries its unit in its name; defaults follow PX4 EKF2's library defaults
/// where EKF2 has the same concept. Setting a value out of its documented range throws
/// <see cref="ArgumentOutOfRangeException"/> naming the parameter.
/// </summary>
public sealed record UavEkfParameters
{
    /// <summary>Gyro white noise, rad/s (1e-4..1). Default 0.015.</summary>
    public double GyroNoiseRadps { get; init => field = ParameterGuard.InRange(value, 1e-4, 1, nameof(GyroNoiseRadps)); } = 0.015;

    /// <summary>Accelerometer white noise, m/s^2 (1e-3..10). Default 0.35.</summary>
    public double AccelNoiseMps2 { get; init => field = ParameterGuard.InRange(value, 1e-3, 10, nameof(AccelNoiseMps2)); } = 0.35;

    /// <summary>
    /// Velocity uncertainty added per axis for an IMU interval whose accelerometer clipped, m/s (0..20). Default 0.5:
    /// a clipped impact (a touchdown's millisecond spike beyond ±16 g) loses an unknown part of the velocity change,
    /// up to the impact speed; PX4's per-dt BADACC noise (4.9 m/s²·dt) is far below that at 1 ms and the false velocity
    /// would otherwise be integrated into position until GNSS and baro pull it back.
    /// </summary>
    public double ClippedVelocityNoiseMps { get; init => field = ParameterGuard.InRange(value, 0, 20, nameof(ClippedVelocityNoiseMps)); } = 0.5;

    /// <summary>Gyro bias random walk, rad/s^2 (0..1). Default 1e-3.</summary>
    public double GyroBiasProcessNoiseRadps2 { get; init => field = ParameterGuard.InRange(value, 0, 1, nameof(GyroBiasProcessNoiseRadps2)); } = 1e-3;

    /// <summary>Accelerometer bias random walk, m/s^3 (0..1). Default 1e-2.</summary>
    public double AccelBiasProcessNoiseMps3 { get; init => field = ParameterGuard.InRange(value, 0, 1, nameof(AccelBiasProcessNoiseMps3)); } = 1e-2;

    /// <summary>
    /// Smallest 1-sigma accelerometer bias uncertainty kept while it is learnt, m/s^2 (0..1), on body z (all three axes with
    /// <see cref="AccelBiasFloorOnAllAxes"/>). Default
    /// 0.0224: PX4 EKF2 floors its delta-velocity bias variance at 5e-8 (m/s)^2 per 10 ms filter step (its change-indication
    /// output on PX4-ECL's iris_gps log holds exactly this from 17 s on). Without a floor the variance keeps shrinking on
    /// a steady flight (to 0.0067 m/s^2 on that log, whose bias drifts by ~0.03 m/s^2), the filter then takes a slightly
    /// wrong vertical acceleration for certain and its descent velocity runs +0.10 m/s against GNSS instead of +0.05.
    /// 0 turns it off.
    /// </summary>
    public double AccelBiasMinSigmaMps2 { get; init => field = ParameterGuard.InRange(value, 0, 1, nameof(AccelBiasMinSigmaMps2)); } = 0.0224;

    /// <summary>
    /// Apply <see cref="AccelBiasMinSigmaMps2"/> to the horizontal body axes too, as EKF2 does on its three delta-velocity
    /// bias states. Without it the horizontal sigma falls to 0.0077 m/s^2 over a 600 s manoeuvring flight (0.02233 with it,
    /// AccelBiasFloorTests); on iris_gps it stays at 0.0497 either way. Default false: on the SITL hover the freer horizontal
    /// biases made yaw overconfident (64-seed average yaw NEES 30 s after arming 1.259 to 2.080, outside [0.684, 1.375];
    /// 15 s: 0.985 to 1.246), the mechanism not yet isolated (see docs/ARCHITECTURE.md).
    /// </summary>
    public bool AccelBiasFloorOnAllAxes { get; init; }

    /// <summary>Earth magnetic field random walk, gauss/s (0..1). Default 1e-3.</summary>
    public double MagEarthProcessNoiseGaussps { get; init => field = ParameterGuard.InRange(value, 0, 1, nameof(MagEarthProcessNoiseGaussps)); } = 1e-3;

    /// <summary>Body magnetic bias random walk, gauss/s (0..1). Default 1e-4.</summary>
    public double MagBodyProcessNoiseGaussps { get; init => field = ParameterGuard.InRange(value, 0, 1, nameof(MagBodyProcessNoiseGaussps)); } = 1e-4;

    /// <summary>Wind random walk, m/s^2 (0..10). Default 0.1.</summary>
    public double WindProcessNoiseMps2 { get; init => field = ParameterGuard.InRange(value, 0, 10, nameof(WindProcessNoiseMps2)); } = 0.1;

    /// <summary>1-sigma tilt error after levelling from the accelerometer, rad (1e-4..1). Default 0.1.</summary>
    public double InitialTiltErrorRad { get; init => field = ParameterGuard.InRange(value, 1e-4, 1, nameof(InitialTiltErrorRad)); } = 0.1;

    /// <summary>1-sigma yaw error after the magnetometer alignment, rad (1e-4..3.2). Default 0.3.</summary>
    public double InitialYawErrorRad { get; init => field = ParameterGuard.InRange(value, 1e-4, 3.2, nameof(InitialYawErrorRad)); } = 0.3;

    /// <summary>1-sigma initial velocity error, m/s (1e-3..100). Default 0.5.</summary>
    public double InitialVelocityErrorMps { get; init => field = ParameterGuard.InRange(value, 1e-3, 100, nameof(InitialVelocityErrorMps)); } = 0.5;

    /// <summary>1-sigma initial position error, m (1e-3..1000). Default 0.5.</summary>
    public double InitialPositionErrorM { get; init => field = ParameterGuard.InRange(value, 1e-3, 1000, nameof(InitialPositionErrorM)); } = 0.5;

    /// <summary>1-sigma gyro bias at switch-on, rad/s (1e-5..1). Default 0.1.</summary>
    public double InitialGyroBiasRadps { get; init => field = ParameterGuard.InRange(value, 1e-5, 1, nameof(InitialGyroBiasRadps)); } = 0.1;

    /// <summary>1-sigma accelerometer bias at switch-on, m/s^2 (1e-4..5). Default 0.2.</summary>
    public double InitialAccelBiasMps2 { get; init => field = ParameterGuard.InRange(value, 1e-4, 5, nameof(InitialAccelBiasMps2)); } = 0.2;

    /// <summary>1-sigma initial wind, m/s (1e-3..50). Default 1.</summary>
    public double InitialWindMps { get; init => field = ParameterGuard.InRange(value, 1e-3, 50, nameof(InitialWindMps)); } = 1.0;

    /// <summary>Largest accelerometer bias magnitude per axis the filter may estimate, m/s^2 (0.01..5). Default 0.4.</summary>
    public double AccelBiasLimitMps2 { get; init => field = ParameterGuard.InRange(value, 0.01, 5, nameof(AccelBiasLimitMps2)); } = 0.4;

    /// <summary>Minimum GNSS velocity noise, m/s (0.01..10). Default 0.5.</summary>
    public double GnssVelocityNoiseMps { get; init => field = ParameterGuard.InRange(value, 0.01, 10, nameof(GnssVelocityNoiseMps)); } = 0.5;

    /// <summary>
    /// Factor on the GNSS velocity noise for the vertical axis (1..5). Default 1. PX4-ECL's EKF2 used 1.5 (a receiver's
    /// vertical velocity is noisier); on PX4-ECL's iris_gps log 1.5 raises our descent bias from about 0.05 to 0.06 m/s.
    /// </summary>
    public double GnssVerticalVelocityNoiseScale { get; init => field = ParameterGuard.InRange(value, 1, 5, nameof(GnssVerticalVelocityNoiseScale)); } = 1;
    /// <summary>Minimum GNSS horizontal position noise, m (0.01..50). Default 0.5.</summary>
    public double GnssPositionNoiseM { get; init => field = ParameterGuard.InRange(value, 0.01, 50, nameof(GnssPositionNoiseM)); } = 0.5;

    /// <summary>Barometric height noise, m (0.01..20). Default 2.</summary>
    public double BaroNoiseM { get; init => field = ParameterGuard.InRange(value, 0.01, 20, nameof(BaroNoiseM)); } = 2.0;

    /// <summary>Heading-only magnetometer noise, rad (0.01..1). Default 0.3.</summary>
    public double MagHeadingNoiseRad { get; init => field = ParameterGuard.InRange(value, 0.01, 1, nameof(MagHeadingNoiseRad)); } = 0.3;

    /// <summary>Three-axis magnetometer noise, gauss (1e-3..1). Default 0.05.</summary>
    public double MagNoiseGauss { get; init => field = ParameterGuard.InRange(value, 1e-3, 1, nameof(MagNoiseGauss)); } = 0.05;

    /// <summary>Range-finder noise, m (1e-3..10). Default 0.1.</summary>
    public double RangeNoiseM { get; init => field = ParameterGuard.InRange(value, 1e-3, 10, nameof(RangeNoiseM)); } = 0.1;

    /// <summary>
    /// Noise of the position hold fused on the ground while no horizontal aiding exists, m (0.01..100). Default 0.5, EKF2's
    /// fake-position noise on the ground (its 10 m EKF2_NOAID_NOISE is the in-air value; we fuse no hold in the air). The
    /// hold is what levels the filter before GNSS: against the 0.1 rad/s gyro-bias prior a 10 m hold left the tilt
    /// 1 sigma (both axes) at 12.4 deg at take-off (0.5 m: 1.6 deg), and without GNSS the first seconds of flight then
    /// turned the tilt 66-175 deg wrong at a stated 1-3 deg (see docs/ARCHITECTURE.md, NoGnssFlightTests).
    /// </summary>
    public double NoAidPositionNoiseM { get; init => field = ParameterGuard.InRange(value, 0.01, 100, nameof(NoAidPositionNoiseM)); } = 0.5;

    /// <summary>GNSS velocity innovation gate, standard deviations (1..100). Default 5.</summary>
    public double GnssVelocityGateSd { get; init => field = ParameterGuard.InRange(value, 1, 100, nameof(GnssVelocityGateSd)); } = 5.0;

    /// <summary>GNSS position innovation gate, standard deviations (1..100). Default 5.</summary>
    public double GnssPositionGateSd { get; init => field = ParameterGuard.InRange(value, 1, 100, nameof(GnssPositionGateSd)); } = 5.0;

    /// <summary>
    /// Height reset timeout, s (0.5..120). Default 5 (PX4 EKF2's hgt_fusion_timeout_max): barometric height rejected
    /// this long resets the height to the barometer (the active height source) rather than let it diverge.
    /// </summary>
    public double HeightResetTimeoutS { get; init => field = ParameterGuard.InRange(value, 0.5, 120, nameof(HeightResetTimeoutS)); } = 5;

    /// <summary>Barometric height innovation gate, standard deviations (1..100). Default 5.</summary>
    public double BaroGateSd { get; init => field = ParameterGuard.InRange(value, 1, 100, nameof(BaroGateSd)); } = 5.0;

    /// <summary>Heading innovation gate, standard deviations (1..100). Default 2.6.</summary>
    public double MagHeadingGateSd { get; init => field = ParameterGuard.InRange(value, 1, 100, nameof(MagHeadingGateSd)); } = 2.6;

    /// <summary>Three-axis magnetometer innovation gate, standard deviations (1..100). Default 3.</summary>
    public double MagGateSd { get; init => field = ParameterGuard.InRange(value, 1, 100, nameof(MagGateSd)); } = 3.0;

    /// <summary>Range-finder innovation gate, standard deviations (1..100). Default 5.</summary>
    public double RangeGateSd { get; init => field = ParameterGuard.InRange(value, 1, 100, nameof(RangeGateSd)); } = 5.0;

    /// <summary>GNSS measurement delay behind the IMU, ms (0..500). Default 110.</summary>
    public double GnssDelayMs { get; init => field = ParameterGuard.InRange(value, 0, 500, nameof(GnssDelayMs)); } = 110;

    /// <summary>Barometer delay behind the IMU, ms (0..500). Default 0.</summary>
    public double BaroDelayMs { get; init => field = ParameterGuard.InRange(value, 0, 500, nameof(BaroDelayMs)); }

    /// <summary>Magnetometer delay behind the IMU, ms (0..500). Default 0.</summary>
    public double MagDelayMs { get; init => field = ParameterGuard.InRange(value, 0, 500, nameof(MagDelayMs)); }

    /// <summary>Range-finder delay behind the IMU, ms (0..500). Default 5.</summary>
    public double RangeDelayMs { get; init => field = ParameterGuard.InRange(value, 0, 500, nameof(RangeDelayMs)); } = 5;

    /// <summary>
    /// Highest IMU sample rate the filter will be fed, Hz (10..10000). Default 1000. The IMU buffer holds the delayed
    /// horizon at this rate; a faster IMU fills it, and the filter then predicts the oldest sample early (none is lost)
    /// and raises <see cref="UavEkfFlags.ImuBufferOverrun"/>.
    /// </summary>
    public double MaxImuRateHz { get; init => field = ParameterGuard.InRange(value, 10, 10_000, nameof(MaxImuRateHz)); } = 1000;

    /// <summary>Observations of one kind closer together than this are dropped (buffer sizing, as EKF2), ms (0..1000). Default 20.</summary>
    public double MinObservationIntervalMs { get; init => field = ParameterGuard.InRange(value, 0, 1000, nameof(MinObservationIntervalMs)); } = 20;

    /// <summary>Minimum satellites before GNSS is used (0..64). Default 6.</summary>
    public int GnssMinSatellites { get; init => field = ParameterGuard.InRange(value, 0, 64, nameof(GnssMinSatellites)); } = 6;

    /// <summary>Minimum fix type before GNSS is used (2 = 2-D, 3 = 3-D; 0..6). Default 3.</summary>
    public int GnssMinFixType { get; init => field = ParameterGuard.InRange(value, 0, 6, nameof(GnssMinFixType)); } = 3;

    /// <summary>Largest reported horizontal accuracy (eph) accepted, m (0.01..100). Default 5.</summary>
    public double GnssMaxHorizontalAccuracyM { get; init => field = ParameterGuard.InRange(value, 0.01, 100, nameof(GnssMaxHorizontalAccuracyM)); } = 5;

    /// <summary>Largest reported vertical accuracy (epv) accepted, m (0.01..100). Default 8.</summary>
    public double GnssMaxVerticalAccuracyM { get; init => field = ParameterGuard.InRange(value, 0.01, 100, nameof(GnssMaxVerticalAccuracyM)); } = 8;

    /// <summary>Largest reported speed accuracy accepted, m/s (0.01..50). Default 1.</summary>
    public double GnssMaxSpeedAccuracyMps { get; init => field = ParameterGuard.InRange(value, 0.01, 50, nameof(GnssMaxSpeedAccuracyMps)); } = 1;

    /// <summary>Time the GNSS checks must pass continuously before first use, s (0..120). Default 5.</summary>
    public double GnssStableTimeS { get; init => field = ParameterGuard.InRange(value, 0, 120, nameof(GnssStableTimeS)); } = 5;

    /// <summary>
    /// GNSS reset timeout, s (0.5..120). Default 7 (PX4 EKF2's reset_timeout_max). Without position and velocity fusion
    /// for this long while GNSS is present, both are reset to it; with only one of them rejected for this long, that
    /// one alone is reset (a position that disagrees this long while velocity agrees has drifted, e.g. after a yaw error).
    /// </summary>
    public double GnssResetTimeoutS { get; init => field = ParameterGuard.InRange(value, 0.5, 120, nameof(GnssResetTimeoutS)); } = 7;

    /// <summary>Without horizontal aiding for this long the horizontal solution is flagged as dead reckoning, s (0.1..60). Default 1.</summary>
    public double NoAidTimeoutS { get; init => field = ParameterGuard.InRange(value, 0.1, 60, nameof(NoAidTimeoutS)); } = 1;

    /// <summary>GNSS antenna position in body FRD relative to the IMU, m.</summary>
    public Vector3 GnssAntennaBodyM { get; init; }

    /// <summary>
    /// Magnetic declination (east of true north positive), rad (-pi..pi). Default 0. Used until the GNSS origin is known,
    /// and always when <see cref="UseWorldMagneticModel"/> is off.
    /// </summary>
    public double MagDeclinationRad { get; init => field = ParameterGuard.InRange(value, -Math.PI, Math.PI, nameof(MagDeclinationRad)); }

    /// <summary>
    /// Take declination and earth field from the World Magnetic Model (WMM2025) at the GNSS origin. Default true;
    /// false keeps <see cref="MagDeclinationRad"/> (the override).
    /// </summary>
    public bool UseWorldMagneticModel { get; init; } = true;

    /// <summary>
    /// Decimal year at which the World Magnetic Model is evaluated (2025..2029.999: WMM2025's validity). Default 2027.5,
    /// the middle of the model's life: the filter has no calendar, and the secular change is about 0.1 deg/year.
    /// </summary>
    public double WorldMagneticModelYear { get; init => field = ParameterGuard.InRange(value, 2025.0, 2029.999, nameof(WorldMagneticModelYear)); } = 2027.5;

    /// <summary>
    /// Run the emergency yaw estimator (<see cref="EmergencyYawEstimator"/>, EKF2's EKF-GSF) and reset yaw to it when the
    /// magnetometer misleads yaw. Default true, as in EKF2, whose EKF-GSF yaw estimator always runs.
    /// </summary>
    public bool UseEmergencyYawEstimator { get; init; } = true;

    /// <summary>The emergency yaw counts as converged below this 1-sigma error, rad (0.01..1). Default 0.262 (15 deg, EKF2's EKFGSF_yaw_err_max).</summary>
    public double EmergencyYawMaxErrorRad { get; init => field = ParameterGuard.InRange(value, 0.01, 1, nameof(EmergencyYawMaxErrorRad)); } = 0.262;

    /// <summary>
    /// GNSS velocity rejected, or the magnetometer's heading off the converged emergency yaw, for this long in the air
    /// resets yaw to the emergency estimate and stops magnetometer use until landing, s (0.1..30). Default 1 (EKF2's EKFGSF reset delay).
    /// </summary>
    public double EmergencyYawResetDelayS { get; init => field = ParameterGuard.InRange(value, 0.1, 30, nameof(EmergencyYawResetDelayS)); } = 1;

    /// <summary>
    /// GNSS velocity rejection resets yaw to the emergency estimate only when the filter's yaw differs from it by more
    /// than this, rad (0.05..3.14). Default 0.436 (25 deg, EKF2's isYawFailure).
    /// </summary>
    public double EmergencyYawFailureRad { get; init => field = ParameterGuard.InRange(value, 0.05, 3.14, nameof(EmergencyYawFailureRad)); } = 0.436;

    /// <summary>
    /// A bank restarted in the air (after GNSS stopped for <see cref="GnssResetTimeoutS"/>) resets yaw only after running
    /// this long, s (0..60). Default 10 (EKF2's EKFGSF_min_active_time).
    /// </summary>
    public double EmergencyYawRestartSettlingS { get; init => field = ParameterGuard.InRange(value, 0, 60, nameof(EmergencyYawRestartSettlingS)); } = 10;

    /// <summary>The magnetometer disagrees with the emergency yaw when their headings differ by more than this (and 3 sigma of the emergency yaw), rad (0.05..3.14). Default 0.52 (30 deg).</summary>
    public double EmergencyYawMagDisagreementRad { get; init => field = ParameterGuard.InRange(value, 0.05, 3.14, nameof(EmergencyYawMagDisagreementRad)); } = 0.52;

    /// <summary>Most emergency yaw resets per flight (0..10). Default 3 (EKF2's EKFGSF reset count limit).</summary>
    public int EmergencyYawResetLimit { get; init => field = ParameterGuard.InRange(value, 0, 10, nameof(EmergencyYawResetLimit)); } = 3;

    /// <summary>
    /// GNSS velocity rejected in the air for less than this, with the magnetometer still in use and an emergency yaw
    /// reset left, reports <see cref="UavEkf.EmergencyYawResetPending"/>: the failure may be a magnetometer-led yaw
    /// error the reset is about to correct, s (0..30). Default 5 (the bank converges on the first horizontal
    /// acceleration; velocity rejected longer than this is a failure the reset did not cure).
    /// </summary>
    public double EmergencyYawResetWindowS { get; init => field = ParameterGuard.InRange(value, 0, 30, nameof(EmergencyYawResetWindowS)); } = 5;

    /// <summary>Magnetometer use. Default <see cref="MagFusionMode.Heading"/>.</summary>
    public MagFusionMode MagFusion { get; init; } = MagFusionMode.Heading;

    /// <summary>A field magnitude off the expected one by more than this fraction counts as disturbed (0.01..10). Default 0.3.</summary>
    public double MagStrengthTolerance { get; init => field = ParameterGuard.InRange(value, 0.01, 10, nameof(MagStrengthTolerance)); } = 0.3;

    /// <summary>Heading rejected continuously for this long counts as a magnetic anomaly, s (0.1..60). Default 2.</summary>
    public double MagRejectTimeoutS { get; init => field = ParameterGuard.InRange(value, 0.1, 60, nameof(MagRejectTimeoutS)); } = 2;

    /// <summary>After an anomaly the field must look normal this long before yaw is reset to it, s (0..60). Default 1.</summary>
    public double MagRecoveryTimeS { get; init => field = ParameterGuard.InRange(value, 0, 60, nameof(MagRecoveryTimeS)); } = 1;

    /// <summary>Levelling time: accelerometer and magnetometer are averaged this long before alignment, s (0.01..10). Default 0.1.</summary>
    public double AlignmentTimeS { get; init => field = ParameterGuard.InRange(value, 0.01, 10, nameof(AlignmentTimeS)); } = 0.1;

    /// <summary>Estimate horizontal wind (needs air data or drag fusion to be observable). Default false.</summary>
    public bool EstimateWind { get; init; }

    /// <summary>Shortest valid range reading, m (0..100). Default 0.1.</summary>
    public double RangeMinM { get; init => field = ParameterGuard.InRange(value, 0, 100, nameof(RangeMinM)); } = 0.1;

    /// <summary>Longest valid range reading, m (0.1..1000). Default 20.</summary>
    public double RangeMaxM { get; init => field = ParameterGuard.InRange(value, 0.1, 1000, nameof(RangeMaxM)); } = 20;

    /// <summary>Range readings are used only while cos(tilt) exceeds this (0..1). Default 0.7071 (45 deg).</summary>
    public double RangeMinCosTilt { get; init => field = ParameterGuard.InRange(value, 0, 1, nameof(RangeMinCosTilt)); } = 0.7071;

    /// <summary>
    /// Time constant with which the barometer offset follows GNSS height once GNSS is in use, s (0..1e6);
    /// 0 keeps the offset captured at alignment. Default 0.
    /// </summary>
    public double BaroGnssOffsetTimeConstantS { get; init => field = ParameterGuard.InRange(value, 0, 1e6, nameof(BaroGnssOffsetTimeConstantS)); }

    /// <summary>
    /// Fuse zero velocity while landed and at rest after a flight (<see cref="Fusion.ZeroVelocityFusion"/>): the caller
    /// reports the vehicle landed (<see cref="UavEkf.SetInAir"/>), it has been in the air since the filter started
    /// (<see cref="UavEkf.HasFlown"/>), and the IMU has been still. Default true: a touchdown's impulse is integrated whole
    /// and leaves the vertical velocity with whatever error it carried; the update removes it on the ground.
    /// </summary>
    public bool UseZeroVelocityUpdate { get; init; } = true;

    /// <summary>
    /// Also fuse zero velocity on the ground before the first take-off, as EKF2 does whenever landed and at rest, on the
    /// down axis only. The horizontal axes stay unfused before take-off: there the horizontal accelerometer biases are not
    /// estimated (inhibited while level) and GNSS is not yet fused for most of the ground time, so a horizontal zero
    /// velocity pinned the tilt onto the value that hides those biases and lifted off surer of it (tilt 1 sigma 1.0
    /// instead of 1.3 deg); that was the cause of the six worse synthetic tests: over seeds 1-10 with a 90 deg rotated
    /// magnetometer the mean worst yaw error 50-60 s after the emergency reset was 5.6 deg with all three axes and 6.0
    /// with the horizontal alone, against 2.1 without the update and 2.1 with the down axis alone. Down only, the accel-z
    /// bias error at take-off falls from worst 0.0315 to 0.0181 m/s^2 (1 sigma 0.072 to 0.030) and the vertical velocity
    /// error in the first 2 s of flight from worst 0.107 to 0.065 m/s (ZeroVelocityUpdateTests). Default false all the
    /// same, because with the 0.5 m ground hold it still costs the default filter's emergency yaw recovery a little: with a
    /// 180 deg rotated magnetometer, seeds 1-10, the mean worst yaw 50-60 s is 3.83 deg with it against 3.50 without (worse
    /// in 8 of 10 seeds; 90 deg 1.92 against 1.89), and without the estimator seed 21 ends 23.9 m off against 21.4. The
    /// larger effects once measured were the unlevelled lift-off of the former 10 m hold (see NoAidPositionNoiseM): with it
    /// the 180 deg mean was 33.0 against 34.1 deg, and the GNSS-denied baro-step flight flew with its tilt 66-175 deg wrong
    /// either way, the update changing only which seeds diverged by kilometres. Levelled, that flight ends 0.062 / 0.201 /
    /// 0.000 m from the barometer with the update against 0.052 / 0.188 / 0.043 m (seeds 3 / 5 / 7). See
    /// docs/ARCHITECTURE.md.
    /// </summary>
    public bool UseZeroVelocityUpdateBeforeTakeOff { get; init; }
    /// <summary>Zero-velocity observation noise, m/s (0.01..5). Default 0.2 (EKF2's once tilt is aligned).</summary>
    public double ZeroVelocityNoiseMps { get; init => field = ParameterGuard.InRange(value, 0.01, 5, nameof(ZeroVelocityNoiseMps)); } = 0.2;
    /// <summary>The IMU counts as still after this long without motion, s (0.05..10). Default 1 (EKF2's at-rest time).</summary>
    public double AtRestTimeS { get; init => field = ParameterGuard.InRange(value, 0.05, 10, nameof(AtRestTimeS)); } = 1;
    /// <summary>Angular rate above which the IMU shows motion, rad/s (1e-3..1). Default 0.05 (EKF2's at-rest rate).</summary>
    public double AtRestMaxRateRadps { get; init => field = ParameterGuard.InRange(value, 1e-3, 1, nameof(AtRestMaxRateRadps)); } = 0.05;
    /// <summary>
    /// Specific-force deviation from its 0.2 s mean above which the IMU shows motion, m/s^2 (0.01..20). Default 1: PX4-ECL's
    /// iris_gps log varies by up to 0.3 m/s^2 in a steady descent and on the ground, its touchdown by 88 m/s^2.
    /// </summary>
    public double AtRestMaxAccelDeviationMps2 { get; init => field = ParameterGuard.InRange(value, 0.01, 20, nameof(AtRestMaxAccelDeviationMps2)); } = 1;
    /// <summary>Longest delay of any source, µs: the depth of the delayed fusion horizon.</summary>
    public long HorizonUs => (long)(Math.Max(Math.Max(GnssDelayMs, BaroDelayMs), Math.Max(MagDelayMs, RangeDelayMs)) * 1000.0);
}
