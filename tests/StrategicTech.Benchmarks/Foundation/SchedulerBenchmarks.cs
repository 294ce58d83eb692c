using BenchmarkDotNet.Attributes;
using StrategicTech.Autopilot.Runtime;
using StrategicTech.Navigation.Time;

namespace StrategicTech.Benchmarks.Foundation;

/// <summary>
/// Scheduler overhead per base tick in lockstep, with five empty tasks at 1000/500/250/50/10 Hz: the cost of the
/// clock reads, due checks and statistics recording, not of the tasks.
/// </summary>
[MemoryDiagnoser]
public class SchedulerBenchmarks
{
    private FixedRateScheduler _scheduler = null!;

    [GlobalSetup]
    public void Setup()
    {
        _scheduler = new FixedRateScheduler(new ManualClock(), 1000);
        int[] rates = [1000, 500, 250, 50, 10];
        for (int i = 0; i < rates.Length; i++)
        {
            _scheduler.Register("t" + i, new EmptyTask(), rates[i], i);
        }
    }

    [Benchmark]
    public void StepOneTick() => _scheduler.Step();

    private sealed class EmptyTask : IPeriodicTask
    {
        public void Run(long timeUs)
        {
        }
    }
}
