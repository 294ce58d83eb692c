using BenchmarkDotNet.Attributes;
using StrategicTech.Autopilot.Control.Allocation;
using StrategicTech.Autopilot.Control.Detection;
using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Benchmarks.Control;

/// <summary>
/// The failure detectors' cost per call as the vehicle runs them: the motor-failure detector once per 500 Hz rate-loop
/// step (hex, six motors, quadratic thrust curve), the impact detector once per 1 kHz accelerometer sample, and the
/// allocation of a hex with a motor dropped (the reconfigured allocator's cost per rate-loop step).
/// </summary>
[MemoryDiagnoser]
public class FailureDetectionBenchmarks
{
    private readonly double[] _motors = new double[6];
    private readonly double[] _allocated = new double[6];
    private MotorFailureDetector _detector = null!;
    private ControlAllocator _degraded = null!;
    private ImpactDetector _impacts = null!;
    private long _timeUs;
    private double _phase;

    [GlobalSetup]
    public void Setup()
    {
        var allocator = new ControlAllocator(MultirotorGeometry.HexX());
        _detector = new MotorFailureDetector(allocator, new ThrustCurve(1), new Vector3(0.008, 0.008, 0.04), MotorFailureDetectorParameters.Default);
        allocator.Allocate(new Vector3(0.02, -0.01, 0.005), 0.5, _motors);
        _degraded = new ControlAllocator(MultirotorGeometry.HexX());
        _degraded.DisableMotor(2);
        _impacts = new ImpactDetector();
        for (int i = 0; i < 10; i++)
        {
            _impacts.OnVelocity(new Vector3(1, 0, 0.5));
        }
    }

    [Benchmark]
    public int MotorFailureDetectorUpdate()
    {
        _timeUs += 2_000;
        _phase += 0.01;
        _detector.Update(_timeUs, _motors, new Vector3(0.05 * Math.Sin(_phase), 0.03 * Math.Cos(_phase), 0.01), 0.002, flying: true);
        return _detector.SuspectMotor;
    }

    [Benchmark]
    public bool ImpactDetectorSample()
    {
        _timeUs += 1_000;
        _impacts.OnAccelerometer(_timeUs, new Vector3(0.3, -0.2, -9.8), clipped: false);
        return _impacts.Detected;
    }

    [Benchmark]
    public double AllocateHexWithAMotorOut()
    {
        _phase += 0.01;
        _degraded.Allocate(new Vector3(0.1 * Math.Sin(_phase), 0.1 * Math.Cos(_phase), 0.02), 0.5, _allocated);
        return _allocated[0];
    }
}
