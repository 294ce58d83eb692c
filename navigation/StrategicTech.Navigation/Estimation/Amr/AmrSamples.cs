namespace StrategicTech.Navigation.Estimation.Amr;

/// <summary>Body-frame odometry already turned into forward speed and yaw rate (e.g. from a motor controller).</summary>
/// <param name="TimeUs">Sample time, µs on the filter's clock.</param>
/// <param name="SpeedMps">Forward speed, m/s.</param>
/// <param name="YawRateRadps">Yaw rate, rad/s.</param>
public readonly record struct AmrOdometrySample(long TimeUs, double SpeedMps, double YawRateRadps);

/// <summary>Differential-drive wheel surface speeds (radius x angular rate), m/s.</summary>
public readonly record struct AmrWheelSpeedsSample(long TimeUs, double LeftMps, double RightMps);

/// <summary>Gyro rate about the vertical axis (counter-clockwise positive), rad/s.</summary>
public readonly record struct AmrGyroSample(long TimeUs, double RateRadps);

/// <summary>
/// An absolute pose fix (scan matching, floor marker) with its covariance in the map frame. Variances in m² and rad²;
/// the covariance must be positive definite.
/// </summary>
public readonly record struct AmrPoseFixSample(
    long TimeUs,
    double XM,
    double YM,
    double YawRad,
    double VarianceXM2,
    double VarianceYM2,
    double VarianceYawRad2,
    double CovarianceXYM2 = 0,
    double CovarianceXYawMRad = 0,
    double CovarianceYYawMRad = 0);
