using BenchmarkDotNet.Attributes;
using StrategicTech.Autopilot.Control;
using StrategicTech.Autopilot.Flight;
using StrategicTech.Autopilot.Parameters;
using StrategicTech.Navigation.Geodesy;
using StrategicTech.Navigation.Missions;
using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Benchmarks.Flight;

/// <summary>
/// One 50 Hz <see cref="Commander.Update"/> (failsafes, mode, mission, land detector, position and velocity loops) and a
/// status read, on an ideal vehicle that sits at its setpoint: the autopilot's per-update cost without physics or EKF.
/// Mission: an endless DO_JUMP loop over a 40 m square; Position: sticks half forward and right.
/// </summary>
[MemoryDiagnoser]
public class FlightBenchmarks
{
    private static readonly GeodeticPosition Origin = GeodeticPosition.FromDegrees(47.397742, 8.545594, 488.0);
    private Commander _mission = null!;
    private Commander _position = null!;
    private MulticopterState _missionState;
    private MulticopterState _positionState;
    private VehicleHealth _health;
    private long _timeUs;

    [GlobalSetup]
    public void Setup()
    {
        _health = new VehicleHealth(true, true, 1.0, true, Origin);
        _missionState = new MulticopterState(Vector3.Zero, Vector3.Zero, Quaternion.Identity, Vector3.Zero);
        _positionState = _missionState;
        var frame = new LocalNedFrame(Origin);
        MissionItem Wp(int seq, double n, double e)
        {
            GeodeticPosition p = frame.FromNed(new Vector3(n, e, 0));
            return MissionItem.Waypoint(seq, MavFrame.GlobalRelativeAlt, p.LatitudeRad * 180 / Math.PI, p.LongitudeRad * 180 / Math.PI, 10);
        }

        _mission = Create();
        _mission.Update(0, 0.02, _missionState, _health);
        _mission.ReplaceMission([new(0, MavFrame.GlobalRelativeAlt, MavCmd.NavTakeoff, 0, 0, 0, double.NaN, double.NaN, double.NaN, 10, true), Wp(1, 40, 0), Wp(2, 40, 40), Wp(3, 0, 40), Wp(4, 0, 0), MissionItem.CommandItem(5, MavCmd.DoJump, 1, -1)]);
        _mission.StartMission();
        _mission.Arm();

        _position = Create();
        _position.Update(0, 0.02, _positionState, _health);
        _position.Takeoff(10);
        for (int i = 0; i < 1000; i++)
        {
            Step(_position, ref _positionState);
        }

        _position.SetManualInput(ManualInput.Centered(_timeUs));
        _position.SetMode(FlightMode.Position);
    }

    [Benchmark(Description = "commander update 50 Hz (mission, endless square)")]
    public bool MissionUpdate() => Step(_mission, ref _missionState);

    [Benchmark(Description = "commander update 50 Hz (position mode, sticks deflected)")]
    public bool PositionUpdate()
    {
        _position.SetManualInput(new ManualInput(_timeUs, 0.5, 0.5, 0, 0.5));
        return Step(_position, ref _positionState);
    }

    private static Commander Create()
    {
        ParameterStore store = FlightParameterDefinitions.CreateStore();
        return new Commander(FlightParameterDefinitions.Bind(store), MulticopterControlParameters.CreateCascade(store), MulticopterControlParameters.LandDetector(store));
    }

    private bool Step(Commander c, ref MulticopterState state)
    {
        _timeUs += 20_000;
        c.Update(_timeUs, 0.02, state, _health);
        MulticopterSetpoint sp = c.Navigator.Setpoint;
        Vector3 p = sp.PositionNedM;
        Vector3 v = sp.VelocityFeedForwardNedMps;
        Vector3 next = new(
            double.IsFinite(p.X) ? p.X : state.PositionNedM.X + (v.X * 0.02),
            double.IsFinite(p.Y) ? p.Y : state.PositionNedM.Y + (v.Y * 0.02),
            double.IsFinite(p.Z) ? p.Z : state.PositionNedM.Z + (v.Z * 0.02));
        state = state with { PositionNedM = next, VelocityNedMps = v };
        return c.Status.Armed;
    }
}
