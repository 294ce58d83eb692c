namespace StrategicTech.Navigation.Localization;

/// <summary>
/// Kidnapped-robot recovery around a <see cref="MonteCarloLocalizer"/>. Every scan is checked at the estimate: the
/// share of beam endpoints within <see cref="KidnapRecoveryParameters.HitDistanceM"/> of a mapped obstacle. When it
/// stays below <see cref="KidnapRecoveryParameters.LostHitRatio"/> of its running mean (the baseline) for
/// <see cref="KidnapRecoveryParameters.LostScans"/> scans the robot is lost (<see cref="IsLost"/>): that scan and its
/// odometry pose are kept, and <see cref="BranchAndBoundScanMatcher"/> searches the whole free space for them, a
/// bounded number of look-ups per scan. The match is refined on the full-resolution distance field and the particle
/// cloud re-seeded there (at the kept odometry pose, so motion since is applied); the robot counts as found again
/// after <see cref="KidnapRecoveryParameters.RecoveredScans"/> good scans, and a re-seed that does not fit starts a
/// new search. When the search finds several distinct places whose scores are within a margin of the best (look-alike
/// rack aisles), each is kept as a hypothesis carried by odometry and re-fitted on every following scan, and scored on
/// the whole scan (every return, not the matcher's subset: its endpoint score times how well its range agrees with a
/// ray cast on the map along the beam); places trailing the best by the prune margin are dropped; one is chosen only
/// when its mean score over at least <see cref="KidnapRecoveryParameters.EvidenceScans"/> scans beats every other by
/// <see cref="KidnapRecoveryParameters.EvidenceMargin"/> (a resampled cloud reweighed on the same view while standing
/// would collapse onto whichever place a small bias favours). The cloud is then seeded there and verification starts;
/// places no scan from here tells apart stay undecided (the navigator may then drive probing moves, see
/// <see cref="ProbeMotionPlanner"/>, which <see cref="CopyHypotheses"/> feeds). The filter is not updated while
/// searching or deciding (the navigator holds the robot still while <see cref="IsLost"/>, but for those probing moves,
/// through which odometry carries the held places). Allocation-free per <see cref="Update"/>; deterministic.
/// </summary>
public sealed class RecoveringLocalizer : IMapLocalizer
{
    private readonly MonteCarloLocalizer _mcl;
    private readonly LikelihoodField _field;
    private readonly KidnapRecoveryParameters _p;
    private readonly BranchAndBoundScanMatcher _matcher;
    private readonly double[] _beamX;
    private readonly double[] _beamY;
    private readonly double[] _capturedX;
    private readonly double[] _capturedY;
    private readonly double _twoSigma2Fine;
    private readonly Pose2D[] _hypotheses;
    private readonly double[] _evidenceSum;
    private readonly double[] _evidenceX;
    private readonly double[] _evidenceY;
    private Pose2D _hypothesesOdom;
    private int _hypothesisCount;
    private int _evidenceScans;
    private int _capturedBeams;
    private Pose2D _capturedOdom;
    private int _badScans;
    private int _goodScans;
    private bool _initialized;

    public RecoveringLocalizer(MonteCarloLocalizer mcl, LikelihoodField field, KidnapRecoveryParameters parameters)
    {
        _mcl = mcl ?? throw new ArgumentNullException(nameof(mcl));
        _field = field ?? throw new ArgumentNullException(nameof(field));
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.Validate();
        _p = parameters;
        _matcher = new BranchAndBoundScanMatcher(field, parameters);
        _beamX = new double[parameters.MaxBeams];
        _beamY = new double[parameters.MaxBeams];
        _capturedX = new double[parameters.MaxBeams];
        _capturedY = new double[parameters.MaxBeams];
        _hypotheses = new Pose2D[parameters.MaxPeaks];
        _evidenceSum = new double[parameters.MaxPeaks];
        _evidenceX = new double[parameters.EvidenceBeams];
        _evidenceY = new double[parameters.EvidenceBeams];
        double sigmaFine = Math.Max(field.ResolutionM, parameters.SearchResolutionM / 2);
        _twoSigma2Fine = 2 * sigmaFine * sigmaFine;
    }

    /// <summary>Where the recovery is.</summary>
    public enum Phase
    {
        /// <summary>The scans fit the estimate.</summary>
        Tracking,

        /// <summary>A kidnap was detected; the scan matcher is searching the map.</summary>
        Searching,

        /// <summary>
        /// The scan fitted several places about equally well; each is re-fitted and scored on every following scan
        /// until one's mean score beats all others by the evidence margin.
        /// </summary>
        Disambiguating,

        /// <summary>The cloud was re-seeded at a match; waiting for good scans.</summary>
        Verifying,
    }

    /// <summary>The wrapped particle filter.</summary>
    public MonteCarloLocalizer Filter => _mcl;

    public BranchAndBoundScanMatcher Matcher => _matcher;

    public KidnapRecoveryParameters Parameters => _p;

    public Phase State { get; private set; }

    public bool IsLost => State != Phase.Tracking;

    public MapPoseEstimate Estimate => _mcl.Estimate;

    /// <summary>Share of beam endpoints near a mapped obstacle at the estimate, last scan with enough returns.</summary>
    public double LastHitFraction { get; private set; } = double.NaN;

    /// <summary>Running mean of the hit share while tracking (NaN until the first scan after a pose was given or found).</summary>
    public double BaselineHitFraction { get; private set; } = double.NaN;

    /// <summary>Kidnaps detected since construction.</summary>
    public long Detections { get; private set; }

    /// <summary>Searches started (a detection, or again after a search without a match or a re-seed that did not fit).</summary>
    public long Searches { get; private set; }

    /// <summary>Re-seeds of the particle cloud at a match.</summary>
    public long Reseeds { get; private set; }

    /// <summary>Searches whose scan fitted more than one place (the cloud was seeded over all of them).</summary>
    public long AmbiguousSearches { get; private set; }

    /// <summary>Hypotheses the last search kept (1 when its match was unambiguous).</summary>
    public int LastHypothesisCount { get; private set; }

    /// <summary>Held hypotheses dropped for trailing the best by more than the prune margin, since construction.</summary>
    public long Pruned { get; private set; }

    /// <summary>Hypotheses held now (merging and pruning can drop some after the search).</summary>
    public int HypothesisCount => _hypothesisCount;

    /// <summary>Scans the held hypotheses have been scored on since the last ambiguous search.</summary>
    public int EvidenceScanCount => _evidenceScans;

    /// <summary>Held hypothesis i (map pose at <see cref="HypothesesOdomPose"/>) and its mean full-scan score so far.</summary>
    public (Pose2D Pose, double MeanScore) Hypothesis(int i)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)i, (uint)_hypothesisCount, nameof(i));
        return (_hypotheses[i], _evidenceScans > 0 ? _evidenceSum[i] / _evidenceScans : double.NaN);
    }

    /// <summary>The odometry pose the held hypotheses were last carried to.</summary>
    public Pose2D HypothesesOdomPose => _hypothesesOdom;

    /// <summary>The map's distance field the search and the evidence score on.</summary>
    public LikelihoodField Field => _field;

    /// <summary>
    /// Copies the held hypotheses, carried by odometry to <paramref name="odomPose"/>, into <paramref name="mapPoses"/>
    /// (what a probing move is planned on); returns how many.
    /// </summary>
    public int CopyHypotheses(Pose2D odomPose, Span<Pose2D> mapPoses)
    {
        Pose2D delta = _hypothesesOdom.Between(odomPose);
        int n = Math.Min(_hypothesisCount, mapPoses.Length);
        for (int i = 0; i < n; i++)
        {
            mapPoses[i] = _hypotheses[i].Compose(delta);
        }

        return n;
    }

    /// <summary>Recoveries completed (back to tracking).</summary>
    public long Recoveries { get; private set; }

    /// <summary>Matcher beam look-ups over all searches since construction.</summary>
    public long TotalMatcherLookups { get; private set; }

    /// <summary>Scan time (µs) of the last detection, or −1.</summary>
    public long LastDetectionUs { get; private set; } = -1;

    /// <summary>Scan time (µs) of the last completed recovery, or −1.</summary>
    public long LastRecoveryUs { get; private set; } = -1;

    /// <summary>The last match (refined) and its grid score.</summary>
    public (Pose2D Pose, double Score) LastMatch { get; private set; }

    public void SetInitialPose(Pose2D mapPose, Pose2D odomPose, double sigmaXyM, double sigmaYawRad)
    {
        _mcl.SetInitialPose(mapPose, odomPose, sigmaXyM, sigmaYawRad);
        Resume();
    }

    public void StartGlobalLocalization(Pose2D odomPose)
    {
        _mcl.StartGlobalLocalization(odomPose);
        Resume();
    }

    public bool Update(
        Pose2D odomPose,
        ReadOnlySpan<float> rangesM,
        double angleMinRad,
        double angleIncrementRad,
        double rangeMinM,
        double rangeMaxM,
        Pose2D laserInBase,
        long timeUs)
    {
        bool updated = State is not (Phase.Searching or Phase.Disambiguating)
            && _mcl.Update(odomPose, rangesM, angleMinRad, angleIncrementRad, rangeMinM, rangeMaxM, laserInBase, timeUs);
        if (!_initialized)
        {
            return updated; // no pose yet: nothing to check the scan against
        }

        int beams = SelectBeams(rangesM, angleMinRad, angleIncrementRad, rangeMinM, rangeMaxM, laserInBase, _beamX, _beamY);
        if (State == Phase.Searching)
        {
            long before = _matcher.Lookups;
            bool done = _matcher.Step(_p.LookupsPerScan);
            TotalMatcherLookups += _matcher.Lookups - before;
            if (done)
            {
                FinishSearch();
            }

            return updated;
        }

        if (State == Phase.Disambiguating)
        {
            Weigh(odomPose, rangesM, angleMinRad, angleIncrementRad, rangeMinM, rangeMaxM, laserInBase, beams);
            return updated;
        }

        if (beams < _p.MinReturns)
        {
            return updated;
        }

        LastHitFraction = HitFraction(_mcl.Estimate.Propagate(odomPose), beams);
        if (double.IsNaN(BaselineHitFraction))
        {
            BaselineHitFraction = LastHitFraction; // the first scan after a pose was given or found
        }

        if (LastHitFraction < _p.LostHitRatio * BaselineHitFraction)
        {
            _badScans++;
            _goodScans = 0;
        }
        else
        {
            _goodScans++;
            _badScans = 0;
            if (State == Phase.Tracking)
            {
                BaselineHitFraction += _p.BaselineRate * (LastHitFraction - BaselineHitFraction);
            }
        }

        if (State == Phase.Verifying && _goodScans >= _p.RecoveredScans)
        {
            State = Phase.Tracking;
            Recoveries++;
            LastRecoveryUs = timeUs;
        }
        else if (_badScans >= _p.LostScans)
        {
            if (State == Phase.Tracking)
            {
                Detections++;
                LastDetectionUs = timeUs;
            }

            StartSearch(odomPose, beams);
        }

        return updated;
    }

    private void Resume()
    {
        _matcher.Cancel();
        _initialized = true;
        BaselineHitFraction = double.NaN;
        State = Phase.Tracking;
        _badScans = 0;
        _goodScans = 0;
    }

    private void StartSearch(Pose2D odomPose, int beams)
    {
        _beamX.AsSpan(0, beams).CopyTo(_capturedX);
        _beamY.AsSpan(0, beams).CopyTo(_capturedY);
        _capturedBeams = beams;
        _capturedOdom = odomPose;
        _matcher.Start(_capturedX.AsSpan(0, beams), _capturedY.AsSpan(0, beams));
        Searches++;
        State = Phase.Searching;
        _badScans = 0;
        _goodScans = 0;
    }

    private void FinishSearch()
    {
        if (!_matcher.Found)
        {
            // Nothing fits this scan (people in front of the robot, say): search again with the next one.
            _badScans = _p.LostScans - 1;
            State = Phase.Verifying;
            return;
        }

        Pose2D refined = Refine(_matcher.BestPose);
        LastMatch = (refined, _matcher.BestScore);
        Reseeds++;
        _badScans = 0;
        _goodScans = 0;
        int peaks = _matcher.PeakCount;
        LastHypothesisCount = Math.Max(1, peaks);
        if (peaks <= 1)
        {
            // The new place sets its own baseline: the kept scan's hit share at the match.
            BaselineHitFraction = CapturedHitFraction(refined);
            _mcl.SetInitialPose(refined, _capturedOdom, _p.SeedSigmaXyM, _p.SeedSigmaYawRad);
            State = Phase.Verifying;
            return;
        }

        _hypotheses[0] = refined;
        for (int i = 1; i < peaks; i++)
        {
            _hypotheses[i] = Refine(_matcher.Peak(i).Pose);
        }

        _evidenceSum.AsSpan().Clear();
        _hypothesisCount = peaks;
        MergeHypotheses(); // refinement can bring two peaks onto one place: two copies of one place would never let it win
        LastHypothesisCount = _hypothesisCount;
        _mcl.SetInitialPoses(_hypotheses.AsSpan(0, _hypothesisCount), _capturedOdom, _p.SeedSigmaXyM, _p.SeedSigmaYawRad);
        _hypothesesOdom = _capturedOdom;
        _evidenceScans = 0;
        AmbiguousSearches++;
        State = Phase.Disambiguating;
    }

    /// <summary>
    /// One scan of evidence while several places are held: each hypothesis is carried by the odometry since the last
    /// scan, re-fitted locally on this scan and scored on all its returns; when one's mean score beats every other's by
    /// the margin (after the least number of scans) the cloud is seeded there and verification starts.
    /// </summary>
    private void Weigh(Pose2D odomPose, ReadOnlySpan<float> rangesM, double angleMinRad, double angleIncrementRad, double rangeMinM,
        double rangeMaxM, Pose2D laserInBase, int detectorBeams)
    {
        int beams = SelectBeams(rangesM, angleMinRad, angleIncrementRad, rangeMinM, rangeMaxM, laserInBase, _evidenceX, _evidenceY);
        if (beams < _p.MinReturns || detectorBeams < _p.MinReturns)
        {
            return; // too few returns (dropout, people all round) to say anything
        }

        Pose2D delta = _hypothesesOdom.Between(odomPose);
        _hypothesesOdom = odomPose;
        int best = 0;
        for (int i = 0; i < _hypothesisCount; i++)
        {
            _hypotheses[i] = Refine(_hypotheses[i].Compose(delta), _evidenceX, _evidenceY, beams);
            _evidenceSum[i] += EvidenceScore(_hypotheses[i], laserInBase, beams) / beams;
        }

        _evidenceScans++;
        MergeHypotheses();
        for (int i = 1; i < _hypothesisCount; i++)
        {
            best = _evidenceSum[i] > _evidenceSum[best] ? i : best;
        }

        if (_evidenceScans < _p.EvidenceScans && _hypothesisCount > 1)
        {
            return;
        }

        best = PruneHypotheses(best);

        double runnerUp = double.NegativeInfinity;
        for (int i = 0; i < _hypothesisCount; i++)
        {
            runnerUp = i == best ? runnerUp : Math.Max(runnerUp, _evidenceSum[i]);
        }

        if (_hypothesisCount > 1 && (_evidenceSum[best] - runnerUp) / _evidenceScans < _p.EvidenceMargin)
        {
            return;
        }

        // One place explains the scans clearly better: it sets its own baseline, and good scans there end the recovery.
        _mcl.SetInitialPose(_hypotheses[best], odomPose, _p.SeedSigmaXyM, _p.SeedSigmaYawRad);
        BaselineHitFraction = HitFraction(_hypotheses[best], detectorBeams);
        State = Phase.Verifying;
        _badScans = 0;
        _goodScans = 0;
    }

    /// <summary>
    /// Drops every held hypothesis whose mean score trails the best by more than
    /// <see cref="KidnapRecoveryParameters.PruneMargin"/>: it is no longer a contender, and a probing move need not
    /// be clear under it. Returns the best one's new index.
    /// </summary>
    private int PruneHypotheses(int best)
    {
        for (int i = _hypothesisCount - 1; i >= 0; i--)
        {
            if ((_evidenceSum[best] - _evidenceSum[i]) / _evidenceScans <= _p.PruneMargin)
            {
                continue;
            }

            _hypothesisCount--;
            Pruned++;
            _hypotheses[i] = _hypotheses[_hypothesisCount];
            _evidenceSum[i] = _evidenceSum[_hypothesisCount];
            best = best == _hypothesisCount ? i : best;
        }

        return best;
    }

    /// <summary>
    /// Keeps one of any two held hypotheses nearer than the peak separation (position and yaw): the one with more
    /// evidence, or the earlier (better-matched) one before any evidence.
    /// </summary>
    private void MergeHypotheses()
    {
        for (int j = _hypothesisCount - 1; j > 0; j--)
        {
            for (int i = 0; i < j; i++)
            {
                double dx = _hypotheses[i].XM - _hypotheses[j].XM, dy = _hypotheses[i].YM - _hypotheses[j].YM;
                if ((dx * dx) + (dy * dy) >= _p.PeakSeparationM * _p.PeakSeparationM
                    || Math.Abs(Pose2D.WrapPi(_hypotheses[i].YawRad - _hypotheses[j].YawRad)) >= _p.PeakSeparationRad)
                {
                    continue;
                }

                if (_evidenceSum[j] > _evidenceSum[i])
                {
                    (_hypotheses[i], _evidenceSum[i]) = (_hypotheses[j], _evidenceSum[j]);
                }

                _hypothesisCount--;
                _hypotheses[j] = _hypotheses[_hypothesisCount];
                _evidenceSum[j] = _evidenceSum[_hypothesisCount];
                break;
            }
        }
    }

    /// <summary>Two local grid passes (±1 search cell / ±1°, then a quarter of that) on the map's own distance field.</summary>
    private Pose2D Refine(Pose2D pose) => Refine(pose, _capturedX, _capturedY, _capturedBeams);

    private Pose2D Refine(Pose2D pose, double[] beamX, double[] beamY, int beams)
    {
        double stepXy = _p.SearchResolutionM / 2, stepYaw = Math.PI / 360;
        for (int pass = 0; pass < 2; pass++)
        {
            Pose2D best = pose;
            double bestScore = FineScore(pose, beamX, beamY, beams);
            for (int a = -2; a <= 2; a++)
            {
                for (int i = -2; i <= 2; i++)
                {
                    for (int j = -2; j <= 2; j++)
                    {
                        var candidate = new Pose2D(pose.XM + (i * stepXy), pose.YM + (j * stepXy), Pose2D.WrapPi(pose.YawRad + (a * stepYaw)));
                        double score = FineScore(candidate, beamX, beamY, beams);
                        if (score > bestScore)
                        {
                            bestScore = score;
                            best = candidate;
                        }
                    }
                }
            }

            pose = best;
            stepXy /= 4;
            stepYaw /= 4;
        }

        return pose;
    }

    /// <summary>
    /// A hypothesis' evidence from one scan: per return, its endpoint's score on the field times how well its range
    /// agrees with the range cast on the map along the beam (1 − |Δ|/cap, at least 0; 1 where the map cannot say). The
    /// endpoint alone cannot tell a return that passed through a rack the hypothesis has in the way (see-through) from
    /// a good one; look-alike aisles differ in exactly such beams.
    /// </summary>
    private double EvidenceScore(Pose2D pose, Pose2D laserInBase, int beams)
    {
        Pose2D laser = pose.Compose(laserInBase);
        double c = Math.Cos(pose.YawRad), s = Math.Sin(pose.YawRad);
        double capM = _p.EvidenceRangeCapM;
        double sum = 0;
        for (int b = 0; b < beams; b++)
        {
            double ex = pose.XM + (c * _evidenceX[b]) - (s * _evidenceY[b]), ey = pose.YM + (s * _evidenceX[b]) + (c * _evidenceY[b]);
            double endpoint = FineEndpointScore(ex, ey);
            if (endpoint < 1e-3)
            {
                continue; // nothing to lose: the endpoint already says the beam does not fit
            }

            double ux = ex - laser.XM, uy = ey - laser.YM;
            double observedM = Math.Sqrt((ux * ux) + (uy * uy));
            double predictedM = MapRayCaster.RangeM(_field, laser.XM, laser.YM, Math.Atan2(uy, ux), observedM + capM);
            double agreement = double.IsNaN(predictedM) ? 1 : Math.Max(0, 1 - (Math.Abs(observedM - predictedM) / capM));
            sum += endpoint * agreement;
        }

        return sum;
    }

    private double FineScore(Pose2D pose, double[] beamX, double[] beamY, int beams)
    {
        double c = Math.Cos(pose.YawRad), s = Math.Sin(pose.YawRad);
        double sum = 0;
        for (int b = 0; b < beams; b++)
        {
            sum += FineEndpointScore(pose.XM + (c * beamX[b]) - (s * beamY[b]), pose.YM + (s * beamX[b]) + (c * beamY[b]));
        }

        return sum;
    }

    /// <summary>An endpoint's score on the full-resolution field, off-map endpoints scored as by the matcher.</summary>
    private double FineEndpointScore(double xM, double yM)
    {
        int cx = (int)Math.Floor((xM - _field.OriginXM) / _field.ResolutionM);
        int cy = (int)Math.Floor((yM - _field.OriginYM) / _field.ResolutionM);
        return (uint)cx < (uint)_field.Width && (uint)cy < (uint)_field.Height
            ? BranchAndBoundScanMatcher.EndpointScore(_field.DistanceM(cx, cy), BranchAndBoundScanMatcher.EdgeDistanceM(_field, cx, cy), _twoSigma2Fine, _p.OffMapEndpointScore)
            : _p.OffMapEndpointScore;
    }

    private double CapturedHitFraction(Pose2D pose)
    {
        double c = Math.Cos(pose.YawRad), s = Math.Sin(pose.YawRad);
        int hits = 0;
        for (int b = 0; b < _capturedBeams; b++)
        {
            double d = DistanceAt(pose.XM + (c * _capturedX[b]) - (s * _capturedY[b]), pose.YM + (s * _capturedX[b]) + (c * _capturedY[b]));
            hits += d <= _p.HitDistanceM ? 1 : 0;
        }

        return (double)hits / _capturedBeams;
    }

    private double HitFraction(Pose2D pose, int beams)
    {
        double c = Math.Cos(pose.YawRad), s = Math.Sin(pose.YawRad);
        int hits = 0;
        for (int b = 0; b < beams; b++)
        {
            double d = DistanceAt(pose.XM + (c * _beamX[b]) - (s * _beamY[b]), pose.YM + (s * _beamX[b]) + (c * _beamY[b]));
            hits += d <= _p.HitDistanceM ? 1 : 0;
        }

        return (double)hits / beams;
    }

    /// <summary>Distance (m) from a world point to the nearest mapped obstacle; the field's maximum off the map.</summary>
    private double DistanceAt(double xM, double yM)
    {
        int cx = (int)Math.Floor((xM - _field.OriginXM) / _field.ResolutionM);
        int cy = (int)Math.Floor((yM - _field.OriginYM) / _field.ResolutionM);
        return (uint)cx < (uint)_field.Width && (uint)cy < (uint)_field.Height ? _field.DistanceM(cx, cy) : _field.MaxDistanceM;
    }

    /// <summary>Up to the buffers' length evenly spaced returns, as endpoints in the base frame.</summary>
    private static int SelectBeams(ReadOnlySpan<float> rangesM, double angleMinRad, double angleIncrementRad, double rangeMinM, double rangeMaxM,
        Pose2D laserInBase, double[] beamX, double[] beamY)
    {
        int n = rangesM.Length;
        if (n == 0 || !double.IsFinite(angleMinRad) || !double.IsFinite(angleIncrementRad) || !IsFinite(laserInBase))
        {
            return 0;
        }

        int picks = Math.Min(beamX.Length, n);
        double step = picks > 1 ? (double)(n - 1) / (picks - 1) : 0;
        double cosL = Math.Cos(laserInBase.YawRad), sinL = Math.Sin(laserInBase.YawRad);
        int used = 0;
        for (int j = 0; j < picks; j++)
        {
            int index = (int)Math.Round(j * step);
            double range = rangesM[index];
            if (!double.IsFinite(range) || range >= rangeMaxM || range < rangeMinM)
            {
                continue;
            }

            double angle = angleMinRad + (index * angleIncrementRad);
            double lx = range * Math.Cos(angle), ly = range * Math.Sin(angle);
            beamX[used] = laserInBase.XM + (cosL * lx) - (sinL * ly);
            beamY[used] = laserInBase.YM + (sinL * lx) + (cosL * ly);
            used++;
        }

        return used;
    }

    private static bool IsFinite(Pose2D pose) =>
        double.IsFinite(pose.XM) && double.IsFinite(pose.YM) && double.IsFinite(pose.YawRad);
}
