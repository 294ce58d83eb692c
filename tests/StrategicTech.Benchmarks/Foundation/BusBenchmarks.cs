using BenchmarkDotNet.Attributes;
using StrategicTech.Autopilot.Bus;
using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Benchmarks.Foundation;

/// <summary>Topic publish and read of a 64-byte sample (an attitude estimate).</summary>
[MemoryDiagnoser]
public class BusBenchmarks
{
    private readonly Topic<AttitudeSample> _topic = new("vehicle_attitude", 16);
    private TopicSubscription<AttitudeSample> _subscription = null!;
    private long _timeUs;

    [GlobalSetup]
    public void Setup()
    {
        _subscription = _topic.Subscribe();
        _topic.Publish(new AttitudeSample(0, Quaternion.Identity, default));
    }

    [Benchmark]
    public long Publish() => _topic.Publish(new AttitudeSample(++_timeUs, Quaternion.Identity, new Vector3(0.1, 0.2, 0.3)));

    [Benchmark]
    public bool PublishThenRead()
    {
        _topic.Publish(new AttitudeSample(++_timeUs, Quaternion.Identity, new Vector3(0.1, 0.2, 0.3)));
        return _subscription.TryRead(out _);
    }

    [Benchmark]
    public bool ReadLatest() => _topic.TryGetLatest(out _, out _);

    public readonly record struct AttitudeSample(long TimeUs, Quaternion Attitude, Vector3 RateRadPerS);
}
