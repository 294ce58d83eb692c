using StrategicTech.Navigation.Estimation.Uav;
using StrategicTech.Sim.SensorModels;

namespace StrategicTech.Sim.Lockstep;

/// <summary>
/// Tunes the EKF of every SITL scenario run (<c>VehicleRun</c>; a <see cref="SitlVehicle"/> built directly keeps the EKF's
/// defaults unless given these) to the sensors it is given, as one sets EKF2_GPS_V_NOISE and EKF2_HEAD_NOISE for a known receiver
/// and compass. The EKF's defaults (GNSS velocity floor 0.5 m/s, heading noise 0.3 rad: PX4-like, for unknown
/// hardware) are far above SITL's receiver (0.05 m/s white velocity noise, reported as its sAcc) and a calibrated SITL
/// compass, which made the stated velocity and yaw variance several times the actual error's over a Monte Carlo of
/// hover flights (velocity NEES 0.13–0.30, calibrated-compass yaw NEES 0.10–0.14, where 3 and 1 are consistent).
/// The GNSS velocity floor becomes the receiver's white noise (its reported sAcc still raises the noise when it says
/// so). The heading noise is the compass's white noise plus, in quadrature, the heading error its uncalibrated hard
/// iron can cause (|b| / H: 0.18 rad for SITL's default 0.037 G; that bias is not noise, and yaw NEES with it stays
/// far above the interval, 23–37 at 0.18 rad and 8.5–13 at 0.3 rad: calibration is the fix), never below
/// <see cref="MinHeadingNoiseRad"/>:
/// heading errors from the estimated tilt and the filter's own attitude error are correlated from one 100 Hz sample to
/// the next, so the white noise alone (0.014 rad on a 0.21 G horizontal field) makes yaw overconfident (Monte Carlo
/// yaw NEES 3.0 at 0.05 rad) and, during alignment with a large tilt variance, pulls the tilt tens of degrees off
/// (a refused arming at 0.014 rad); 0.1 rad gives yaw NEES 1.04–1.29 over 64 seeds. The price of the tighter GNSS
/// velocity: the height hold carries the receiver's vertical velocity noise (a directly built hover's truth vertical
/// RMS 1–2 cm with this tuning, 0.5–0.7 cm without), which is why it is not every SitlVehicle's default.
/// With those floors alone velocity NEES stayed below its interval (1.94 / 2.30 against [2.43, 3.63]): the EKF's
/// PX4-like IMU noise (accelerometer 0.35 m/s², gyro 0.015 rad/s, allowances for real vibration) is 16× and 10× the
/// simulated IMU's white noise, which has no vibration, so the predicted velocity variance (directly, and through
/// the tilt) was too large. <see cref="MatchImu"/> sets both from the IMU's noise densities at its rate (the EKF
/// predicts on every sample); the sim's accelerometer bias walk (3e-4 m/s²/√s) already matches the EKF's bias process
/// noise at 1 kHz (1e-2 · √0.001 = 3.2e-4). Over 64 hover seeds velocity NEES is then 2.57–3.42, inside the interval
/// (accelerometer alone: 2.29 / 2.92, below it at arm + 15 s); position and calibrated-compass yaw NEES stay inside
/// (2.72 / 2.73, 0.99 / 1.26). Both parts are every scenario run's default (<c>ScenarioRunOptions.MatchEkfToSensors</c>
/// and <c>MatchEkfImuNoise</c>, true unless a run opts out). Dead reckoning after a GNSS loss stays honest with it
/// (failsafes/gnss_loss: horizontal error / σ at touchdown 0.65–1.64 over seeds 1–3, against 0.34–0.46 with the
/// PX4-like noise; the loss is judged on the aiding timeout either way, 2.02 s after it). After an emergency yaw
/// reset (magnetometer dropped, yaw seen only through GNSS velocity) the tighter gyro noise slows the yaw's
/// convergence (rotated-compass squares: 0.83° / 2.64° 5 s after the reset at 90° / 180°, against 0.46° / 0.64°
/// without; accelerometer alone 0.71° / 0.04°; 0.06° / 0.23° at landing), and at 180° beyond the stated yaw σ (0.81°,
/// 3.3σ) until the reset restarted the horizontal accel biases and the gyro z bias variance learnt under the wrong
/// heading: now 0.23° / 2.70° at a stated 1.99° / 1.97°, worst error/σ over the 10 s after the reset 1.70 / 2.06.
/// </summary>
public static class SitlEkfTuning
{
    /// <summary>Smallest heading noise given to SITL's EKF, rad (see the class remarks).</summary>
    public const double MinHeadingNoiseRad = 0.1;

    // The ranges UavEkfParameters accepts.
    private const double MinGnssVelocityNoiseMps = 0.01;
    private const double MaxGnssVelocityNoiseMps = 10;
    private const double MaxHeadingNoiseRad = 1;
    private const double MinAccelNoiseMps2 = 1e-3;
    private const double MaxAccelNoiseMps2 = 10;
    private const double MinGyroNoiseRadps = 1e-4;
    private const double MaxGyroNoiseRadps = 1;

    /// <summary>
    /// <paramref name="ekf"/> with the GNSS velocity floor and the heading noise of <paramref name="sensors"/> on a
    /// horizontal field of <paramref name="horizontalFieldGauss"/>, each clamped into the parameter's valid range.
    /// </summary>
    public static UavEkfParameters MatchSensors(UavEkfParameters ekf, SensorSuiteParameters sensors, double horizontalFieldGauss)
    {
        ArgumentNullException.ThrowIfNull(ekf);
        ArgumentNullException.ThrowIfNull(sensors);
        return ekf with
        {
            GnssVelocityNoiseMps = Math.Clamp(sensors.Gnss.VelocityNoiseStdDevMps, MinGnssVelocityNoiseMps, MaxGnssVelocityNoiseMps),
            MagHeadingNoiseRad = HeadingNoiseRad(sensors.Mag, horizontalFieldGauss),
        };
    }

    /// <summary>
    /// The EKF's defaults matched to <paramref name="sensors"/> in <paramref name="environment"/>'s field at home. A
    /// calibrated compass (<c>CAL_MAG0_*</c> set to the model's hard iron, <see cref="SitlMagnetometerCalibration"/>)
    /// leaves no hard-iron error, so only its white noise counts.
    /// </summary>
    public static UavEkfParameters For(SensorSuiteParameters sensors, Physics.SimulationEnvironment environment, bool magnetometerCalibrated = false, bool matchImuNoise = false)
    {
        ArgumentNullException.ThrowIfNull(sensors);
        ArgumentNullException.ThrowIfNull(environment);
        Navigation.Numerics.Vector3 fieldNedGauss = environment.FieldAtHome.FieldNedGauss();
        SensorSuiteParameters seen = magnetometerCalibrated ? sensors with { Mag = sensors.Mag with { HardIronFrdGauss = Navigation.Numerics.Vector3.Zero } } : sensors;
        UavEkfParameters matched = MatchSensors(new UavEkfParameters(), seen, Math.Sqrt((fieldNedGauss.X * fieldNedGauss.X) + (fieldNedGauss.Y * fieldNedGauss.Y)));
        return matchImuNoise ? MatchImu(matched, sensors.Imu) : matched;
    }

    /// <summary>
    /// <paramref name="ekf"/> with the accelerometer and gyro white noise of <paramref name="imu"/> (see
    /// <see cref="AccelNoiseMps2"/>, <see cref="GyroNoiseRadps"/>), each clamped into the parameter's valid range.
    /// </summary>
    public static UavEkfParameters MatchImu(UavEkfParameters ekf, ImuParameters imu)
    {
        ArgumentNullException.ThrowIfNull(ekf);
        ArgumentNullException.ThrowIfNull(imu);
        return ekf with { AccelNoiseMps2 = AccelNoiseMps2(imu), GyroNoiseRadps = GyroNoiseRadps(imu) };
    }

    /// <summary>
    /// The EKF's accelerometer white noise (m/s², applied as (dt·σ)² per predicted IMU sample) matching
    /// <paramref name="imu"/>: SITL's vehicle predicts on every IMU sample, and each sample's delta velocity carries
    /// white noise of variance density²·dt, so σ = density·√rate (0.0217 m/s² for the default 70 µg/√Hz at 1 kHz).
    /// The model adds no vibration; its bias random walk is the EKF's accelerometer-bias state's job.
    /// </summary>
    public static double AccelNoiseMps2(ImuParameters imu)
    {
        ArgumentNullException.ThrowIfNull(imu);
        double sigma = imu.AccelNoiseDensityMps2PerSqrtHz * Math.Sqrt(imu.OutputRateHz);
        return Math.Clamp(sigma, MinAccelNoiseMps2, MaxAccelNoiseMps2);
    }

    /// <summary>
    /// The EKF's gyro white noise (rad/s, applied as (dt·σ)² per predicted IMU sample) matching <paramref name="imu"/>
    /// the same way: σ = density·√rate (0.00155 rad/s for the default 0.0028 °/s/√Hz at 1 kHz).
    /// </summary>
    public static double GyroNoiseRadps(ImuParameters imu)
    {
        ArgumentNullException.ThrowIfNull(imu);
        double sigma = imu.GyroNoiseDensityRadPerSPerSqrtHz * Math.Sqrt(imu.OutputRateHz);
        return Math.Clamp(sigma, MinGyroNoiseRadps, MaxGyroNoiseRadps);
    }

    /// <summary>Heading noise of <paramref name="mag"/> on a horizontal field <paramref name="horizontalFieldGauss"/>, rad.</summary>
    public static double HeadingNoiseRad(MagParameters mag, double horizontalFieldGauss)
    {
        ArgumentNullException.ThrowIfNull(mag);
        if (!(horizontalFieldGauss > 0))
        {
            return MaxHeadingNoiseRad;
        }

        // Small-angle heading error of a field error e perpendicular to a horizontal field H: e / H.
        double whiteRad = mag.NoiseStdDevGauss / horizontalFieldGauss;
        double hardIronRad = mag.HardIronFrdGauss.Length / horizontalFieldGauss;
        return Math.Clamp(Math.Sqrt((whiteRad * whiteRad) + (hardIronRad * hardIronRad)), MinHeadingNoiseRad, MaxHeadingNoiseRad);
    }
}
