using StrategicTech.Navigation.Planning.Costmaps;
using StrategicTech.Sim.Physics;

namespace StrategicTech.Sim.Ros;

/// <summary>2-D lidar parameters (LDS-01-like: 360 beams, 0.12–3.5 m; defaults here reach 12 m for warehouse maps).</summary>
public sealed record LidarParameters
{
    public int Beams { get; init; } = 360;
    public double RangeMinM { get; init; } = 0.12;
    public double RangeMaxM { get; init; } = 12.0;
    public double RangeSigmaM { get; init; } = 0.01;
    /// <summary>Probability that a beam returns nothing (+Inf).</summary>
    public double DropoutProbability { get; init; } = 0.01;
    public double RateHz { get; init; } = 10;
}

/// <summary>
/// Ray casts a 2-D lidar on an occupancy map (cells ≥ 65 block) plus moving people (discs): each beam marches in
/// half-cell steps to the first occupied cell, then takes the nearer of that and any person. Noise is Gaussian;
/// dropouts and no-returns give +Inf (REP 117).
/// </summary>
public sealed class LidarModel
{
    private readonly OccupancyGridMap _map;
    private readonly LidarParameters _p;
    private DeterministicRandom _random;

    public LidarModel(OccupancyGridMap map, LidarParameters parameters, ulong seed)
    {
        _map = map ?? throw new ArgumentNullException(nameof(map));
        _p = parameters ?? throw new ArgumentNullException(nameof(parameters));
        _random = new DeterministicRandom(seed);
    }

    public LidarParameters Parameters => _p;

    public double AngleIncrementRad => 2 * Math.PI / _p.Beams;

    /// <summary>A dropout fault: while above <see cref="LidarParameters.DropoutProbability"/>, this fraction of beams returns nothing.</summary>
    public double FaultDropoutFraction { get; set; }

    /// <summary>Fills <paramref name="ranges"/> (length = beams) for a sensor at (x, y, yaw) in the map frame.</summary>
    public void Scan(double xM, double yM, double yawRad, IReadOnlyList<WalkingPerson> people, float[] ranges)
    {
        ArgumentNullException.ThrowIfNull(people);
        ArgumentNullException.ThrowIfNull(ranges);
        for (int i = 0; i < _p.Beams; i++)
        {
            double angle = yawRad + (i * AngleIncrementRad);
            double range = CastWall(xM, yM, Math.Cos(angle), Math.Sin(angle));
            foreach (WalkingPerson person in people)
            {
                range = Math.Min(range, HitDisc(xM, yM, Math.Cos(angle), Math.Sin(angle), person));
            }

            bool dropped = _random.NextDouble() < Math.Max(_p.DropoutProbability, FaultDropoutFraction);
            double noisy = range + (_random.NextGaussian() * _p.RangeSigmaM);
            ranges[i] = dropped || range > _p.RangeMaxM || noisy > _p.RangeMaxM ? float.PositiveInfinity
                : (float)Math.Max(_p.RangeMinM, noisy);
        }
    }

    /// <summary>True when the map cell at a world point is free or unknown (not ≥ 65).</summary>
    public bool IsFreeAt(double xM, double yM)
    {
        MapYaml m = _map.Metadata;
        int cx = (int)Math.Floor((xM - m.OriginXM) / m.ResolutionM);
        int cy = (int)Math.Floor((yM - m.OriginYM) / m.ResolutionM);
        return cx >= 0 && cy >= 0 && cx < _map.Width && cy < _map.Height && _map[cx, cy] < 65;
    }

    private double CastWall(double x0, double y0, double dx, double dy)
    {
        double step = _map.Metadata.ResolutionM / 2;
        for (double r = 0; r <= _p.RangeMaxM + step; r += step)
        {
            if (!IsFreeAt(x0 + (dx * r), y0 + (dy * r)))
            {
                return r;
            }
        }

        return double.PositiveInfinity;
    }

    private static double HitDisc(double x0, double y0, double dx, double dy, WalkingPerson person)
    {
        double ox = x0 - person.XM, oy = y0 - person.YM;
        double b = (ox * dx) + (oy * dy);
        double c = (ox * ox) + (oy * oy) - (person.RadiusM * person.RadiusM);
        double disc = (b * b) - c;
        if (disc < 0)
        {
            return double.PositiveInfinity;
        }

        double t = -b - Math.Sqrt(disc);
        return t >= 0 ? t : double.PositiveInfinity;
    }
}
