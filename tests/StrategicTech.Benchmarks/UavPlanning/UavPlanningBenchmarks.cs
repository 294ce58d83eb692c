using StrategicTech.TestSupport;
using BenchmarkDotNet.Attributes;
using StrategicTech.Navigation.Geodesy;
using StrategicTech.Navigation.Missions;
using StrategicTech.Navigation.Numerics;
using StrategicTech.Navigation.Planning.Coverage;
using StrategicTech.Navigation.Planning.Geometry2D;
using StrategicTech.Navigation.Planning.Trajectory;
using StrategicTech.Navigation.Planning.Uav;

namespace StrategicTech.Benchmarks.UavPlanning;

/// <summary>
/// UAV planning: a visibility-graph query on PX4's geofence test plan (the RTL leg that crosses the exclusion
/// circle), lawnmower survey generation, and trajectory sampling. The .plan is read from ../shared/missions.
/// </summary>
[MemoryDiagnoser]
public class UavPlanningBenchmarks
{
    private UavAirspace _airspace = null!;
    private VisibilityGraphPlanner _planner = null!;
    private Vector3[] _path = null!;
    private SurveyRegion _region = null!;
    private SurveyOptions _surveyOptions = null!;
    private SurveyComplexItem _qgcSurvey = null!;
    private LatLonDeg _home;
    private WaypointTrajectory _trajectory = null!;
    private BlendedWaypointTrajectory _blended = null!;
    private double _time;

    [GlobalSetup]
    public void Setup()
    {
        MissionPlan plan = QgcPlanReader.ReadFile(SharedData.PathOf("missions", "px4_geofence_avoid.plan"));
        var frame = new LocalNedFrame(GeodeticPosition.FromDegrees(plan.HomePosition.LatitudeDeg, plan.HomePosition.LongitudeDeg, 0));
        _airspace = UavAirspace.FromGeofence(plan.Geofence, frame, 10, 120);
        _planner = new VisibilityGraphPlanner(_airspace);
        _path = new Vector3[_planner.MaxPathPoints];

        // 400 m × 250 m field with a pond, 1" sensor at 60 m, 70 % side / 75 % front overlap.
        _region = new SurveyRegion(
            [new Vec2(0, 0), new Vec2(400, 30), new Vec2(380, 260), new Vec2(20, 240)],
            [[new Vec2(150, 90), new Vec2(210, 100), new Vec2(200, 150), new Vec2(140, 140)]]);
        CameraFootprint footprint = CameraFootprint.FromCamera(new CameraSpec(13.2, 8.8, 8.8, 5472, 3648), 60);
        _surveyOptions = SurveyOptions.FromFootprint(footprint, 0.7, 0.75, 10, new Vec2(-30, -30));

        MissionPlan survey = QgcPlanReader.ReadFile(SharedData.PathOf("missions", "mavsdk_survey.plan"));
        _qgcSurvey = survey.Items.OfType<SurveyPlanItem>().Single().Survey;
        _home = survey.HomePosition;

        _trajectory = new WaypointTrajectory(
            [new Vector3(0, 0, -20), new Vector3(120, 0, -20), new Vector3(120, 80, -40), new Vector3(0, 80, -40), new Vector3(0, 0, -20)],
            new MotionLimits(12, 4, 8));
        _blended = new BlendedWaypointTrajectory(
            [new Vector3(0, 0, -20), new Vector3(120, 0, -20), new Vector3(120, 80, -40), new Vector3(0, 80, -40), new Vector3(0, 0, -20)],
            new MotionLimits(12, 4, 8), 5);
    }

    [Benchmark(Description = "VisibilityGraph query, PX4 geofence plan (RTL leg)")]
    public double VisibilityGraphQuery() =>
        _planner.Plan(new Vector3(-365, -379, -20), new Vector3(0, 0, -20), _path).LengthM;

    [Benchmark(Description = "VisibilityGraph build, PX4 geofence plan")]
    public int VisibilityGraphBuild() => new VisibilityGraphPlanner(_airspace).NodeCount;

    [Benchmark(Description = "Survey generation, 400×250 m field with a hole, auto heading")]
    public int SurveyGeneration() => LawnmowerPlanner.Plan(_region, _surveyOptions).Passes.Count;

    [Benchmark(Description = "Survey generation, QGC survey item → mission items")]
    public int QgcSurveyGeneration() => QgcSurveyPlanner.Generate(_qgcSurvey, _home).Items.Count;

    [Benchmark(Description = "Trajectory sample (one call)")]
    public double TrajectorySample()
    {
        _time += 0.0137;
        if (_time > _trajectory.DurationS)
        {
            _time = 0;
        }

        return _trajectory.Sample(_time).Position.X;
    }

    [Benchmark(Description = "Blended trajectory sample (one call)")]
    public double BlendedTrajectorySample()
    {
        _time += 0.0137;
        if (_time > _blended.DurationS)
        {
            _time = 0;
        }

        return _blended.Sample(_time).Position.X;
    }

}
