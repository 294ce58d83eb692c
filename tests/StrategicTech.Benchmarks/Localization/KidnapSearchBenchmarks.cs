using BenchmarkDotNet.Attributes;
using StrategicTech.Benchmarks.Planning;
using StrategicTech.Navigation.Localization;
using StrategicTech.Navigation.Planning.Costmaps;

namespace StrategicTech.Benchmarks.Localization;

/// <summary>
/// The kidnap search's cost on the scan thread, Nav2 warehouse map (1006 × 1674 cells of 3 cm; search grid 10 cm, 1°
/// yaw steps, six pyramid levels): <see cref="Slice"/> is one per-scan slice of the incremental branch-and-bound
/// search (<see cref="KidnapRecoveryParameters.LookupsPerScan"/> beam look-ups, the default 400 000), restarting the
/// search whenever it finishes; <see cref="WholeSearch"/> is a complete search for the same scan (90 beams, taken
/// at a free pose near the map's middle). The slice, the form the scan thread runs, allocates nothing.
/// </summary>
[MemoryDiagnoser]
public class KidnapSearchBenchmarks
{
    private const int Beams = 360;
    private const double RangeMaxM = 12.0;
    private BranchAndBoundScanMatcher _matcher = null!;
    private double[] _x = [];
    private double[] _y = [];

    [GlobalSetup]
    public void Setup()
    {
        OccupancyGridMap map = MapServerLoader.Load(BenchmarkData.RosMap("nav2_warehouse", "warehouse.yaml"));
        _matcher = new BranchAndBoundScanMatcher(new LikelihoodField(map, new MclParameters()), new KidnapRecoveryParameters());
        MapYaml m = map.Metadata;
        int index = ((map.Height / 2) * map.Width) + (map.Width / 2);
        while (map.Data[index] != OccupancyGridMap.Free)
        {
            index++;
        }

        double x0 = m.OriginXM + (((index % map.Width) + 0.5) * m.ResolutionM);
        double y0 = m.OriginYM + (((index / map.Width) + 0.5) * m.ResolutionM);
        var xs = new List<double>();
        var ys = new List<double>();
        for (int k = 0; k < Beams; k += 4)
        {
            double angle = -Math.PI + (k * 2 * Math.PI / Beams);
            for (double r = 0.05; r < RangeMaxM; r += m.ResolutionM / 2)
            {
                int cx = (int)Math.Floor((x0 + (r * Math.Cos(angle)) - m.OriginXM) / m.ResolutionM);
                int cy = (int)Math.Floor((y0 + (r * Math.Sin(angle)) - m.OriginYM) / m.ResolutionM);
                if (cx >= 0 && cy >= 0 && cx < map.Width && cy < map.Height && map[cx, cy] >= 65)
                {
                    xs.Add(r * Math.Cos(angle));
                    ys.Add(r * Math.Sin(angle));
                    break;
                }
            }
        }

        _x = xs.ToArray();
        _y = ys.ToArray();
        _matcher.Start(_x, _y);
    }

    [Benchmark]
    public bool Slice()
    {
        if (_matcher.Step(400_000))
        {
            _matcher.Start(_x, _y);
        }

        return _matcher.IsSearching;
    }

    [Benchmark]
    public double WholeSearch()
    {
        _matcher.Start(_x, _y);
        _matcher.Step(long.MaxValue);
        return _matcher.BestScore;
    }
}
