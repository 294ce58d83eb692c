using StrategicTech.Navigation.Localization;
using StrategicTech.Navigation.Planning.Costmaps;

namespace StrategicTech.Navigation.Tests.Localization;

/// <summary>
/// A seeded drive on a map for the localizer: a differential-drive robot wanders at 0.6 m/s, turning away from walls,
/// unknown space and the map's edge (clearance from the map itself), truth integrated at 20 Hz. Odometry has a 1.5% translation scale error, 1% yaw
/// scale error, Gaussian noise (1% of each step's translation, 0.002 rad per step) and wheel slip (2% of steps
/// report 30% more translation than driven). The lidar (0.1 m ahead of the base) scans at 5 Hz with 1 cm noise and
/// 2% dropouts; every scan goes to <see cref="IMapLocalizer.Update"/> with the odometry pose at that instant.
/// </summary>
internal sealed class LocalizationRun
{
    public const double StepS = 0.05;
    public const int StepsPerScan = 4;
    public const double SpeedMps = 0.6;
    public static readonly Pose2D LaserInBase = new(0.1, 0, 0);

    private readonly OccupancyGridMap _map;
    private readonly ScanSimulator _lidar;
    private readonly Random _random;
    private readonly float[] _ranges = new float[ScanSimulator.Beams];
    private readonly double _wanderPhase;
    private double _turnSign;

    public LocalizationRun(OccupancyGridMap map, int seed, Pose2D? start = null)
    {
        _map = map;
        _lidar = new ScanSimulator(map);
        _random = new Random(seed);
        Truth = start ?? FindStart(map, _random);
        Odom = new Pose2D(3.0, -2.0, 0.5); // odometry frame unrelated to the map frame
        _wanderPhase = _random.NextDouble() * 10;
    }

    public Pose2D Truth { get; private set; }

    public Pose2D Odom { get; private set; }

    public double TimeS { get; private set; }

    /// <summary>One evaluation after a filter update: truth, estimate and their errors.</summary>
    public readonly record struct Sample(double TimeS, Pose2D Truth, MapPoseEstimate Estimate, double PositionErrorM, double YawErrorRad);

    public List<Sample> Samples { get; } = [];

    /// <summary>Moves the robot in the map without the odometry noticing (a kidnap).</summary>
    public void Teleport(Pose2D truth) => Truth = truth;

    /// <summary>Drives for <paramref name="durationS"/>, feeding every scan to the localizer; records a sample per filter update.</summary>
    public void Drive(IMapLocalizer localizer, double durationS)
    {
        int steps = (int)Math.Round(durationS / StepS);
        for (int k = 0; k < steps; k++)
        {
            Step();
            if (k % StepsPerScan == StepsPerScan - 1)
            {
                Pose2D laser = Truth.Compose(LaserInBase);
                _lidar.Scan(laser.XM, laser.YM, laser.YawRad, _random, _ranges);
                long timeUs = (long)Math.Round(TimeS * 1e6);
                if (localizer.Update(Odom, _ranges, ScanSimulator.AngleMinRad, ScanSimulator.AngleIncrementRad,
                    ScanSimulator.RangeMinM, ScanSimulator.RangeMaxM, LaserInBase, timeUs))
                {
                    MapPoseEstimate e = localizer.Estimate;
                    double ex = e.Pose.XM - Truth.XM, ey = e.Pose.YM - Truth.YM;
                    Samples.Add(new Sample(TimeS, Truth, e, Math.Sqrt((ex * ex) + (ey * ey)), Pose2D.WrapPi(e.Pose.YawRad - Truth.YawRad)));
                }
            }
        }
    }

    /// <summary>RMS position (m) and yaw (rad) error over the samples taken at or after <paramref name="fromS"/>.</summary>
    public (double PositionM, double YawRad, int Count) Rms(double fromS)
    {
        double p = 0, a = 0;
        int n = 0;
        foreach (Sample s in Samples)
        {
            if (s.TimeS >= fromS)
            {
                p += s.PositionErrorM * s.PositionErrorM;
                a += s.YawErrorRad * s.YawErrorRad;
                n++;
            }
        }

        return (Math.Sqrt(p / n), Math.Sqrt(a / n), n);
    }

    /// <summary>A pose at least 1 m from any cell that is not free, drawn with the run's generator.</summary>
    public static Pose2D FindStart(OccupancyGridMap map, Random random)
    {
        var lidar = new ScanSimulator(map);
        MapYaml m = map.Metadata;
        for (int attempt = 0; attempt < 1_000_000; attempt++)
        {
            double x = m.OriginXM + (random.NextDouble() * map.Width * m.ResolutionM);
            double y = m.OriginYM + (random.NextDouble() * map.Height * m.ResolutionM);
            int cx = (int)Math.Floor((x - m.OriginXM) / m.ResolutionM);
            int cy = (int)Math.Floor((y - m.OriginYM) / m.ResolutionM);
            if (map[cx, cy] != OccupancyGridMap.Free || Clearance(lidar, x, y, 1.0) < 1.0)
            {
                continue;
            }

            return new Pose2D(x, y, (random.NextDouble() * 2 * Math.PI) - Math.PI);
        }

        throw new InvalidOperationException("no start pose with 1 m clearance");
    }

    /// <summary>Free distance around a point up to <paramref name="limitM"/> (16 directions, 2 cm steps).</summary>
    private static double Clearance(ScanSimulator lidar, double x, double y, double limitM)
    {
        double best = limitM;
        for (int d = 0; d < 16; d++)
        {
            double a = d * Math.PI / 8;
            for (double r = 0; r < best; r += 0.02)
            {
                if (lidar.IsBlocked(x + (r * Math.Cos(a)), y + (r * Math.Sin(a))))
                {
                    best = r;
                    break;
                }
            }
        }

        return best;
    }

    /// <summary>Free distance straight ahead along a heading, up to <paramref name="limitM"/>.</summary>
    private double Ahead(double headingRad, double limitM)
    {
        double c = Math.Cos(headingRad), s = Math.Sin(headingRad);
        for (double r = 0; r < limitM; r += 0.02)
        {
            // A 0.25 m wide body: check the centre line and both sides.
            double x = Truth.XM + (r * c), y = Truth.YM + (r * s);
            if (_lidar.IsBlocked(x, y) || _lidar.IsBlocked(x - (0.25 * s), y + (0.25 * c)) || _lidar.IsBlocked(x + (0.25 * s), y - (0.25 * c)))
            {
                return r;
            }
        }

        return limitM;
    }

    private void Step()
    {
        // Wander: a slow weave, and a turn towards the freer side when a wall is within 1.2 m ahead.
        double v = SpeedMps;
        double w = 0.3 * Math.Sin((TimeS * 0.4) + _wanderPhase);
        if (Ahead(Truth.YawRad, 1.2) < 1.2)
        {
            if (_turnSign == 0)
            {
                // Choose the freer side once and keep turning that way until clear (no dithering in place).
                double left = Ahead(Truth.YawRad + 0.8, 2.0), right = Ahead(Truth.YawRad - 0.8, 2.0);
                _turnSign = left >= right ? 1.0 : -1.0;
            }

            w = _turnSign;
            v = Ahead(Truth.YawRad, 0.5) < 0.5 ? 0 : 0.2;
        }
        else
        {
            _turnSign = 0;
        }

        double dTrans = v * StepS;
        double dYaw = w * StepS;
        Pose2D delta = new(dTrans * Math.Cos(dYaw / 2), dTrans * Math.Sin(dYaw / 2), dYaw);
        Truth = Truth.Compose(delta);

        double slip = _random.NextDouble() < 0.02 ? 1.3 : 1.0;
        double measuredTrans = (dTrans * 1.015 * slip) + (0.01 * dTrans * ScanSimulator.Gauss(_random));
        double measuredYaw = (dYaw * 1.01) + (0.002 * ScanSimulator.Gauss(_random));
        Odom = Odom.Compose(new Pose2D(measuredTrans * Math.Cos(measuredYaw / 2), measuredTrans * Math.Sin(measuredYaw / 2), measuredYaw));
        TimeS += StepS;
    }
}
