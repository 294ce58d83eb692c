using BenchmarkDotNet.Attributes;
using StrategicTech.Autopilot.Control;
using StrategicTech.Autopilot.Parameters;
using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Benchmarks.Control;

/// <summary>
/// Multirotor control cost per call: the full cascade (position → velocity → thrust/attitude → rates → torque → motors)
/// and the rate loop with allocation alone, unsaturated and saturated (the saturated mixer solves for its scales).
/// </summary>
[MemoryDiagnoser]
public class ControlBenchmarks
{
    private const double DtS = 0.0025;

    private readonly double[] _quadMotors = new double[4];
    private readonly double[] _hexMotors = new double[6];
    private MulticopterCascade _quad = null!;
    private MulticopterCascade _hex = null!;
    private MulticopterSetpoint _setpoint;
    private MulticopterState _state;

    [GlobalSetup]
    public void Setup()
    {
        ParameterStore store = MulticopterControlParameters.CreateStore();
        _quad = MulticopterControlParameters.CreateCascade(store);
        store.Set("MC_AIRFRAME", 1);
        _hex = MulticopterControlParameters.CreateCascade(store);
        _setpoint = new MulticopterSetpoint(new Vector3(10, -5, -20), new Vector3(1, 0, 0), Vector3.Zero, 0.7, 0.1);
        _state = new MulticopterState(
            new Vector3(9.2, -4.7, -19.5),
            new Vector3(1.2, 0.3, -0.2),
            Quaternion.FromEuler(0.05, -0.08, 0.65),
            new Vector3(0.2, -0.1, 0.05));
    }

    [Benchmark(Description = "full cascade, quad X")]
    public SaturationStatus FullCascadeQuad() => _quad.Update(_setpoint, _state, DtS, _quadMotors);

    [Benchmark(Description = "full cascade, hex X")]
    public SaturationStatus FullCascadeHex() => _hex.Update(_setpoint, _state, DtS, _hexMotors);

    [Benchmark(Description = "rate loop + mixer, quad X")]
    public SaturationStatus RateAndMixerQuad() =>
        _quad.UpdateRate(new Vector3(0.5, -0.3, 0.2), 0.5, _state.BodyRateRadps, DtS, _quadMotors);

    [Benchmark(Description = "rate loop + mixer, quad X, saturated")]
    public SaturationStatus RateAndMixerQuadSaturated() =>
        _quad.UpdateRate(new Vector3(8, -6, 3), 0.9, _state.BodyRateRadps, DtS, _quadMotors);

    [Benchmark(Description = "rate loop + mixer, hex X, saturated")]
    public SaturationStatus RateAndMixerHexSaturated() =>
        _hex.UpdateRate(new Vector3(8, -6, 3), 0.9, _state.BodyRateRadps, DtS, _hexMotors);
}
