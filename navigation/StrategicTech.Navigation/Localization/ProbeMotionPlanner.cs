namespace StrategicTech.Navigation.Localization;

/// <summary>
/// Chooses an active-localization (probing) move while several pose hypotheses are held that the scans from one
/// standpoint do not tell apart (look-alike aisles). A 360° lidar learns nothing from turning in place, so a probe is
/// a translation: turn to one of a set of headings, drive 0.5–2 m. A candidate is admissible only if, under EVERY
/// hypothesis, the disc footprint swept along it stays on known-free cells and keeps the radius plus a clearance from
/// every mapped obstacle (the map is read at each hypothesis' pose), and if it keeps the radius plus a clearance from
/// every return of the live scan (people, things not on the map). Among admissible moves the one whose predicted scans
/// at the end differ most between the hypotheses wins: beams are cast on the map from each hypothesis' end pose, and
/// each pair scores the mean capped range difference over the beams both predict (a beam into unknown space or off the
/// map predicts nothing); the score is the mean over pairs, less a small per-metre penalty. Allocation-free after
/// construction; one choice costs at most directions × distances × hypotheses × beams ray casts of at most
/// range / cell size steps each (with the defaults, four hypotheses and a 3 cm map: 9.2 M steps, far fewer in aisles),
/// run once per probe on the control thread while the robot stands, not per control cycle.
/// </summary>
public sealed class ProbeMotionPlanner
{
    private const int MaxScanBeams = 4096;

    private readonly LikelihoodField _field;
    private readonly ProbeMotionParameters _p;
    private readonly double[][] _predicted;
    private readonly double[] _scanX = new double[MaxScanBeams];
    private readonly double[] _scanY = new double[MaxScanBeams];
    private int _scanCount;

    public ProbeMotionPlanner(LikelihoodField field, ProbeMotionParameters parameters, int maxHypotheses)
    {
        _field = field ?? throw new ArgumentNullException(nameof(field));
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThan(maxHypotheses, 2);
        _p = parameters;
        _predicted = new double[maxHypotheses][];
        for (int i = 0; i < maxHypotheses; i++)
        {
            _predicted[i] = new double[parameters.PredictedBeams];
        }
    }

    public ProbeMotionParameters Parameters => _p;

    /// <summary>Most hypotheses one choice can weigh.</summary>
    public int MaxHypotheses => _predicted.Length;

    /// <summary>Candidates the last <see cref="TryChoose"/> rejected for a collision under some hypothesis or with the scan.</summary>
    public int LastRejected { get; private set; }

    /// <summary>
    /// The most telling admissible probe for <paramref name="hypotheses"/> (map poses of the robot now) given the
    /// live scan; false when no candidate is clear under every hypothesis and of the scan.
    /// </summary>
    public bool TryChoose(ReadOnlySpan<Pose2D> hypotheses, ReadOnlySpan<float> rangesM, double angleMinRad, double angleIncrementRad,
        double rangeMinM, double rangeMaxM, Pose2D laserInBase, out ProbeMotion probe)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(hypotheses.Length, _predicted.Length, nameof(hypotheses));
        SetScan(rangesM, angleMinRad, angleIncrementRad, rangeMinM, rangeMaxM, laserInBase);
        probe = default;
        LastRejected = 0;
        bool found = false;
        double bestScore = double.NegativeInfinity;
        for (int k = 0; k < _p.Directions; k++)
        {
            double heading = Pose2D.WrapPi(k * 2 * Math.PI / _p.Directions);
            for (int s = 0; s < _p.DistanceSteps; s++)
            {
                double distance = _p.DistanceSteps == 1 ? _p.MinDistanceM
                    : _p.MinDistanceM + ((_p.MaxDistanceM - _p.MinDistanceM) * s / (_p.DistanceSteps - 1));
                if (!IsClearOfScan(heading, distance) || !IsClearUnderAll(hypotheses, heading, distance))
                {
                    LastRejected++;
                    continue;
                }

                double discrimination = Discrimination(hypotheses, heading, distance);
                double score = discrimination - (_p.LengthPenaltyPerM * distance);
                if (score > bestScore)
                {
                    bestScore = score;
                    probe = new ProbeMotion(heading, distance, discrimination);
                    found = true;
                }
            }
        }

        return found;
    }

    /// <summary>
    /// True when the move (turn to <paramref name="headingRad"/> relative to the robot, drive
    /// <paramref name="distanceM"/>) from map pose <paramref name="start"/> sweeps only known-free cells across the
    /// footprint's width (lines half a cell apart, from the footprint's back edge at the start to its front edge at the
    /// end) and keeps radius + map clearance from every mapped obstacle cell.
    /// </summary>
    public bool IsClearUnder(Pose2D start, double headingRad, double distanceM)
    {
        double direction = start.YawRad + headingRad;
        double ux = Math.Cos(direction), uy = Math.Sin(direction);
        double reach = _p.RobotRadiusM + _p.MapClearanceM;

        // The field holds distances between cell centres: a sample is up to half a cell diagonal from its cell's
        // centre, an obstacle cell's edge up to half a diagonal from its centre, and a point between two samples half a
        // cell apart up to a quarter cell nearer than either; the distance test keeps all three spare.
        double needM = reach + (_field.ResolutionM * (Math.Sqrt(2) + 0.25));
        double step = _field.ResolutionM / 2;
        int samples = (int)Math.Ceiling((distanceM + (2 * reach)) / step);
        int lines = (int)Math.Ceiling(reach / step);
        for (int i = 0; i <= samples; i++)
        {
            // From the footprint's back edge at the start to its front edge at the end.
            double along = Math.Min(-reach + (i * step), distanceM + reach);
            if (!TryCell(start.XM + (ux * along), start.YM + (uy * along), out int cx, out int cy) || !_field.IsFree(cx, cy)
                || (along >= 0 && along <= distanceM && _field.DistanceM(cx, cy) < needM))
            {
                return false;
            }

            for (int k = -lines; k <= lines; k++)
            {
                double side = reach * k / lines;
                if (!TryCell(start.XM + (ux * along) - (uy * side), start.YM + (uy * along) + (ux * side), out cx, out cy) || !_field.IsFree(cx, cy))
                {
                    return false; // off the map, unknown or an obstacle under the footprint
                }
            }
        }

        return true;
    }

    /// <summary>True when the move is clear under every hypothesis.</summary>
    public bool IsClearUnderAll(ReadOnlySpan<Pose2D> hypotheses, double headingRad, double distanceM)
    {
        foreach (Pose2D h in hypotheses)
        {
            if (!IsClearUnder(h, headingRad, distanceM))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// True when the straight move keeps radius + scan clearance from every return of the last scan given to
    /// <see cref="TryChoose"/> or <see cref="SetScan"/> (robot frame).
    /// </summary>
    public bool IsClearOfScan(double headingRad, double distanceM)
    {
        double ux = Math.Cos(headingRad), uy = Math.Sin(headingRad);
        double need = _p.RobotRadiusM + _p.ScanClearanceM;
        for (int b = 0; b < _scanCount; b++)
        {
            double along = Math.Clamp((_scanX[b] * ux) + (_scanY[b] * uy), 0, distanceM);
            double dx = _scanX[b] - (ux * along), dy = _scanY[b] - (uy * along);
            if ((dx * dx) + (dy * dy) < need * need)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Keeps the scan's returns as robot-frame points for <see cref="IsClearOfScan"/> (at most 4 096 beams).</summary>
    public void SetScan(ReadOnlySpan<float> rangesM, double angleMinRad, double angleIncrementRad, double rangeMinM, double rangeMaxM, Pose2D laserInBase)
    {
        _scanCount = 0;
        int n = Math.Min(rangesM.Length, MaxScanBeams);
        if (!double.IsFinite(angleMinRad) || !double.IsFinite(angleIncrementRad))
        {
            return;
        }

        for (int i = 0; i < n; i++)
        {
            double r = rangesM[i];
            if (!double.IsFinite(r) || r < rangeMinM || r >= rangeMaxM)
            {
                continue;
            }

            Pose2D end = laserInBase.Compose(new Pose2D(r * Math.Cos(angleMinRad + (i * angleIncrementRad)), r * Math.Sin(angleMinRad + (i * angleIncrementRad)), 0));
            _scanX[_scanCount] = end.XM;
            _scanY[_scanCount] = end.YM;
            _scanCount++;
        }
    }

    /// <summary>
    /// Mean over hypothesis pairs of the mean capped predicted-range difference (as a share of the cap, 0..1) after
    /// the move, over the beams both predict.
    /// </summary>
    public double Discrimination(ReadOnlySpan<Pose2D> hypotheses, double headingRad, double distanceM)
    {
        var delta = new ProbeMotion(headingRad, distanceM, 0).Delta;
        int beams = _p.PredictedBeams;
        for (int i = 0; i < hypotheses.Length; i++)
        {
            Pose2D end = hypotheses[i].Compose(delta);
            double[] ranges = _predicted[i];
            for (int b = 0; b < beams; b++)
            {
                ranges[b] = PredictedRangeM(end.XM, end.YM, end.YawRad + (b * 2 * Math.PI / beams));
            }
        }

        double sum = 0;
        int pairs = 0;
        for (int i = 0; i < hypotheses.Length; i++)
        {
            for (int j = i + 1; j < hypotheses.Length; j++)
            {
                double pair = 0;
                int common = 0;
                for (int b = 0; b < beams; b++)
                {
                    double ri = _predicted[i][b], rj = _predicted[j][b];
                    if (double.IsNaN(ri) || double.IsNaN(rj))
                    {
                        continue;
                    }

                    pair += Math.Min(Math.Abs(ri - rj), _p.RangeDifferenceCapM);
                    common++;
                }

                sum += common > 0 ? pair / (common * _p.RangeDifferenceCapM) : 0;
                pairs++;
            }
        }

        return pairs > 0 ? sum / pairs : 0;
    }

    /// <summary>The range (m) a beam from (x, y) along <paramref name="angleRad"/> would return on the map (NaN: unknown).</summary>
    public double PredictedRangeM(double xM, double yM, double angleRad) => MapRayCaster.RangeM(_field, xM, yM, angleRad, _p.RangeMaxM);

    private bool TryCell(double xM, double yM, out int cx, out int cy)
    {
        cx = (int)Math.Floor((xM - _field.OriginXM) / _field.ResolutionM);
        cy = (int)Math.Floor((yM - _field.OriginYM) / _field.ResolutionM);
        return (uint)cx < (uint)_field.Width && (uint)cy < (uint)_field.Height;
    }
}
