namespace StrategicTech.Navigation.Localization;

/// <summary>
/// Parameters of <see cref="RecoveringLocalizer"/>: the kidnap detector (share of scan endpoints near a mapped
/// obstacle at the estimate, against its own running mean, sustained over several scans) and the branch-and-bound scan matcher that searches the
/// whole free space for the pose when the detector fires. <see cref="Validate"/> names the first bad field.
/// </summary>
public sealed record KidnapRecoveryParameters
{
    /// <summary>Beams (evenly spaced returns) the detector and the matcher use per scan.</summary>
    public int MaxBeams { get; init; } = 90;

    /// <summary>A beam endpoint within this distance (m) of a mapped obstacle counts as a hit for the detector.</summary>
    public double HitDistanceM { get; init; } = 0.2;

    /// <summary>
    /// A scan is lost at the estimate when its hit share falls below this fraction of the baseline (the share's
    /// running mean while tracking): where much of what the lidar sees is not on the map (an open map edge, racks
    /// moved), the baseline itself is low.
    /// </summary>
    public double LostHitRatio { get; init; } = 0.6;

    /// <summary>Rate of the baseline's running mean per tracked scan.</summary>
    public double BaselineRate { get; init; } = 0.05;

    /// <summary>Consecutive lost scans that declare the robot kidnapped (one scan can be blocked by people).</summary>
    public int LostScans { get; init; } = 3;

    /// <summary>Consecutive scans that are not lost after a re-seed that end the recovery.</summary>
    public int RecoveredScans { get; init; } = 3;

    /// <summary>Fewer returns than this say nothing about the pose (dropout, open space): such a scan neither counts as lost nor as found.</summary>
    public int MinReturns { get; init; } = 20;

    /// <summary>Cell size (m) of the matcher's translation grid.</summary>
    public double SearchResolutionM { get; init; } = 0.1;

    /// <summary>Yaw step (rad) of the matcher: at 12 m range a half step moves an endpoint by about one search cell.</summary>
    public double SearchYawStepRad { get; init; } = Math.PI / 180;

    /// <summary>Levels of the max-pooled grid pyramid above the finest (the coarsest block is 2^levels cells).</summary>
    public int SearchLevels { get; init; } = 6;

    /// <summary>σ (m) of the matcher's per-endpoint score exp(−d²/2σ²).</summary>
    public double ScoreSigmaM { get; init; } = 0.15;

    /// <summary>
    /// Score of a beam endpoint beyond the map's edge, fading as exp(−e²/2σ²) with its distance e inside the edge: the
    /// map says nothing about what lies past it (an open dock, an unmapped wall), so a return from there is scored
    /// nearer one on a mapped obstacle (1) than one in mapped free space (0). On a recorded kidnap (Nav2 warehouse, 24
    /// of 82 returns on an unmapped wall past the open south edge) the true pose scored 0.719 against a look-alike's
    /// 0.899 at 0 and was not kept; 0.915 against 0.942 at 0.7; 0.943 against 0.948 at 0.8; the best at 0.9 (0.971). The
    /// price: where nothing stands past the edge, poses near an edge gain as well, and separating them takes more scans.
    /// </summary>
    public double OffMapEndpointScore { get; init; } = 0.8;

    /// <summary>Least mean per-beam score a match must reach (the search prunes everything below it; none found → search again).</summary>
    public double MinMatchScore { get; init; } = 0.55;

    /// <summary>Beam look-ups the matcher may spend per scan (the search runs incrementally on the scan thread).</summary>
    public int LookupsPerScan { get; init; } = 400_000;

    /// <summary>
    /// Peaks of the search within this much mean per-beam score of the best are kept as hypotheses too: a look-alike
    /// aisle can score as well as (or a little better than) the true place on one scan, so the cloud is re-seeded
    /// over all of them and later scans decide.
    /// </summary>
    public double PeakScoreMargin { get; init; } = 0.05;

    /// <summary>Most hypotheses kept from one search.</summary>
    public int MaxPeaks { get; init; } = 4;

    /// <summary>Leaves closer than this (m) and <see cref="PeakSeparationRad"/> to a better one are the same peak.</summary>
    public double PeakSeparationM { get; init; } = 1.0;

    /// <summary>Yaw (rad) within which leaves near in position are the same peak.</summary>
    public double PeakSeparationRad { get; init; } = 20 * Math.PI / 180;

    /// <summary>
    /// Beams (every return up to this many) each held hypothesis is scored on per scan: the whole 360° scan, not the
    /// matcher's subset, since look-alike aisles differ only in a few distant details.
    /// </summary>
    public int EvidenceBeams { get; init; } = 360;

    /// <summary>
    /// Scans with enough returns each hypothesis is scored on before one may be chosen: one scan's score is not
    /// evidence enough (noise, people), and the same scan weighed again adds nothing, so the mean over this many is.
    /// </summary>
    public int EvidenceScans { get; init; } = 10;

    /// <summary>
    /// Range disagreement (m) at which a return counts nothing as evidence for a held hypothesis: the return's range
    /// against the range cast on the map along its beam, so that a beam passing through a rack the hypothesis has in
    /// the way counts against it even where its endpoint lands near some other obstacle.
    /// </summary>
    public double EvidenceRangeCapM { get; init; } = 0.5;

    /// <summary>
    /// A hypothesis is chosen when its mean per-beam score over the scans so far beats every other's by at least this
    /// much; places no scan tells apart stay undecided (the navigator's time limit then fails the goal).
    /// </summary>
    public double EvidenceMargin { get; init; } = 0.03;

    /// <summary>
    /// After <see cref="EvidenceScans"/> scans, a held hypothesis whose mean score trails the best by more than this is
    /// dropped (it is out of the running; a probing move then need not be clear under it). Seed 3 of the SITL kidnap
    /// held a place 0.074 behind the best, 0.15 m from a rack, that no probe could be clear under.
    /// </summary>
    public double PruneMargin { get; init; } = 0.06;

    /// <summary>1σ position (m) and yaw (rad) of the particle cloud re-seeded at the match.</summary>
    public double SeedSigmaXyM { get; init; } = 0.05;

    /// <summary>1σ yaw (rad) of the re-seeded cloud.</summary>
    public double SeedSigmaYawRad { get; init; } = 0.03;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first field out of range.</summary>
    public void Validate()
    {
        Require(MaxBeams is >= 8 and <= 4096, nameof(MaxBeams), "must be in 8..4096");
        Require(HitDistanceM is > 0 and < 10, nameof(HitDistanceM), "must be in (0, 10) m");
        Require(LostHitRatio is > 0 and < 1, nameof(LostHitRatio), "must be in (0, 1)");
        Require(BaselineRate is > 0 and <= 1, nameof(BaselineRate), "must be in (0, 1]");
        Require(LostScans is >= 1 and <= 1000, nameof(LostScans), "must be in 1..1000");
        Require(RecoveredScans is >= 1 and <= 1000, nameof(RecoveredScans), "must be in 1..1000");
        Require(MinReturns >= 1 && MinReturns <= MaxBeams, nameof(MinReturns), "must be in 1..MaxBeams");
        Require(SearchResolutionM is >= 0.01 and <= 1, nameof(SearchResolutionM), "must be in [0.01, 1] m");
        Require(SearchYawStepRad is >= 0.001 and <= 0.5, nameof(SearchYawStepRad), "must be in [0.001, 0.5] rad");
        Require(SearchLevels is >= 1 and <= 10, nameof(SearchLevels), "must be in 1..10");
        Require(ScoreSigmaM is > 0 and < 10, nameof(ScoreSigmaM), "must be in (0, 10) m");
        Require(OffMapEndpointScore is >= 0 and < 1, nameof(OffMapEndpointScore), "must be in [0, 1)");
        Require(MinMatchScore is > 0 and < 1, nameof(MinMatchScore), "must be in (0, 1)");
        Require(LookupsPerScan >= 10_000, nameof(LookupsPerScan), "must be at least 10 000");
        Require(PeakScoreMargin is >= 0 and < 1, nameof(PeakScoreMargin), "must be in [0, 1)");
        Require(MaxPeaks is >= 1 and <= 64, nameof(MaxPeaks), "must be in 1..64");
        Require(PeakSeparationM is > 0 and < 100, nameof(PeakSeparationM), "must be in (0, 100) m");
        Require(PeakSeparationRad is > 0 and <= Math.PI, nameof(PeakSeparationRad), "must be in (0, π] rad");
        Require(EvidenceBeams >= MinReturns && EvidenceBeams <= 4096, nameof(EvidenceBeams), "must be in MinReturns..4096");
        Require(EvidenceScans is >= 1 and <= 1000, nameof(EvidenceScans), "must be in 1..1000");
        Require(EvidenceRangeCapM is > 0 and < 100, nameof(EvidenceRangeCapM), "must be in (0, 100) m");
        Require(EvidenceMargin is >= 0 and < 1, nameof(EvidenceMargin), "must be in [0, 1)");
        Require(PruneMargin >= EvidenceMargin && PruneMargin < 1, nameof(PruneMargin), "must be in [EvidenceMargin, 1)");
        Require(SeedSigmaXyM is >= 0 and < 10, nameof(SeedSigmaXyM), "must be in [0, 10) m");
        Require(SeedSigmaYawRad is >= 0 and < Math.PI, nameof(SeedSigmaYawRad), "must be in [0, π) rad");
    }

    private static void Require(bool ok, string field, string rule)
    {
        if (!ok)
        {
            throw new ArgumentException($"{field} {rule}", field);
        }
    }
}
