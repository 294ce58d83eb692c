using StrategicTech.Navigation.Planning.Costmaps;

namespace StrategicTech.Navigation.Localization;

/// <summary>
/// Adaptive Monte Carlo localization on a known occupancy map, like Nav2 AMCL: odometry motion model, likelihood-field
/// scan model, KLD-sized low-variance resampling when the effective sample size drops, augmented-MCL random
/// particles for kidnapped-robot recovery, global localization over the free cells, and the estimate as the
/// weighted mean of the heaviest cluster of histogram bins. Deterministic for a seeded <see cref="Random"/>; all
/// buffers are sized at construction, so <see cref="Update"/> allocates nothing.
/// </summary>
public sealed class MonteCarloLocalizer : IMapLocalizer
{
    private readonly MclParameters _p;
    private readonly LikelihoodField _field;
    private readonly Random _random;
    private SeededGaussian _gaussian;

    // Particles (structure of arrays) and the resampling target they swap with.
    private double[] _x;
    private double[] _y;
    private double[] _yaw;
    private double[] _nextX;
    private double[] _nextY;
    private double[] _nextYaw;
    private readonly double[] _weight;
    private readonly double[] _logWeight;
    private readonly double[] _rawLog;
    private readonly int[] _parents;
    private readonly int[] _particleSlot;

    // Scan beams of the current update in the base frame.
    private readonly double[] _beamBaseX;
    private readonly double[] _beamBaseY;

    // Clustering scratch.
    private readonly PoseBinTable _bins;
    private readonly int[] _queue;
    private readonly double[] _clusterWeight;
    private readonly double[] _clusterX;
    private readonly double[] _clusterY;
    private readonly double[] _clusterCos;
    private readonly double[] _clusterSin;
    private readonly double[] _clusterXx;
    private readonly double[] _clusterYy;
    private readonly double[] _clusterXy;

    private readonly double _logNonFree;
    private int _count;
    private bool _initialized;
    private bool _forceUpdate;
    private Pose2D _lastOdom;
    private double _wSlow;
    private double _wFast;
    private int _sensorUpdatesSinceInit;
    private int _stableUpdates;

    public MonteCarloLocalizer(OccupancyGridMap map, MclParameters parameters, Random random)
        : this(new LikelihoodField(map, parameters), parameters, random)
    {
    }

    /// <summary>Shares a prebuilt likelihood field (several filters on one map, or a field built once at start-up).</summary>
    public MonteCarloLocalizer(LikelihoodField field, MclParameters parameters, Random random)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.Validate();
        _p = parameters;
        _field = field;
        _random = random ?? throw new ArgumentNullException(nameof(random));
        _gaussian = new SeededGaussian(random);
        int n = parameters.MaxParticles;
        _x = new double[n];
        _y = new double[n];
        _yaw = new double[n];
        _nextX = new double[n];
        _nextY = new double[n];
        _nextYaw = new double[n];
        _weight = new double[n];
        _logWeight = new double[n];
        _rawLog = new double[n];
        _parents = new int[n];
        _particleSlot = new int[n];
        _beamBaseX = new double[parameters.MaxBeams];
        _beamBaseY = new double[parameters.MaxBeams];
        _bins = new PoseBinTable(n, parameters.BinSizeXyM, parameters.BinSizeYawRad);
        _queue = new int[n];
        _clusterWeight = new double[n];
        _clusterX = new double[n];
        _clusterY = new double[n];
        _clusterCos = new double[n];
        _clusterSin = new double[n];
        _clusterXx = new double[n];
        _clusterYy = new double[n];
        _clusterXy = new double[n];
        _logNonFree = Math.Log(parameters.NonFreeCellFactor);
        if (parameters.LaserMaxRangeM > 0)
        {
            _field.SetRandomRange(parameters.LaserMaxRangeM);
        }
    }

    public MclParameters Parameters => _p;

    public MapPoseEstimate Estimate { get; private set; }

    /// <summary>Particles in the set now.</summary>
    public int ParticleCount => _count;

    /// <summary>Share of the weight in the cluster the estimate comes from.</summary>
    public double BestClusterWeight { get; private set; }

    /// <summary>Clusters of adjacent occupied bins at the last estimate.</summary>
    public int ClusterCount { get; private set; }

    /// <summary>x–y covariance (m²) of the best cluster: σx², σxy, σy².</summary>
    public (double Xx, double Xy, double Yy) PositionCovarianceM2 { get; private set; }

    /// <summary>Smallest scan log-likelihood drop (nats) over the eight probe shifts of the last estimate.</summary>
    public double LeastProbeDrop { get; private set; }

    /// <summary>Effective sample size 1/Σw² after the last sensor update.</summary>
    public double EffectiveSampleSize { get; private set; }

    /// <summary>Filter updates (motion + scan) run since construction.</summary>
    public long FilterUpdates { get; private set; }

    /// <summary>Resamplings run since construction.</summary>
    public long Resamplings { get; private set; }

    /// <summary>Random particles injected since construction (augmented MCL).</summary>
    public long InjectedParticles { get; private set; }

    /// <summary>Scans refused for bad arguments (non-finite odometry or angles, empty scan, bad range limits).</summary>
    public long RejectedScans { get; private set; }

    /// <summary>Scans that arrived before any initial pose or global localization.</summary>
    public long ScansBeforeInitialization { get; private set; }

    /// <summary>Particle i's pose (for plots and tests).</summary>
    public Pose2D Particle(int i) => new(_x[i], _y[i], _yaw[i]);

    /// <summary>Particle i's normalised weight.</summary>
    public double ParticleWeight(int i) => _weight[i];

    /// <summary>Long- and short-term per-beam average likelihoods of augmented MCL (w_slow, w_fast).</summary>
    public (double Slow, double Fast) AverageLikelihoods => (_wSlow, _wFast);

    public void SetInitialPose(Pose2D mapPose, Pose2D odomPose, double sigmaXyM, double sigmaYawRad)
    {
        if (!IsFinite(mapPose) || !IsFinite(odomPose) || !(sigmaXyM >= 0) || !(sigmaYawRad >= 0)
            || !double.IsFinite(sigmaXyM) || !double.IsFinite(sigmaYawRad))
        {
            throw new ArgumentException("initial pose, odometry pose and sigmas must be finite (sigmas ≥ 0)");
        }

        _count = _p.MaxParticles;
        for (int i = 0; i < _count; i++)
        {
            _x[i] = mapPose.XM + (sigmaXyM * _gaussian.NextStandardNormal());
            _y[i] = mapPose.YM + (sigmaXyM * _gaussian.NextStandardNormal());
            _yaw[i] = Pose2D.WrapPi(mapPose.YawRad + (sigmaYawRad * _gaussian.NextStandardNormal()));
        }

        Reset(odomPose);
    }

    /// <summary>
    /// Seeds the cloud over several hypotheses at once (particles split evenly, Gaussian about each): kidnap recovery
    /// uses it when a scan fits more than one place, so later scans decide between them.
    /// </summary>
    public void SetInitialPoses(ReadOnlySpan<Pose2D> mapPoses, Pose2D odomPose, double sigmaXyM, double sigmaYawRad)
    {
        if (mapPoses.IsEmpty || !IsFinite(odomPose) || !(sigmaXyM >= 0) || !(sigmaYawRad >= 0)
            || !double.IsFinite(sigmaXyM) || !double.IsFinite(sigmaYawRad))
        {
            throw new ArgumentException("at least one pose; odometry pose and sigmas must be finite (sigmas ≥ 0)");
        }

        foreach (Pose2D pose in mapPoses)
        {
            if (!IsFinite(pose))
            {
                throw new ArgumentException("hypothesis poses must be finite", nameof(mapPoses));
            }
        }

        _count = _p.MaxParticles;
        for (int i = 0; i < _count; i++)
        {
            Pose2D pose = mapPoses[i % mapPoses.Length];
            _x[i] = pose.XM + (sigmaXyM * _gaussian.NextStandardNormal());
            _y[i] = pose.YM + (sigmaXyM * _gaussian.NextStandardNormal());
            _yaw[i] = Pose2D.WrapPi(pose.YawRad + (sigmaYawRad * _gaussian.NextStandardNormal()));
        }

        Reset(odomPose);
    }

    /// <summary>The next <see cref="Update"/> weighs its scan even if the robot has not moved (new evidence while it stands still).</summary>
    public void RequestUpdate() => _forceUpdate = true;

    public void StartGlobalLocalization(Pose2D odomPose)
    {
        if (!IsFinite(odomPose))
        {
            throw new ArgumentException("odometry pose must be finite", nameof(odomPose));
        }

        _count = _p.MaxParticles;
        for (int i = 0; i < _count; i++)
        {
            (_x[i], _y[i], _yaw[i]) = RandomFreePose();
        }

        Reset(odomPose);
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
        if (!IsFinite(odomPose) || !IsFinite(laserInBase) || rangesM.IsEmpty || !double.IsFinite(angleMinRad)
            || !double.IsFinite(angleIncrementRad) || angleIncrementRad == 0 || !(rangeMinM >= 0)
            || !(rangeMaxM > rangeMinM) || !double.IsFinite(rangeMaxM))
        {
            RejectedScans++;
            return false;
        }

        if (!_initialized)
        {
            ScansBeforeInitialization++;
            return false;
        }

        double dx = odomPose.XM - _lastOdom.XM;
        double dy = odomPose.YM - _lastOdom.YM;
        double dyaw = Pose2D.WrapPi(odomPose.YawRad - _lastOdom.YawRad);
        bool moved = Math.Sqrt((dx * dx) + (dy * dy)) >= _p.UpdateMinDM || Math.Abs(dyaw) >= _p.UpdateMinARad;
        if (!moved && !_forceUpdate)
        {
            return false;
        }

        _forceUpdate = false;
        ApplyMotion(odomPose);
        _lastOdom = odomPose;

        if (_p.LaserMaxRangeM <= 0)
        {
            _field.SetRandomRange(rangeMaxM);
        }

        int beams = SelectBeams(rangesM, angleMinRad, angleIncrementRad, rangeMinM, rangeMaxM, laserInBase);
        double perBeamLikelihood = Weigh(beams);
        FilterUpdates++;
        if (beams > 0)
        {
            _sensorUpdatesSinceInit++;
        }

        double injectProbability = beams > 0 ? UpdateAverages(perBeamLikelihood) : 0;
        Pose2D carried = Estimate.Propagate(odomPose);
        ComputeEstimate(odomPose, timeUs);
        if (beams > 0)
        {
            double jumpX = Estimate.Pose.XM - carried.XM, jumpY = Estimate.Pose.YM - carried.YM;
            bool stable = Math.Sqrt((jumpX * jumpX) + (jumpY * jumpY)) <= _p.ConvergedMaxJumpM
                && Math.Abs(Pose2D.WrapPi(Estimate.Pose.YawRad - carried.YawRad)) <= _p.ConvergedMaxJumpRad;
            _stableUpdates = stable ? _stableUpdates + 1 : 0;
            bool converged = Estimate.Converged && _stableUpdates >= _p.ConvergedStableUpdates;
            LeastProbeDrop = LeastLogLikelihoodDrop(Estimate.Pose, beams);
            Estimate = Estimate with { Converged = converged && LeastProbeDrop >= _p.ConvergedMinLogLikelihoodDrop };
        }
        if (injectProbability > 0 || EffectiveSampleSize < _p.ResampleEssFraction * _count)
        {
            Resample(injectProbability);
        }

        return true;
    }

    private void Reset(Pose2D odomPose)
    {
        double w = 1.0 / _count;
        double logW = Math.Log(w);
        for (int i = 0; i < _count; i++)
        {
            _weight[i] = w;
            _logWeight[i] = logW;
        }

        _lastOdom = odomPose;
        _initialized = true;
        _forceUpdate = true;
        _wSlow = 0;
        _wFast = 0;
        _sensorUpdatesSinceInit = 0;
        _stableUpdates = 0;
        EffectiveSampleSize = _count;
        ComputeEstimate(odomPose, Estimate.TimeUs);
    }

    private void ApplyMotion(Pose2D odomPose)
    {
        (double rot1, double trans, double rot2) = OdometryMotionModel.Decompose(_lastOdom, odomPose);
        for (int i = 0; i < _count; i++)
        {
            Pose2D moved = OdometryMotionModel.Sample(new Pose2D(_x[i], _y[i], _yaw[i]), rot1, trans, rot2,
                _p.Alpha1, _p.Alpha2, _p.Alpha3, _p.Alpha4, ref _gaussian);
            _x[i] = moved.XM;
            _y[i] = moved.YM;
            _yaw[i] = moved.YawRad;
        }
    }

    /// <summary>Picks up to max_beams evenly spaced beams with a return and stores their endpoints in the base frame.</summary>
    private int SelectBeams(ReadOnlySpan<float> rangesM, double angleMinRad, double angleIncrementRad, double rangeMinM, double rangeMaxM, Pose2D laserInBase)
    {
        int n = rangesM.Length;
        int picks = Math.Min(_p.MaxBeams, n);
        double step = picks > 1 ? (double)(n - 1) / (picks - 1) : 0;
        double cosL = Math.Cos(laserInBase.YawRad);
        double sinL = Math.Sin(laserInBase.YawRad);
        int used = 0;
        for (int j = 0; j < picks; j++)
        {
            int index = (int)Math.Round(j * step);
            double range = rangesM[index];
            if (!double.IsFinite(range) || range >= rangeMaxM || range < rangeMinM)
            {
                continue; // no return: the likelihood field ignores max-range readings, as AMCL does
            }

            double angle = angleMinRad + (index * angleIncrementRad);
            double lx = range * Math.Cos(angle);
            double ly = range * Math.Sin(angle);
            _beamBaseX[used] = laserInBase.XM + (cosL * lx) - (sinL * ly);
            _beamBaseY[used] = laserInBase.YM + (sinL * lx) + (cosL * ly);
            used++;
        }

        return used;
    }

    /// <summary>
    /// Multiplies each weight by the (tempered) scan likelihood, normalises, and returns the average likelihood per
    /// beam for augmented MCL: (Σ wᵢ·p(z|xᵢ))^(1/beams) with the prior weights and the untempered likelihood. The
    /// per-beam root keeps it in range for any beam count, where the product over hundreds of beams would underflow;
    /// the sum stays dominated by the best particles, as in the book, so random particles do not drag it down.
    /// </summary>
    private double Weigh(int beams)
    {
        if (beams == 0)
        {
            return double.NaN;
        }

        ReadOnlySpan<float> table = _field.LogLikelihoods;
        ReadOnlySpan<bool> free = _field.FreeMask;
        ReadOnlySpan<double> bx = _beamBaseX.AsSpan(0, beams);
        ReadOnlySpan<double> by = _beamBaseY.AsSpan(0, beams);
        double originX = _field.OriginXM, originY = _field.OriginYM;
        double inv = 1.0 / _field.ResolutionM;
        int width = _field.Width, height = _field.Height;
        double far = _field.FarLogLikelihood;
        double exponent = _p.ScanLikelihoodExponent;
        double max = double.NegativeInfinity;
        double rawMax = double.NegativeInfinity;
        for (int i = 0; i < _count; i++)
        {
            double px = _x[i], py = _y[i];
            double c = Math.Cos(_yaw[i]), s = Math.Sin(_yaw[i]);
            double sum = 0;
            for (int b = 0; b < bx.Length; b++)
            {
                double ex = px + (c * bx[b]) - (s * by[b]);
                double ey = py + (s * bx[b]) + (c * by[b]);
                int cx = (int)Math.Floor((ex - originX) * inv);
                int cy = (int)Math.Floor((ey - originY) * inv);
                sum += (uint)cx < (uint)width && (uint)cy < (uint)height ? table[(cy * width) + cx] : far;
            }

            double raw = _logWeight[i] + sum;
            _rawLog[i] = raw;
            rawMax = Math.Max(rawMax, raw);
            sum *= exponent;
            int pxCell = (int)Math.Floor((px - originX) * inv);
            int pyCell = (int)Math.Floor((py - originY) * inv);
            if (!((uint)pxCell < (uint)width && (uint)pyCell < (uint)height && free[(pyCell * width) + pxCell]))
            {
                sum += _logNonFree;
            }

            double l = _logWeight[i] + sum;
            _logWeight[i] = l;
            max = Math.Max(max, l);
        }

        double total = 0;
        for (int i = 0; i < _count; i++)
        {
            double w = Math.Exp(_logWeight[i] - max);
            _weight[i] = w;
            total += w;
        }

        double rawTotal = 0;
        for (int i = 0; i < _count; i++)
        {
            rawTotal += Math.Exp(_rawLog[i] - rawMax);
        }

        double logTotal = Math.Log(total);
        double sumSquares = 0;
        for (int i = 0; i < _count; i++)
        {
            double w = _weight[i] / total;
            _weight[i] = w;
            _logWeight[i] = _logWeight[i] - max - logTotal;
            sumSquares += w * w;
        }

        EffectiveSampleSize = 1.0 / sumSquares;
        return Math.Exp((rawMax + Math.Log(rawTotal)) / beams);
    }

    /// <summary>Augmented MCL (Probabilistic Robotics Table 8.3): returns the probability of a random particle per draw.</summary>
    private double UpdateAverages(double perBeamLikelihood)
    {
        if (_p.AlphaSlow <= 0 || _p.AlphaFast <= 0)
        {
            return 0;
        }

        if (_wSlow == 0)
        {
            _wSlow = perBeamLikelihood;
            _wFast = perBeamLikelihood;
        }
        else
        {
            _wSlow += _p.AlphaSlow * (perBeamLikelihood - _wSlow);
            _wFast += _p.AlphaFast * (perBeamLikelihood - _wFast);
        }

        return Math.Max(0.0, 1.0 - (_wFast / _wSlow));
    }

    /// <summary>
    /// Low-variance resampling to a KLD-sized set: the comb draws max_particles parents, which are then taken in a
    /// random order (a partial Fisher–Yates shuffle, so stopping early is unbiased) until the count reaches the KLD
    /// bound for the bins the new set occupies; each draw is a uniform free-space pose instead with the augmented-MCL
    /// probability.
    /// </summary>
    private void Resample(double injectProbability)
    {
        int max = _p.MaxParticles;
        Span<int> parents = _parents.AsSpan(0, max);
        LowVarianceResampler.Resample(_weight.AsSpan(0, _count), parents, _random.NextDouble());
        _bins.Clear();
        int n = 0;
        int injected = 0;
        while (n < max)
        {
            int j = n + _random.Next(max - n);
            (parents[n], parents[j]) = (parents[j], parents[n]);
            if (injectProbability > 0 && _random.NextDouble() < injectProbability)
            {
                (_nextX[n], _nextY[n], _nextYaw[n]) = RandomFreePose();
                injected++;
            }
            else
            {
                int parent = parents[n];
                _nextX[n] = _x[parent];
                _nextY[n] = _y[parent];
                _nextYaw[n] = _yaw[parent];
            }

            _bins.Insert(_nextX[n], _nextY[n], _nextYaw[n]);
            n++;
            if (n >= _p.MinParticles && n >= KldSampling.RequiredParticles(_bins.Count, _p.KldErr, _p.KldZ))
            {
                break;
            }
        }

        (_x, _nextX) = (_nextX, _x);
        (_y, _nextY) = (_nextY, _y);
        (_yaw, _nextYaw) = (_nextYaw, _yaw);
        _count = n;
        double w = 1.0 / n;
        double logW = Math.Log(w);
        for (int i = 0; i < n; i++)
        {
            _weight[i] = w;
            _logWeight[i] = logW;
        }

        EffectiveSampleSize = n;
        Resamplings++;
        InjectedParticles += injected;

        // Unlike AMCL, the averages are not restarted after an injection (Probabilistic Robotics Table 8.3): a
        // restart sets w_slow to the kidnapped robot's poor likelihood and stops the search it should drive.
    }

    /// <summary>
    /// Clusters occupied bins by 26-adjacency (yaw wraps) and takes the heaviest cluster's weighted mean (circular
    /// for yaw) and covariance as the estimate.
    /// </summary>
    private void ComputeEstimate(Pose2D odomPose, long timeUs)
    {
        _bins.Clear();
        for (int i = 0; i < _count; i++)
        {
            int slot = _bins.Insert(_x[i], _y[i], _yaw[i]);
            _particleSlot[i] = slot;
            _bins.Weight[slot] += _weight[i];
        }

        int clusters = 0;
        for (int u = 0; u < _bins.Count; u++)
        {
            int seed = _bins.UsedSlot(u);
            if (_bins.Cluster[seed] >= 0)
            {
                continue;
            }

            int head = 0, tail = 0;
            _queue[tail++] = seed;
            _bins.Cluster[seed] = clusters;
            while (head < tail)
            {
                (int bx, int by, int byaw) = _bins.BinOfSlot(_queue[head++]);
                for (int ox = -1; ox <= 1; ox++)
                {
                    for (int oy = -1; oy <= 1; oy++)
                    {
                        for (int oa = -1; oa <= 1; oa++)
                        {
                            int neighbour = _bins.Find(bx + ox, by + oy, byaw + oa);
                            if (neighbour >= 0 && _bins.Cluster[neighbour] < 0)
                            {
                                _bins.Cluster[neighbour] = clusters;
                                _queue[tail++] = neighbour;
                            }
                        }
                    }
                }
            }

            _clusterWeight[clusters] = 0;
            _clusterX[clusters] = 0;
            _clusterY[clusters] = 0;
            _clusterCos[clusters] = 0;
            _clusterSin[clusters] = 0;
            _clusterXx[clusters] = 0;
            _clusterYy[clusters] = 0;
            _clusterXy[clusters] = 0;
            clusters++;
        }

        for (int i = 0; i < _count; i++)
        {
            int c = _bins.Cluster[_particleSlot[i]];
            double w = _weight[i];
            _clusterWeight[c] += w;
            _clusterX[c] += w * _x[i];
            _clusterY[c] += w * _y[i];
            _clusterCos[c] += w * Math.Cos(_yaw[i]);
            _clusterSin[c] += w * Math.Sin(_yaw[i]);
        }

        int best = 0;
        for (int c = 1; c < clusters; c++)
        {
            if (_clusterWeight[c] > _clusterWeight[best])
            {
                best = c;
            }
        }

        double total = _clusterWeight[best];
        double meanX = _clusterX[best] / total;
        double meanY = _clusterY[best] / total;
        double meanYaw = Math.Atan2(_clusterSin[best], _clusterCos[best]);
        double resultant = Math.Sqrt((_clusterSin[best] * _clusterSin[best]) + (_clusterCos[best] * _clusterCos[best])) / total;

        // Second moments about the mean in a second pass (exact, no cancellation at map-scale coordinates).
        double xx = 0, yy = 0, xy = 0;
        for (int i = 0; i < _count; i++)
        {
            if (_bins.Cluster[_particleSlot[i]] != best)
            {
                continue;
            }

            double ex = _x[i] - meanX, ey = _y[i] - meanY, w = _weight[i];
            xx += w * ex * ex;
            yy += w * ey * ey;
            xy += w * ex * ey;
        }

        xx /= total;
        yy /= total;
        xy /= total;
        double sigmaYaw = resultant >= 1 ? 0 : Math.Sqrt(-2.0 * Math.Log(Math.Max(resultant, 1e-300)));
        double sigmaX = Math.Sqrt(xx), sigmaY = Math.Sqrt(yy);
        double totalWeight = 0;
        for (int c = 0; c < clusters; c++)
        {
            totalWeight += _clusterWeight[c];
        }

        BestClusterWeight = total / totalWeight;
        ClusterCount = clusters;
        PositionCovarianceM2 = (xx, xy, yy);
        bool converged = _sensorUpdatesSinceInit > 0
            && BestClusterWeight >= _p.ConvergedWeightFraction
            && sigmaX <= _p.ConvergedSigmaXyM && sigmaY <= _p.ConvergedSigmaXyM
            && sigmaYaw <= _p.ConvergedSigmaYawRad;
        Estimate = new MapPoseEstimate(new Pose2D(meanX, meanY, meanYaw), odomPose, sigmaX, sigmaY, sigmaYaw, _count, timeUs, converged);
    }

    /// <summary>The least drop of the scan log-likelihood when the pose is shifted by the probe distance in eight directions.</summary>
    private double LeastLogLikelihoodDrop(Pose2D pose, int beams)
    {
        double atPose = ScanLogLikelihood(pose.XM, pose.YM, pose.YawRad, beams);
        double least = double.PositiveInfinity;
        for (int k = 0; k < 8; k++)
        {
            double angle = k * Math.PI / 4;
            double shifted = ScanLogLikelihood(pose.XM + (_p.ConvergedProbeM * Math.Cos(angle)), pose.YM + (_p.ConvergedProbeM * Math.Sin(angle)), pose.YawRad, beams);
            least = Math.Min(least, atPose - shifted);
        }

        return least;
    }

    /// <summary>Untempered scan log-likelihood of one pose (the same sum <see cref="Weigh"/> makes per particle).</summary>
    private double ScanLogLikelihood(double px, double py, double yawRad, int beams)
    {
        double c = Math.Cos(yawRad), s = Math.Sin(yawRad);
        double inv = 1.0 / _field.ResolutionM;
        double sum = 0;
        for (int b = 0; b < beams; b++)
        {
            double ex = px + (c * _beamBaseX[b]) - (s * _beamBaseY[b]);
            double ey = py + (s * _beamBaseX[b]) + (c * _beamBaseY[b]);
            sum += _field.LogLikelihoodAt(ex, ey);
        }

        return sum;
    }

    private (double X, double Y, double Yaw) RandomFreePose()
    {
        int cell = _field.FreeCell(_random.Next(_field.FreeCellCount));
        int cx = cell % _field.Width;
        int cy = cell / _field.Width;
        return (
            _field.OriginXM + ((cx + _random.NextDouble()) * _field.ResolutionM),
            _field.OriginYM + ((cy + _random.NextDouble()) * _field.ResolutionM),
            Pose2D.WrapPi((_random.NextDouble() * 2 * Math.PI) - Math.PI));
    }

    private static bool IsFinite(Pose2D pose) =>
        double.IsFinite(pose.XM) && double.IsFinite(pose.YM) && double.IsFinite(pose.YawRad);
}
