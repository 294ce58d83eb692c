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
    /// <summary>A u-blox M8/M9 class receiver at 10 Hz with 110 ms latency.</summary>
    public static GnssParameters Default { get; } = new(10, 110_000, 0.3, 0.5, 0.5, 0.8, 60, 0.05, 16, 0.0);

    /// <summary>No noise and no dropouts: the reported solution equals the truth at its valid time.</summary>
    public static GnssParameters Ideal { get; } = new(10, 0, 0, 0, 0, 0, 60, 0, 16, 0.0);

    /// <summary>The 1σ horizontal accuracy the receiver reports.</summary>
    public double EphM => Math.Sqrt((HorizontalNoiseStdDevM * HorizontalNoiseStdDevM) + (HorizontalDriftStdDevM * HorizontalDriftStdDevM));

    public double EpvM => Math.Sqrt((VerticalNoiseStdDevM * VerticalNoiseStdDevM) + (VerticalDriftStdDevM * VerticalDriftStdDevM));
}
