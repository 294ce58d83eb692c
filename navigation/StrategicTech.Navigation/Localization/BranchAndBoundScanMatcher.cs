namespace StrategicTech.Navigation.Localization;

/// <summary>
/// Global scan matching by branch and bound over (x, y, θ) on a known map, in the manner of Hess et al. (2016,
/// "Real-time loop closure in 2D LIDAR SLAM", §V): the score of a pose is the mean over beams of
/// exp(−d²/2σ²), d the endpoint's distance to the nearest mapped obstacle, on a grid of
/// <see cref="KidnapRecoveryParameters.SearchResolutionM"/> (an endpoint off the map scores
/// <see cref="KidnapRecoveryParameters.OffMapEndpointScore"/>); level h of a pyramid holds, for each cell, the
/// largest score in the 2^h × 2^h block starting there, so the sum over beams at level h bounds every pose in a
/// block of 2^h × 2^h robot cells (one yaw). Blocks are scored for every yaw at the top level, sorted, and refined
/// depth first, best child first, pruning blocks whose bound does not beat the best leaf found (or the minimum
/// score); blocks without a free cell are skipped. The answer is the exact best leaf on the grid.
/// The search runs incrementally: <see cref="Step"/> spends at most a given number of beam look-ups and resumes
/// where it stopped, so a control or scan thread is never held up. All memory is allocated at construction.
/// </summary>
public sealed class BranchAndBoundScanMatcher
{
    private readonly KidnapRecoveryParameters _p;
    private readonly int _width;
    private readonly int _height;
    private readonly int _pad;
    private readonly int _paddedWidth;
    private readonly int _paddedHeight;
    private readonly double _originXM;
    private readonly double _originYM;
    private readonly double _resolutionM;
    private readonly int _levels;
    private readonly int _yawCount;
    private readonly float _offMap;

    // Score pyramid (padded by 2^levels cells below and left) and the free-block pyramid (unpadded).
    private readonly float[][] _score;
    private readonly bool[][] _freeBlock;

    // Beam endpoints of the scan being matched: base frame (m) and, per yaw, offsets in cells.
    private readonly double[] _beamX;
    private readonly double[] _beamY;
    private readonly int[] _offsetX;
    private readonly int[] _offsetY;
    private int _beams;

    // Root blocks (all yaws, top level) and the depth-first stack.
    private readonly float[] _rootScore;
    private readonly int[] _rootId;
    private readonly Candidate[] _stack;
    private readonly Candidate[] _children = new Candidate[4];
    private int _rootCount;
    private int _rootsScored;
    private int _top;
    private Phase _phase = Phase.Idle;
    private float _best;
    private Candidate _bestCandidate;

    // Distinct peaks: leaves within the margin of the best, one per neighbourhood (the best leaf of each).
    private readonly Candidate[] _peaks;
    private int _peakCount;
    private readonly int _peakSeparationCells;
    private readonly int _peakSeparationYaw;

    public BranchAndBoundScanMatcher(LikelihoodField field, KidnapRecoveryParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.Validate();
        _p = parameters;
        _resolutionM = parameters.SearchResolutionM;
        _originXM = field.OriginXM;
        _originYM = field.OriginYM;
        _width = Math.Max(1, (int)Math.Ceiling(field.Width * field.ResolutionM / _resolutionM));
        _height = Math.Max(1, (int)Math.Ceiling(field.Height * field.ResolutionM / _resolutionM));
        _levels = parameters.SearchLevels;
        _pad = 1 << _levels;
        _paddedWidth = _width + _pad;
        _paddedHeight = _height + _pad;
        _yawCount = (int)Math.Ceiling((2 * Math.PI / parameters.SearchYawStepRad) - 1e-9);
        _offMap = (float)parameters.OffMapEndpointScore;

        (float[] finest, bool[] free) = BuildFinest(field);
        _score = new float[_levels + 1][];
        _freeBlock = new bool[_levels + 1][];
        _score[0] = Pad(finest);
        _freeBlock[0] = free;
        for (int h = 1; h <= _levels; h++)
        {
            (_score[h], _freeBlock[h]) = PoolLevel(_score[h - 1], _freeBlock[h - 1], 1 << (h - 1));
        }

        int maxBeams = parameters.MaxBeams;
        _beamX = new double[maxBeams];
        _beamY = new double[maxBeams];
        _offsetX = new int[_yawCount * maxBeams];
        _offsetY = new int[_yawCount * maxBeams];
        int blocksX = (_width + _pad - 1) / _pad, blocksY = (_height + _pad - 1) / _pad;
        _rootScore = new float[_yawCount * blocksX * blocksY];
        _rootId = new int[_rootScore.Length];
        _stack = new Candidate[_rootScore.Length + (4 * (_levels + 1))];
        _peaks = new Candidate[parameters.MaxPeaks];
        _peakSeparationCells = (int)Math.Ceiling(parameters.PeakSeparationM / _resolutionM);
        _peakSeparationYaw = (int)Math.Ceiling(parameters.PeakSeparationRad / parameters.SearchYawStepRad);
    }

    private enum Phase
    {
        Idle,
        ScoringRoots,
        Searching,
        Done,
    }

    public KidnapRecoveryParameters Parameters => _p;

    /// <summary>True while a search has been started and has not finished.</summary>
    public bool IsSearching => _phase is Phase.ScoringRoots or Phase.Searching;

    /// <summary>True when the last search finished (with or without a match).</summary>
    public bool IsDone => _phase == Phase.Done;

    /// <summary>True when the finished search found a pose scoring at least the minimum.</summary>
    public bool Found { get; private set; }

    /// <summary>The best pose found (map frame; cell centre and yaw step of the search grid).</summary>
    public Pose2D BestPose { get; private set; }

    /// <summary>Its mean per-beam score in (0, 1].</summary>
    public double BestScore { get; private set; }

    /// <summary>Beam look-ups spent by the current or last search.</summary>
    public long Lookups { get; private set; }

    /// <summary>Blocks and leaves scored by the current or last search.</summary>
    public long NodesScored { get; private set; }

    /// <summary>Yaw hypotheses searched.</summary>
    public int YawCount => _yawCount;

    /// <summary>
    /// Distinct peaks of the finished search, best first: the best leaf and every other leaf within
    /// <see cref="KidnapRecoveryParameters.PeakScoreMargin"/> of it that is more than
    /// <see cref="KidnapRecoveryParameters.PeakSeparationM"/> or <see cref="KidnapRecoveryParameters.PeakSeparationRad"/>
    /// from a better one (at most <see cref="KidnapRecoveryParameters.MaxPeaks"/>).
    /// </summary>
    public int PeakCount { get; private set; }

    /// <summary>Peak i (0 = best) of the finished search: pose of its cell centre and grid score.</summary>
    public (Pose2D Pose, double Score) Peak(int i)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(i);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(i, PeakCount);
        return (PoseOf(_peaks[i]), _peaks[i].Score);
    }

    /// <summary>
    /// Starts a search for the scan whose endpoints in the base frame are given (metres; at most
    /// <see cref="KidnapRecoveryParameters.MaxBeams"/>, extra ones ignored). Computes the per-yaw cell offsets here.
    /// </summary>
    public void Start(ReadOnlySpan<double> endpointBaseXM, ReadOnlySpan<double> endpointBaseYM)
    {
        if (endpointBaseXM.Length != endpointBaseYM.Length)
        {
            throw new ArgumentException("endpoint spans differ in length", nameof(endpointBaseYM));
        }

        _beams = Math.Min(endpointBaseXM.Length, _p.MaxBeams);
        if (_beams == 0)
        {
            throw new ArgumentException("a scan to match needs at least one endpoint", nameof(endpointBaseXM));
        }

        endpointBaseXM[.._beams].CopyTo(_beamX);
        endpointBaseYM[.._beams].CopyTo(_beamY);
        double inv = 1.0 / _resolutionM;
        for (int k = 0; k < _yawCount; k++)
        {
            double yaw = k * _p.SearchYawStepRad;
            double c = Math.Cos(yaw), s = Math.Sin(yaw);
            int row = k * _p.MaxBeams;
            for (int b = 0; b < _beams; b++)
            {
                // The robot stands at its cell's centre, so the endpoint's cell is the robot's plus the rounded offset.
                _offsetX[row + b] = (int)Math.Round(((c * _beamX[b]) - (s * _beamY[b])) * inv);
                _offsetY[row + b] = (int)Math.Round(((s * _beamX[b]) + (c * _beamY[b])) * inv);
            }
        }

        _rootCount = 0;
        for (int k = 0; k < _yawCount; k++)
        {
            for (int y = 0; y < _height; y += _pad)
            {
                for (int x = 0; x < _width; x += _pad)
                {
                    if (_freeBlock[_levels][(y * _width) + x])
                    {
                        _rootId[_rootCount++] = Encode(k, x, y);
                    }
                }
            }
        }

        _rootsScored = 0;
        _top = 0;
        _best = (float)_p.MinMatchScore;
        _bestCandidate = default;
        _peakCount = 0;
        PeakCount = 0;
        Found = false;
        BestScore = 0;
        Lookups = 0;
        NodesScored = 0;
        _phase = Phase.ScoringRoots;
    }

    /// <summary>Abandons a search in progress.</summary>
    public void Cancel() => _phase = Phase.Idle;

    /// <summary>Continues the search for at most about <paramref name="maxLookups"/> beam look-ups; true when it has finished.</summary>
    public bool Step(long maxLookups)
    {
        long budgetEnd = Lookups + maxLookups;
        if (_phase == Phase.ScoringRoots)
        {
            while (_rootsScored < _rootCount && Lookups < budgetEnd)
            {
                (int k, int x, int y) = Decode(_rootId[_rootsScored]);
                // Negated so that the ascending sort puts the best root last, on top of the stack.
                _rootScore[_rootsScored] = -Bound(k, x, y, _levels);
                _rootsScored++;
                Count();
            }

            if (_rootsScored < _rootCount)
            {
                return false;
            }

            Array.Sort(_rootScore, _rootId, 0, _rootCount);
            for (int i = _rootCount - 1; i >= 0; i--)
            {
                (int k, int x, int y) = Decode(_rootId[i]);
                _stack[_top++] = new Candidate(k, x, y, _levels, -_rootScore[i]);
            }

            _phase = Phase.Searching;
        }

        if (_phase != Phase.Searching)
        {
            return _phase == Phase.Done;
        }

        while (_top > 0 && Lookups < budgetEnd)
        {
            Candidate c = _stack[--_top];
            float threshold = Threshold();
            if (c.Score <= threshold)
            {
                continue;
            }

            if (c.Level == 0)
            {
                if (c.Score > _best)
                {
                    _best = c.Score;
                    _bestCandidate = c;
                    Found = true;
                }

                AddPeak(c);
                continue;
            }

            int level = c.Level - 1, half = 1 << level, n = 0;
            for (int j = 0; j < 2; j++)
            {
                for (int i = 0; i < 2; i++)
                {
                    int x = c.X + (i * half), y = c.Y + (j * half);
                    if (x >= _width || y >= _height || !_freeBlock[level][(y * _width) + x])
                    {
                        continue;
                    }

                    float score = Bound(c.Yaw, x, y, level);
                    Count();
                    if (score > threshold)
                    {
                        _children[n++] = new Candidate(c.Yaw, x, y, level, score);
                    }
                }
            }

            // Push the weakest first so the strongest child is explored next.
            for (int a = 1; a < n; a++)
            {
                Candidate t = _children[a];
                int b = a - 1;
                while (b >= 0 && _children[b].Score > t.Score)
                {
                    _children[b + 1] = _children[b];
                    b--;
                }

                _children[b + 1] = t;
            }

            for (int a = 0; a < n; a++)
            {
                _stack[_top++] = _children[a];
            }
        }

        if (_top > 0)
        {
            return false;
        }

        _phase = Phase.Done;
        if (Found)
        {
            BestScore = _bestCandidate.Score;
            BestPose = PoseOf(_bestCandidate);
            FinishPeaks();
        }

        return true;
    }

    /// <summary>Blocks at or below this cannot hold the best leaf nor a peak within the margin of it.</summary>
    private float Threshold() => Found ? Math.Max((float)_p.MinMatchScore, _best - (float)_p.PeakScoreMargin) : _best;

    private Pose2D PoseOf(Candidate c) => new(
        _originXM + ((c.X + 0.5) * _resolutionM),
        _originYM + ((c.Y + 0.5) * _resolutionM),
        Pose2D.WrapPi(c.Yaw * _p.SearchYawStepRad));

    private bool Near(Candidate a, Candidate b)
    {
        int dyaw = Math.Abs(a.Yaw - b.Yaw);
        dyaw = Math.Min(dyaw, _yawCount - dyaw);
        int dx = a.X - b.X, dy = a.Y - b.Y;
        return dyaw <= _peakSeparationYaw && ((dx * dx) + (dy * dy)) <= _peakSeparationCells * _peakSeparationCells;
    }

    /// <summary>Keeps the leaf as a peak: it replaces a weaker peak near it, or the weakest peak when the list is full.</summary>
    private void AddPeak(Candidate c)
    {
        int weakest = -1;
        for (int i = 0; i < _peakCount; i++)
        {
            if (Near(_peaks[i], c))
            {
                if (c.Score > _peaks[i].Score)
                {
                    _peaks[i] = c;
                    MergeInto(i);
                }

                return;
            }

            if (weakest < 0 || _peaks[i].Score < _peaks[weakest].Score)
            {
                weakest = i;
            }
        }

        if (_peakCount < _peaks.Length)
        {
            _peaks[_peakCount++] = c;
        }
        else if (c.Score > _peaks[weakest].Score)
        {
            _peaks[weakest] = c;
        }
    }

    /// <summary>A peak that moved may now be near another: keep only the better of the two.</summary>
    private void MergeInto(int kept)
    {
        for (int i = _peakCount - 1; i >= 0; i--)
        {
            if (i != kept && Near(_peaks[i], _peaks[kept]) && _peaks[i].Score <= _peaks[kept].Score)
            {
                _peaks[i] = _peaks[--_peakCount];
                if (kept == _peakCount)
                {
                    kept = i;
                }
            }
        }
    }

    /// <summary>Drops peaks that fell out of the margin of the final best and sorts the rest best first.</summary>
    private void FinishPeaks()
    {
        float floor = Threshold();
        int n = 0;
        for (int i = 0; i < _peakCount; i++)
        {
            if (_peaks[i].Score > floor || _peaks[i] == _bestCandidate)
            {
                _peaks[n++] = _peaks[i];
            }
        }

        for (int a = 1; a < n; a++)
        {
            Candidate t = _peaks[a];
            int b = a - 1;
            while (b >= 0 && _peaks[b].Score < t.Score)
            {
                _peaks[b + 1] = _peaks[b];
                b--;
            }

            _peaks[b + 1] = t;
        }

        _peakCount = n;
        PeakCount = n;
    }

    /// <summary>
    /// The exact grid score (mean per-beam score) of a robot at search cell (x, y) and yaw index k for the scan of
    /// the last <see cref="Start"/> (tests compare the search with brute force through it).
    /// </summary>
    public double LeafScore(int yawIndex, int cellX, int cellY) => Bound(yawIndex, cellX, cellY, 0);

    /// <summary>Search grid size in cells.</summary>
    public (int Width, int Height) GridSize => (_width, _height);

    /// <summary>True when search cell (x, y)'s centre is on a free map cell (only such cells are candidate positions).</summary>
    public bool IsCandidate(int cellX, int cellY) => _freeBlock[0][(cellY * _width) + cellX];

    private void Count()
    {
        Lookups += _beams;
        NodesScored++;
    }

    /// <summary>Mean over beams of the level-h score at the endpoints of a robot in block (x, y) at yaw index k.</summary>
    private float Bound(int k, int x, int y, int level)
    {
        float[] grid = _score[level];
        int row = k * _p.MaxBeams;
        int px = x + _pad, py = y + _pad;
        float sum = 0;
        for (int b = 0; b < _beams; b++)
        {
            int ex = px + _offsetX[row + b], ey = py + _offsetY[row + b];
            if ((uint)ex < (uint)_paddedWidth && (uint)ey < (uint)_paddedHeight)
            {
                sum += grid[(ey * _paddedWidth) + ex];
            }
            else
            {
                sum += _offMap;
            }
        }

        return sum / _beams;
    }

    /// <summary>Finest level: the best score of any map cell inside each search cell, and whether its centre is free.</summary>
    private (float[] Score, bool[] Free) BuildFinest(LikelihoodField field)
    {
        var score = new float[_width * _height];
        var free = new bool[_width * _height];
        double twoSigma2 = 2 * _p.ScoreSigmaM * _p.ScoreSigmaM;
        for (int my = 0; my < field.Height; my++)
        {
            int sy = Math.Min(_height - 1, (int)((my + 0.5) * field.ResolutionM / _resolutionM));
            for (int mx = 0; mx < field.Width; mx++)
            {
                int sx = Math.Min(_width - 1, (int)((mx + 0.5) * field.ResolutionM / _resolutionM));
                double d = field.DistanceM(mx, my);
                float s = (float)EndpointScore(d, EdgeDistanceM(field, mx, my), twoSigma2, _p.OffMapEndpointScore);
                int i = (sy * _width) + sx;
                score[i] = Math.Max(score[i], s);
            }
        }

        for (int sy = 0; sy < _height; sy++)
        {
            for (int sx = 0; sx < _width; sx++)
            {
                free[(sy * _width) + sx] = field.IsFreeAt(_originXM + ((sx + 0.5) * _resolutionM), _originYM + ((sy + 0.5) * _resolutionM));
            }
        }

        return (score, free);
    }

    /// <summary>
    /// Score of an endpoint d (m) from the nearest mapped obstacle and e (m) inside the map's edge: the better of a hit
    /// and of the off-map score fading inward (see <see cref="KidnapRecoveryParameters.OffMapEndpointScore"/>).
    /// </summary>
    public static double EndpointScore(double obstacleDistanceM, double edgeDistanceM, double twoSigma2, double offMapScore) =>
        Math.Max(Math.Exp(-(obstacleDistanceM * obstacleDistanceM) / twoSigma2), offMapScore * Math.Exp(-(edgeDistanceM * edgeDistanceM) / twoSigma2));

    /// <summary>Distance (m) from map cell (x, y)'s centre to the nearest edge of the map.</summary>
    public static double EdgeDistanceM(LikelihoodField field, int cellX, int cellY)
    {
        ArgumentNullException.ThrowIfNull(field);
        int cells = Math.Min(Math.Min(cellX, field.Width - 1 - cellX), Math.Min(cellY, field.Height - 1 - cellY));
        return (cells + 0.5) * field.ResolutionM;
    }

    private float[] Pad(float[] finest)
    {
        var padded = new float[_paddedWidth * _paddedHeight];
        Array.Fill(padded, _offMap); // what lies below and left of the map
        for (int y = 0; y < _height; y++)
        {
            Array.Copy(finest, y * _width, padded, ((y + _pad) * _paddedWidth) + _pad, _width);
        }

        return padded;
    }

    /// <summary>Level h from level h−1: the max of the four half-size blocks (cells past the grid's end score as off the map and are not free).</summary>
    private (float[] Score, bool[] Free) PoolLevel(float[] below, bool[] freeBelow, int half)
    {
        var score = new float[below.Length];
        for (int y = 0; y < _paddedHeight; y++)
        {
            for (int x = 0; x < _paddedWidth; x++)
            {
                // Past the array's end lies off the map: its score bounds the block too.
                float m = below[(y * _paddedWidth) + x];
                m = Math.Max(m, x + half < _paddedWidth ? below[(y * _paddedWidth) + x + half] : _offMap);
                m = Math.Max(m, y + half < _paddedHeight ? below[((y + half) * _paddedWidth) + x] : _offMap);
                m = Math.Max(m, x + half < _paddedWidth && y + half < _paddedHeight ? below[((y + half) * _paddedWidth) + x + half] : _offMap);

                score[(y * _paddedWidth) + x] = m;
            }
        }

        var free = new bool[freeBelow.Length];
        for (int y = 0; y < _height; y++)
        {
            for (int x = 0; x < _width; x++)
            {
                bool any = freeBelow[(y * _width) + x]
                    || (x + half < _width && freeBelow[(y * _width) + x + half])
                    || (y + half < _height && freeBelow[((y + half) * _width) + x])
                    || (x + half < _width && y + half < _height && freeBelow[((y + half) * _width) + x + half]);
                free[(y * _width) + x] = any;
            }
        }

        return (score, free);
    }

    private int Encode(int yaw, int x, int y) => (((yaw * _height) + y) * _width) + x;

    private (int Yaw, int X, int Y) Decode(int id) => (id / (_width * _height), id % _width, id / _width % _height);

    private readonly record struct Candidate(int Yaw, int X, int Y, int Level, float Score);
}
