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

    private readonly double[] quadMotors = new double[4];
    private readonly double[] hexMotors = new double[6];
    private MulticopterCascade quad = null!;
    private MulticopterCascade hex = null!;
    private MulticopterSetpoint setpoint;
    private MulticopterState state;

    [GlobalSetup]
    public void Setup()
    {
        ParameterStore store = MulticopterControlParameters.CreateStore();
        quad = MulticopterControlParameters.CreateCascade(store);
        store.Set("MC_AIRFRAME", 1);
        hex = MulticopterControlParameters.CreateCascade(store);
        setpoint = new MulticopterSetpoint(new Vector3(10, -5, -20), new Vector3(1, 0, 0), Vector3.Zero, 0.7, 0.1);
        state = new MulticopterState(
            new Vector3(9.2, -4.7, -19.5),
            new Vector3(1.2, 0.3, -0.2),
            Quaternion.FromEuler(0.05, -0.08, 0.65),
            new Vector3(0.2, -0.1, 0.05));
    }

    [Benchmark(Description = "full cascade, quad X")]
    public SaturationStatus FullCascadeQuad() => quad.Update(setpoint, state, DtS, quadMotors);

    [Benchmark(Description = "full cascade, hex X")]
    public SaturationStatus FullCascadeHex() => hex.Update(setpoint, state, DtS, hexMotors);

    [Benchmark(Description = "rate loop + mixer, quad X")]
    public SaturationStatus RateAndMixerQuad() =>
        quad.UpdateRate(new Vector3(0.5, -0.3, 0.2), 0.5, state.BodyRateRadps, DtS, quadMotors);

    [Benchmark(Description = "rate loop + mixer, quad X, saturated")]
    public SaturationStatus RateAndMixerQuadSaturated() =>
        quad.UpdateRate(new Vector3(8, -6, 3), 0.9, state.BodyRateRadps, DtS, quadMotors);

    [Benchmark(Description = "rate loop + mixer, hex X, saturated")]
    public SaturationStatus RateAndMixerHexSaturated() =>
        hex.UpdateRate(new Vector3(8, -6, 3), 0.9, state.BodyRateRadps, DtS, hexMotors);
}
