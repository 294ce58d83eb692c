using BenchmarkDotNet.Attributes;
using StrategicTech.Benchmarks.Planning;
using StrategicTech.Navigation.Localization;
using StrategicTech.Navigation.Planning.Costmaps;

namespace StrategicTech.Benchmarks.Localization;

/// <summary>
/// One <see cref="MonteCarloLocalizer.Update"/> on the Nav2 warehouse map (1006 × 1674 cells of 3 cm) with a 360-beam
/// scan: motion model for every particle, likelihood field over max_beams beams per particle, the cluster estimate
/// with its localizability probe, and a KLD low-variance resampling whenever the effective sample size halves. The
/// particle count is held fixed (min = max) so each row measures that many particles. Odometry alternates 0.3 m
/// forward and back so every call passes update_min_d.
/// </summary>
[MemoryDiagnoser]
public class MclUpdateBenchmarks
{
    private const int Beams = 360;
    private const double AngleMinRad = -Math.PI;
    private const double AngleStepRad = 2 * Math.PI / Beams;
    private const double RangeMaxM = 12.0;

    private MonteCarloLocalizer _mcl = null!;
    private float[] _scan = [];
    private int _call;

    [Params(500, 1000, 2000)]
    public int Particles { get; set; }

    /// <summary>60 is Nav2 AMCL's max_beams default; 360 evaluates every beam of the scan.</summary>
    [Params(60, 360)]
    public int MaxBeams { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        OccupancyGridMap map = MapServerLoader.Load(BenchmarkData.RosMap("nav2_warehouse", "warehouse.yaml"));
        var parameters = new MclParameters
        {
            MinParticles = Particles,
            MaxParticles = Particles,
            MaxBeams = MaxBeams,
            Alpha1 = 0.05,
            Alpha2 = 0.05,
            Alpha3 = 0.05,
            Alpha4 = 0.05,
        };
        _mcl = new MonteCarloLocalizer(map, parameters, new Random(1));

        // A free cell near the middle of the map and what a lidar there sees of the walls.
        MapYaml m = map.Metadata;
        int index = ((map.Height / 2) * map.Width) + (map.Width / 2);
        while (map.Data[index] != OccupancyGridMap.Free)
        {
            index++;
        }

        double x0 = m.OriginXM + (((index % map.Width) + 0.5) * m.ResolutionM);
        double y0 = m.OriginYM + (((index / map.Width) + 0.5) * m.ResolutionM);
        _scan = new float[Beams];
        for (int k = 0; k < Beams; k++)
        {
            _scan[k] = float.PositiveInfinity;
            double angle = AngleMinRad + (k * AngleStepRad);
            for (double r = 0.05; r < RangeMaxM; r += m.ResolutionM / 2)
            {
                int cx = (int)Math.Floor((x0 + (r * Math.Cos(angle)) - m.OriginXM) / m.ResolutionM);
                int cy = (int)Math.Floor((y0 + (r * Math.Sin(angle)) - m.OriginYM) / m.ResolutionM);
                if (cx >= 0 && cy >= 0 && cx < map.Width && cy < map.Height && map[cx, cy] >= 65)
                {
                    _scan[k] = (float)r;
                    break;
                }
            }
        }

        _mcl.SetInitialPose(new Pose2D(x0, y0, 0), default, 0.2, 0.1);
        for (int i = 0; i < 20; i++)
        {
            Update();
        }
    }

    [Benchmark]
    public bool Update()
    {
        var odom = new Pose2D((_call++ & 1) * 0.3, 0, 0);
        return _mcl.Update(odom, _scan, AngleMinRad, AngleStepRad, 0.12, RangeMaxM, default, _call * 100_000L);
    }
}
