using StrategicTech.Autopilot.Runtime;
using StrategicTech.Navigation.Time;

namespace StrategicTech.Autopilot.Tests.Runtime;

/// <summary>Appends (task id, start time) to a shared preallocated log, so tests can check order and times without allocating.</summary>
internal sealed class RecordingTask(int id, RunLog log) : IPeriodicTask
{
    public long Runs { get; private set; }

    public void Run(long timeUs)
    {
        Runs++;
        log.Add(id, timeUs);
    }
}

internal sealed class RunLog(int capacity)
{
    private readonly int[] _ids = new int[capacity];
    private readonly long[] _timesUs = new long[capacity];

    public int Count { get; private set; }

    public void Add(int id, long timeUs)
    {
        if (Count < _ids.Length)
        {
            _ids[Count] = id;
            _timesUs[Count] = timeUs;
        }

        Count++;
    }

    public int IdAt(int i) => _ids[i];

    public long TimeAt(int i) => _timesUs[i];
}

/// <summary>A task that "takes" a scripted time by advancing the manual clock: the fake-clock way to inject known delays.</summary>
internal sealed class DelayTask(ManualClock clock, Func<long, long> delayForRunUs) : IPeriodicTask
{
    private long _run;

    public void Run(long timeUs) => clock.AdvanceUs(delayForRunUs(_run++));
}

internal sealed class CountingTask : IPeriodicTask
{
    public long Runs { get; private set; }

    public void Run(long timeUs) => Runs++;
}
