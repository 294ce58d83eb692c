namespace StrategicTech.Navigation.Localization;

/// <summary>
/// Monte Carlo localization parameters. Defaults are Nav2 AMCL's (its parameter name in each comment) except where
/// the comment says otherwise. <see cref="Validate"/> names the first bad field.
/// </summary>
public sealed record MclParameters
{
    /// <summary>min_particles: the KLD bound never drops the set below this.</summary>
    public int MinParticles { get; init; } = 500;

    /// <summary>max_particles: the set size after an initial pose or global localization, and the KLD ceiling.</summary>
    public int MaxParticles { get; init; } = 2000;

    /// <summary>pf_err: KLD bound ε between the sampled and the true posterior.</summary>
    public double KldErr { get; init; } = 0.05;

    /// <summary>pf_z: upper standard normal quantile z₁₋δ of the KLD bound (used as the quantile value, as AMCL does).</summary>
    public double KldZ { get; init; } = 0.99;

    /// <summary>KLD histogram bin size in x and y (Fox 2003 and AMCL: 0.5 m).</summary>
    public double BinSizeXyM { get; init; } = 0.5;

    /// <summary>KLD histogram bin size in yaw (10°).</summary>
    public double BinSizeYawRad { get; init; } = 10.0 * Math.PI / 180.0;

    /// <summary>alpha1: rotation noise from rotation.</summary>
    public double Alpha1 { get; init; } = 0.2;

    /// <summary>alpha2: rotation noise from translation.</summary>
    public double Alpha2 { get; init; } = 0.2;

    /// <summary>alpha3: translation noise from translation.</summary>
    public double Alpha3 { get; init; } = 0.2;

    /// <summary>alpha4: translation noise from rotation.</summary>
    public double Alpha4 { get; init; } = 0.2;

    /// <summary>update_min_d: translation (m) since the last filter update that triggers the next one.</summary>
    public double UpdateMinDM { get; init; } = 0.25;

    /// <summary>update_min_a: rotation (rad) since the last filter update that triggers the next one.</summary>
    public double UpdateMinARad { get; init; } = 0.2;

    /// <summary>max_beams: beams of a scan evaluated per particle, evenly spaced over the scan.</summary>
    public int MaxBeams { get; init; } = 60;

    /// <summary>z_hit: weight of the Gaussian around the nearest obstacle.</summary>
    public double ZHit { get; init; } = 0.5;

    /// <summary>z_rand: weight of the uniform term over [0, max range] (z_hit + z_rand = 1 in the likelihood field).</summary>
    public double ZRand { get; init; } = 0.5;

    /// <summary>sigma_hit (m): standard deviation of the hit term.</summary>
    public double SigmaHitM { get; init; } = 0.2;

    /// <summary>laser_likelihood_max_dist (m): distances to the nearest obstacle are clamped here.</summary>
    public double LikelihoodMaxDistM { get; init; } = 2.0;

    /// <summary>laser_max_range (m): the z_rand denominator; non-positive uses the scan's own range_max (Nav2's −1).</summary>
    public double LaserMaxRangeM { get; init; } = -1;

    /// <summary>recovery_alpha_slow: long-term average likelihood filter rate (0 disables random injection).</summary>
    public double AlphaSlow { get; init; }

    /// <summary>recovery_alpha_fast: short-term average likelihood filter rate (0 disables random injection).</summary>
    public double AlphaFast { get; init; }

    /// <summary>
    /// Not in Nav2 (AMCL resamples every resample_interval updates): resample when the effective sample size
    /// 1/Σw² falls below this fraction of the particle count, so weights of uninformative scans accumulate.
    /// </summary>
    public double ResampleEssFraction { get; init; } = 0.5;

    /// <summary>
    /// Not in Nav2: exponent on the scan likelihood (1 = beams independent, as Probabilistic Robotics' product).
    /// Neighbouring beams of one scan and the map's own errors are correlated, so the plain product makes the
    /// weights collapse onto a few particles after one scan; a smaller exponent counts the scan as fewer independent
    /// beams (AMCL's ad hoc Σp³ serves the same purpose).
    /// </summary>
    public double ScanLikelihoodExponent { get; init; } = 1.0;

    /// <summary>Occupancy (0..100) at or above which a map cell is an obstacle (map_server's occupied_thresh 0.65).</summary>
    public int OccupiedThreshold { get; init; } = 65;

    /// <summary>
    /// Not in Nav2: factor on the weight of a particle standing on a cell that is not free (obstacle, unknown or off
    /// the map); the likelihood field alone lets particles drift into walls and out of the building.
    /// </summary>
    public double NonFreeCellFactor { get; init; } = 1e-3;

    /// <summary>Not in Nav2: the best cluster must hold at least this share of the weight to report Converged.</summary>
    public double ConvergedWeightFraction { get; init; } = 0.9;

    /// <summary>Not in Nav2: the best cluster's σx and σy must be at most this to report Converged.</summary>
    public double ConvergedSigmaXyM { get; init; } = 0.25;

    /// <summary>Not in Nav2: the best cluster's σyaw must be at most this to report Converged.</summary>
    public double ConvergedSigmaYawRad { get; init; } = 0.1;

    /// <summary>
    /// Not in Nav2: Converged also needs this many consecutive scan updates whose estimate moved by at most
    /// <see cref="ConvergedMaxJumpM"/> / <see cref="ConvergedMaxJumpRad"/> from the previous estimate carried forward
    /// by odometry. A cloud that collapsed onto a wrong pose is tight but still being pulled towards the truth.
    /// </summary>
    public int ConvergedStableUpdates { get; init; } = 5;

    /// <summary>Largest position correction (m) between scan updates that counts as stable.</summary>
    public double ConvergedMaxJumpM { get; init; } = 0.05;

    /// <summary>Largest yaw correction (rad) between scan updates that counts as stable.</summary>
    public double ConvergedMaxJumpRad { get; init; } = 0.035;

    /// <summary>
    /// Not in Nav2: a localizability probe for Converged. The scan is scored at the estimate and at the estimate
    /// shifted by this distance (m) in eight directions; a shift that costs less than
    /// <see cref="ConvergedMinLogLikelihoodDrop"/> means the scan does not pin the pose down along it (a featureless
    /// corridor), however tight the particle cloud has drifted.
    /// </summary>
    public double ConvergedProbeM { get; init; } = 0.3;

    /// <summary>Smallest drop (nats, over the evaluated beams) of the scan log-likelihood for any probe shift.</summary>
    public double ConvergedMinLogLikelihoodDrop { get; init; } = 3.0;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first field out of range.</summary>
    public void Validate()
    {
        Require(MinParticles >= 1, nameof(MinParticles), "must be at least 1");
        Require(MaxParticles >= MinParticles, nameof(MaxParticles), "must be at least MinParticles");
        Require(MaxParticles <= 1_000_000, nameof(MaxParticles), "must be at most 1 000 000");
        Require(KldErr is > 0 and < 1, nameof(KldErr), "must be in (0, 1)");
        Require(KldZ is > 0 and < 10, nameof(KldZ), "must be in (0, 10)");
        Require(BinSizeXyM is > 0 and < 100, nameof(BinSizeXyM), "must be in (0, 100) m");
        Require(BinSizeYawRad is > 0 and <= Math.PI, nameof(BinSizeYawRad), "must be in (0, π] rad");
        Require(Finite(Alpha1) && Alpha1 >= 0, nameof(Alpha1), "must be finite and ≥ 0");
        Require(Finite(Alpha2) && Alpha2 >= 0, nameof(Alpha2), "must be finite and ≥ 0");
        Require(Finite(Alpha3) && Alpha3 >= 0, nameof(Alpha3), "must be finite and ≥ 0");
        Require(Finite(Alpha4) && Alpha4 >= 0, nameof(Alpha4), "must be finite and ≥ 0");
        Require(Finite(UpdateMinDM) && UpdateMinDM >= 0, nameof(UpdateMinDM), "must be finite and ≥ 0");
        Require(Finite(UpdateMinARad) && UpdateMinARad >= 0, nameof(UpdateMinARad), "must be finite and ≥ 0");
        Require(MaxBeams >= 2, nameof(MaxBeams), "must be at least 2");
        Require(ZHit is >= 0 and <= 1, nameof(ZHit), "must be in [0, 1]");
        Require(ZRand is >= 0 and <= 1, nameof(ZRand), "must be in [0, 1]");
        Require(ZHit + ZRand > 0, nameof(ZRand), "z_hit + z_rand must be positive");
        Require(SigmaHitM is > 0 and < 100, nameof(SigmaHitM), "must be in (0, 100) m");
        Require(LikelihoodMaxDistM is > 0 and < 1000, nameof(LikelihoodMaxDistM), "must be in (0, 1000) m");
        Require(Finite(LaserMaxRangeM), nameof(LaserMaxRangeM), "must be finite");
        Require(AlphaSlow is >= 0 and < 1, nameof(AlphaSlow), "must be in [0, 1)");
        Require(AlphaFast is >= 0 and < 1, nameof(AlphaFast), "must be in [0, 1)");
        Require(AlphaSlow == 0 || AlphaFast > AlphaSlow, nameof(AlphaFast), "must exceed AlphaSlow when injection is on");
        Require(ResampleEssFraction is >= 0 and <= 1, nameof(ResampleEssFraction), "must be in [0, 1]");
        Require(ScanLikelihoodExponent is > 0 and <= 1, nameof(ScanLikelihoodExponent), "must be in (0, 1]");
        Require(OccupiedThreshold is >= 1 and <= 100, nameof(OccupiedThreshold), "must be in 1..100");
        Require(NonFreeCellFactor is > 0 and <= 1, nameof(NonFreeCellFactor), "must be in (0, 1]");
        Require(ConvergedWeightFraction is > 0 and <= 1, nameof(ConvergedWeightFraction), "must be in (0, 1]");
        Require(ConvergedSigmaXyM > 0 && Finite(ConvergedSigmaXyM), nameof(ConvergedSigmaXyM), "must be finite and > 0");
        Require(ConvergedProbeM > 0 && Finite(ConvergedProbeM), nameof(ConvergedProbeM), "must be finite and > 0");
        Require(ConvergedMinLogLikelihoodDrop >= 0 && Finite(ConvergedMinLogLikelihoodDrop), nameof(ConvergedMinLogLikelihoodDrop), "must be finite and ≥ 0");
        Require(ConvergedStableUpdates >= 0, nameof(ConvergedStableUpdates), "must be ≥ 0");
        Require(ConvergedMaxJumpM > 0 && Finite(ConvergedMaxJumpM), nameof(ConvergedMaxJumpM), "must be finite and > 0");
        Require(ConvergedMaxJumpRad > 0 && Finite(ConvergedMaxJumpRad), nameof(ConvergedMaxJumpRad), "must be finite and > 0");
        Require(ConvergedSigmaYawRad > 0 && Finite(ConvergedSigmaYawRad), nameof(ConvergedSigmaYawRad), "must be finite and > 0");
    }

    private static bool Finite(double value) => double.IsFinite(value);

    private static void Require(bool ok, string field, string rule)
    {
        if (!ok)
        {
            throw new ArgumentException($"MCL parameter {field} {rule}", field);
        }
    }
}
