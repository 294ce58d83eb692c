using BenchmarkDotNet.Attributes;
using StrategicTech.Navigation.Planning.Costmaps;

namespace StrategicTech.Benchmarks.Planning;

/// <summary>
/// One 360-beam scan on the Nav2 warehouse map (1006 × 1674 cells of 3 cm) into a static/obstacle/keep-out/inflation
/// layered costmap: windowed update (only the changed cells plus the inflation radius) against recomputing the whole
/// master. Scans alternate between the walls as seen and the same with a person 1.2 m away, so every update changes
/// cells.
/// </summary>
[MemoryDiagnoser]
public class LayeredCostmapBenchmarks
{
    private const int Beams = 360;
    private const double AngleMinRad = -Math.PI;
    private const double AngleStepRad = 2 * Math.PI / Beams;
    private const double RangeMaxM = 8.0;

    private LayeredCostmap _layered = null!;
    private ObstacleCostmapLayer _obstacles = null!;
    private float[] _walls = [];
    private float[] _withPerson = [];
    private double _sensorXM;
    private double _sensorYM;
    private int _scan;

    [GlobalSetup]
    public void Setup()
    {
        string yaml = BenchmarkData.RosMap("nav2_warehouse", "warehouse.yaml");
        Costmap2D map = MapServerLoader.Load(yaml).ToCostmap();

        _layered = new LayeredCostmap(map);
        _obstacles = new ObstacleCostmapLayer(map, RangeMaxM * 0.8, RangeMaxM);
        var keepout = new KeepoutCostmapLayer(map);
        keepout.AddPolygon([(-2.0, -2.0), (0.0, -2.0), (0.0, 0.0), (-2.0, 0.0)]);
        _layered.AddLayer(new StaticCostmapLayer(map));
        _layered.AddLayer(_obstacles);
        _layered.AddLayer(keepout);
        _layered.AddLayer(new InflationCostmapLayer(map, new InflationLayer(0.22, 0.55, 3.0)));

        // A free cell near the middle of the map, and what a lidar there sees of the static walls.
        int index = ((map.Height / 2) * map.Width) + (map.Width / 2);
        while (map.Costs[index] != CostValues.Free)
        {
            index++;
        }

        (_sensorXM, _sensorYM) = map.CellCenterToWorld(index % map.Width, index / map.Width);
        _walls = new float[Beams];
        for (int k = 0; k < Beams; k++)
        {
            _walls[k] = float.PositiveInfinity;
            double angle = AngleMinRad + (k * AngleStepRad);
            for (double r = 0.05; r < RangeMaxM; r += 0.01)
            {
                if (map.TryWorldToCell(_sensorXM + (r * Math.Cos(angle)), _sensorYM + (r * Math.Sin(angle)), out int x, out int y)
                    && map[x, y] == CostValues.Lethal)
                {
                    _walls[k] = (float)r;
                    break;
                }
            }
        }

        _withPerson = [.. _walls];
        for (int k = 80; k < 100; k++)
        {
            _withPerson[k] = Math.Min(_withPerson[k], 1.2f);
        }

        Scan();
        _layered.Update();
        Scan();
        _layered.Update();
    }

    [Benchmark(Baseline = true)]
    public CellWindow FullUpdate()
    {
        Scan();
        return _layered.UpdateFull();
    }

    [Benchmark]
    public CellWindow WindowedUpdate()
    {
        Scan();
        return _layered.Update();
    }

    private void Scan() =>
        _obstacles.AddScan(_sensorXM, _sensorYM, 0, (_scan++ & 1) == 0 ? _walls : _withPerson, AngleMinRad, AngleStepRad, 0.05, RangeMaxM);
}
