using BenchmarkDotNet.Attributes;
using StrategicTech.Autopilot.Flight;

namespace StrategicTech.Benchmarks.Flight;

/// <summary>
/// One evaluation of the failsafe ladder (all fourteen conditions debounced, most severe action chosen), as the
/// commander runs it at every 50 Hz position update: quiet (nothing active) and busy (link lost, battery critical,
/// estimator ratio high, all at once, after their first decision).
/// </summary>
[MemoryDiagnoser]
public class FailsafeLadderBenchmarks
{
    private readonly FlightParameters _parameters = new() { DataLinkLossAction = FailsafeAction.ReturnToLaunch, MaxFlightTimeS = 3600 };
    private FailsafeMonitor _quiet = null!;
    private FailsafeMonitor _busy = null!;
    private long _timeUs;

    [GlobalSetup]
    public void Setup()
    {
        _quiet = new FailsafeMonitor();
        _busy = new FailsafeMonitor();
        for (int i = 0; i < 200; i++)
        {
            _timeUs += 20_000;
            _busy.Evaluate(Busy(_timeUs), _parameters);
        }
    }

    [Benchmark]
    public FailsafeDecision Quiet()
    {
        _timeUs += 20_000;
        return _quiet.Evaluate(new FailsafeInputs(FlightMode.Mission, false, false, true, true) { TimeUs = _timeUs, Armed = true, BatteryRemainingFraction = 0.8, FlightTimeS = 60 }, _parameters);
    }

    [Benchmark]
    public FailsafeDecision Busy()
    {
        _timeUs += 20_000;
        return _busy.Evaluate(Busy(_timeUs), _parameters);
    }

    private static FailsafeInputs Busy(long timeUs) =>
        new(FlightMode.ReturnToLaunch, false, false, true, true)
        {
            TimeUs = timeUs,
            Armed = true,
            DataLinkLost = true,
            BatteryRemainingFraction = 0.06,
            EstimatorTestRatio = 5,
            FlightTimeS = 600,
        };
}
