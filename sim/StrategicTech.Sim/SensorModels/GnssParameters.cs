namespace StrategicTech.Sim.SensorModels;

/// <summary>
/// GNSS receiver model: output rate, latency (delivery time minus the instant described), white noise on position
/// and velocity, a slowly wandering position error (first-order Gauss–Markov, as multipath and atmosphere give),
/// the nominal satellite count, and the probability that a solution is lost on the way (a dropout).
/// </summary>
public sealed record GnssParameters(
    double RateHz,
    long LatencyUs,
    double HorizontalNoiseStdDevM,
    double VerticalNoiseStdDevM,
    double HorizontalDriftStdDevM,
    double VerticalDriftStdDevM,
    double DriftCorrelationTimeS,
    double VelocityNoiseStdDevMps,
    int NominalSatellites,
    double DropoutProbability)
{
    /// <summary>
    /// A u-blox M8/M9 class single-frequency receiver at 10 Hz with 110 ms latency. Its position error is dominated by
    /// a slow, bounded first-order Gauss–Markov (Ornstein–Uhlenbeck) process, not white noise and not a random walk:
    /// stationary L1 receivers' position series fit an OU/AR process far better than white noise (Sensors 2020, 20(21),
    /// 6050), and the slow error sources have correlation times of 10–900 s (code multipath, σ 0.5 m per pseudorange)
    /// and 900–2700 s (troposphere residual) (Joerger &amp; Pervan, NAVIGATION). Here: σ 0.5 m per horizontal axis and
    /// 0.8 m vertical (HDOP ≈ 1, VDOP ≈ 1.6 over the multipath part), one 1800 s correlation time, so over a minute it
    /// moves ≈ σ·√(T/3τ) ≈ 0.05 m per axis about its mean. The epoch-to-epoch (white) part of a carrier-smoothed
    /// solution is small: 0.1 m horizontal, 0.2 m vertical.
    /// </summary>
    public static GnssParameters Default { get; } = new(10, 110_000, 0.1, 0.2, 0.5, 0.8, 1800, 0.05, 16, 0.0);

    /// <summary>No noise and no dropouts: the reported solution equals the truth at its valid time.</summary>
    public static GnssParameters Ideal { get; } = new(10, 0, 0, 0, 0, 0, 60, 0, 16, 0.0);

    /// <summary>The 1σ horizontal accuracy the receiver reports.</summary>
    public double EphM => Math.Sqrt((HorizontalNoiseStdDevM * HorizontalNoiseStdDevM) + (HorizontalDriftStdDevM * HorizontalDriftStdDevM));

    public double EpvM => Math.Sqrt((VerticalNoiseStdDevM * VerticalNoiseStdDevM) + (VerticalDriftStdDevM * VerticalDriftStdDevM));
}
