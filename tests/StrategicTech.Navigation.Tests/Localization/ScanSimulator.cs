using StrategicTech.Navigation.Planning.Costmaps;

namespace StrategicTech.Navigation.Tests.Localization;

/// <summary>
/// A 2-D lidar for the tests, independent of the localizer's tables: each beam marches in half-cell steps over the
/// occupancy grid to the first cell ≥ 65, then gets Gaussian range noise; dropouts and beams past the maximum range
/// return +Inf.
/// </summary>
internal sealed class ScanSimulator
{
    public const int Beams = 360;
    public const double AngleMinRad = -Math.PI;
    public const double AngleIncrementRad = 2 * Math.PI / Beams;
    public const double RangeMinM = 0.12;
    public const double RangeMaxM = 12.0;

    private readonly OccupancyGridMap _map;
    private readonly double _rangeSigmaM;
    private readonly double _dropoutProbability;

    public ScanSimulator(OccupancyGridMap map, double rangeSigmaM = 0.01, double dropoutProbability = 0.02)
    {
        _map = map;
        _rangeSigmaM = rangeSigmaM;
        _dropoutProbability = dropoutProbability;
    }

    public void Scan(double xM, double yM, double yawRad, Random random, float[] ranges)
    {
        for (int i = 0; i < Beams; i++)
        {
            double angle = yawRad + AngleMinRad + (i * AngleIncrementRad);
            double range = Cast(xM, yM, Math.Cos(angle), Math.Sin(angle));
            double noisy = range + (_rangeSigmaM * Gauss(random));
            bool dropped = random.NextDouble() < _dropoutProbability;
            ranges[i] = dropped || !(noisy < RangeMaxM) ? float.PositiveInfinity : (float)Math.Max(RangeMinM, noisy);
        }
    }

    public bool IsObstacle(double xM, double yM)
    {
        MapYaml m = _map.Metadata;
        int cx = (int)Math.Floor((xM - m.OriginXM) / m.ResolutionM);
        int cy = (int)Math.Floor((yM - m.OriginYM) / m.ResolutionM);
        return cx >= 0 && cy >= 0 && cx < _map.Width && cy < _map.Height && _map[cx, cy] >= 65;
    }

    /// <summary>True where the robot may not drive: obstacles, unknown cells and off the map.</summary>
    public bool IsBlocked(double xM, double yM)
    {
        MapYaml m = _map.Metadata;
        int cx = (int)Math.Floor((xM - m.OriginXM) / m.ResolutionM);
        int cy = (int)Math.Floor((yM - m.OriginYM) / m.ResolutionM);
        return cx < 0 || cy < 0 || cx >= _map.Width || cy >= _map.Height || _map[cx, cy] != OccupancyGridMap.Free;
    }

    private double Cast(double x0, double y0, double dx, double dy)
    {
        double step = _map.Metadata.ResolutionM / 2;
        for (double r = 0; r <= RangeMaxM + step; r += step)
        {
            if (IsObstacle(x0 + (dx * r), y0 + (dy * r)))
            {
                return r;
            }
        }

        return double.PositiveInfinity;
    }

    public static double Gauss(Random random)
    {
        double u1 = 1.0 - random.NextDouble();
        double u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
