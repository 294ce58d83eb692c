namespace StrategicTech.Navigation.Estimation.Amr;

/// <summary>
/// Tuning of the AMR EKF. Every value carries its unit in its name; defaults suit a warehouse differential-drive
/// robot (about 1 m/s, encoders at 50 Hz, a MEMS gyro at 100 Hz). <see cref="Validate"/> runs in the filter's
/// constructor and names the first bad value.
/// </summary>
public sealed record AmrEkfParameters
{
    public static AmrEkfParameters Default { get; } = new();

    /// <summary>White-noise density of forward acceleration driving the speed state, (m/s²)/√Hz.</summary>
    public double SpeedAccelNoiseMps2PerSqrtHz { get; init; } = 0.5;

    /// <summary>White-noise density of yaw acceleration driving the yaw-rate state, (rad/s²)/√Hz.</summary>
    public double YawAccelNoiseRadps2PerSqrtHz { get; init; } = 1.0;

    /// <summary>Gyro bias random walk, (rad/s)/√s.</summary>
    public double GyroBiasRandomWalkRadpsPerSqrtS { get; init; } = 1e-4;

    /// <summary>Wheel scale random walk (tyre wear, load), 1/√s.</summary>
    public double WheelScaleRandomWalkPerSqrtS { get; init; } = 1e-4;

    /// <summary>Estimate the wheel odometry scale (7 states) or hold it at 1 (6 states).</summary>
    public bool EstimateWheelScale { get; init; } = true;

    /// <summary>Distance between the wheel contact points of a differential drive, m.</summary>
    public double TrackWidthM { get; init; } = 0.5;

    /// <summary>Noise of one wheel's surface speed, m/s (1σ).</summary>
    public double WheelSpeedNoiseMps { get; init; } = 0.02;

    /// <summary>Noise of odometry forward speed given directly, m/s (1σ).</summary>
    public double OdometrySpeedNoiseMps { get; init; } = 0.02;

    /// <summary>Noise of odometry yaw rate given directly, rad/s (1σ).</summary>
    public double OdometryYawRateNoiseRadps { get; init; } = 0.04;

    /// <summary>Gyro z white noise per sample, rad/s (1σ).</summary>
    public double GyroNoiseRadps { get; init; } = 0.005;

    /// <summary>Probability mass inside the innovation gate; the Mahalanobis threshold is the chi-square quantile for the measurement's dimension.</summary>
    public double GateProbability { get; init; } = 0.999;

    /// <summary>
    /// After this many consecutive gate-rejected pose fixes the pose is reset to the next one (the robot was moved or
    /// re-localised); 0 never resets.
    /// </summary>
    public int PoseFixResetAfterRejections { get; init; } = 5;

    /// <summary>Longest single prediction step; longer gaps are integrated in sub-steps, µs.</summary>
    public long MaxPredictionStepUs { get; init; } = 20_000;

    public double InitialPositionSigmaM { get; init; } = 1.0;

    public double InitialYawSigmaRad { get; init; } = 0.5;

    public double InitialSpeedSigmaMps { get; init; } = 0.5;

    public double InitialYawRateSigmaRadps { get; init; } = 0.3;

    public double InitialGyroBiasSigmaRadps { get; init; } = 0.02;

    public double InitialWheelScaleSigma { get; init; } = 0.05;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first value that is not finite and positive (or out of its range).</summary>
    public void Validate()
    {
        Positive(SpeedAccelNoiseMps2PerSqrtHz, nameof(SpeedAccelNoiseMps2PerSqrtHz), "(m/s²)/√Hz");
        Positive(YawAccelNoiseRadps2PerSqrtHz, nameof(YawAccelNoiseRadps2PerSqrtHz), "(rad/s²)/√Hz");
        Positive(GyroBiasRandomWalkRadpsPerSqrtS, nameof(GyroBiasRandomWalkRadpsPerSqrtS), "(rad/s)/√s");
        Positive(WheelScaleRandomWalkPerSqrtS, nameof(WheelScaleRandomWalkPerSqrtS), "1/√s");
        Positive(TrackWidthM, nameof(TrackWidthM), "m");
        Positive(WheelSpeedNoiseMps, nameof(WheelSpeedNoiseMps), "m/s");
        Positive(OdometrySpeedNoiseMps, nameof(OdometrySpeedNoiseMps), "m/s");
        Positive(OdometryYawRateNoiseRadps, nameof(OdometryYawRateNoiseRadps), "rad/s");
        Positive(GyroNoiseRadps, nameof(GyroNoiseRadps), "rad/s");
        Positive(InitialPositionSigmaM, nameof(InitialPositionSigmaM), "m");
        Positive(InitialYawSigmaRad, nameof(InitialYawSigmaRad), "rad");
        Positive(InitialSpeedSigmaMps, nameof(InitialSpeedSigmaMps), "m/s");
        Positive(InitialYawRateSigmaRadps, nameof(InitialYawRateSigmaRadps), "rad/s");
        Positive(InitialGyroBiasSigmaRadps, nameof(InitialGyroBiasSigmaRadps), "rad/s");
        Positive(InitialWheelScaleSigma, nameof(InitialWheelScaleSigma), "1");
        if (!(GateProbability is > 0.5 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(GateProbability), GateProbability, "GateProbability must lie in (0.5, 1)");
        }

        if (PoseFixResetAfterRejections < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(PoseFixResetAfterRejections), PoseFixResetAfterRejections, "PoseFixResetAfterRejections must be >= 0 (0 disables)");
        }

        if (MaxPredictionStepUs is < 100 or > 1_000_000)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxPredictionStepUs), MaxPredictionStepUs, "MaxPredictionStepUs must lie in [100, 1 000 000] µs");
        }
    }

    private static void Positive(double value, string name, string unit)
    {
        if (!(double.IsFinite(value) && value > 0))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be finite and > 0 {unit}");
        }
    }
}
