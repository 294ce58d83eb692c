using BenchmarkDotNet.Attributes;
using StrategicTech.Navigation.Amr;
using StrategicTech.Navigation.Localization;
using StrategicTech.Navigation.Planning;
using StrategicTech.Navigation.Planning.Costmaps;
using StrategicTech.Navigation.Planning.Grid;
using StrategicTech.Sim.Amr;

namespace StrategicTech.Benchmarks.Amr;

/// <summary>
/// One 20 Hz AMR control cycle on the built-in warehouse (16 x 10 m at 5 cm, inflated): a 360-beam scan into the
/// collision monitor, Regulated Pure Pursuit on a 9 m A* path (carrot, regulation, projected-arc costmap check) and the
/// monitor's stop/slowdown/approach filter. The robot stands mid-aisle on the path, so every check runs in full.
/// </summary>
[MemoryDiagnoser]
public class AmrControlCycleBenchmarks
{
    private readonly float[] _ranges = new float[360];
    private Costmap2D _master = null!;
    private RegulatedPurePursuit _rpp = null!;
    private CollisionMonitor _monitor = null!;
    private long _timeUs;

    [GlobalSetup]
    public void Setup()
    {
        Costmap2D walls = WarehouseMap.Create().ToCostmap();
        var layered = new LayeredCostmap(walls);
        layered.AddLayer(new StaticCostmapLayer(walls));
        layered.AddLayer(new InflationCostmapLayer(walls, new InflationLayer(0.17, 0.55, 3.0)));
        layered.Update();
        _master = layered.Master;
        var planner = new AStarPlanner(SearchGrid.FromCosts(_master.Width, _master.Height, _master.Costs), 3.0);
        _master.TryWorldToCell(4.0, 3.75, out int sx, out int sy);
        _master.TryWorldToCell(14.5, 6.25, out int gx, out int gy);
        planner.Plan(new GridCell(sx, sy), new GridCell(gx, gy));
        var points = new (double X, double Y)[planner.Path.Length];
        for (int i = 0; i < points.Length; i++)
        {
            points[i] = _master.CellCenterToWorld(planner.Path[i].X, planner.Path[i].Y);
        }

        var path = new PathPose[4000];
        int n = PathPostProcessing.Resample(points, 0.05, path);
        _rpp = new RegulatedPurePursuit(new RppParameters { InscribedRadiusM = 0.17 });
        _rpp.SetPath(path.AsSpan(0, n), Math.PI / 2);
        _monitor = new CollisionMonitor(CollisionMonitorParameters.ForRoundRobot(0.11));
        for (int i = 0; i < _ranges.Length; i++)
        {
            _ranges[i] = (float)(0.75 / Math.Max(0.2, Math.Abs(Math.Sin(i * Math.PI / 180)))); // aisle walls 0.75 m either side
        }
    }

    [Benchmark]
    public double ControlCycle()
    {
        _timeUs += 50_000;
        _monitor.SetScan(_ranges, 0, Math.PI / 180, 0.12, 12, default, _timeUs);
        RppOutput o = _rpp.ComputeVelocity(new Pose2D(5.0, 3.75, 0), _master, 0.05);
        return _monitor.Filter(o.Command, _timeUs, out _).LinearMps;
    }
}
