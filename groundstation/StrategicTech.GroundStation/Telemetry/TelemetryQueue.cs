namespace StrategicTech.GroundStation.Telemetry;

/// <summary>
/// Bounded single-consumer queue of samples from the MAVLink thread to the render thread. Preallocated; when full
/// the newest sample is dropped and counted (the render thread drains every frame, so this only happens when it stalls).
/// </summary>
public sealed class TelemetryQueue(int capacity = 4096) : ITelemetrySink
{
    private readonly TelemetrySample[] _items = new TelemetrySample[Math.Max(16, capacity)];
    private readonly Lock _lock = new();
    private int _head;
    private int _count;

    /// <summary>Samples dropped because the queue was full.</summary>
    public long Dropped { get; private set; }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _count;
            }
        }
    }

    public void Accept(in TelemetrySample sample)
    {
        lock (_lock)
        {
            if (_count == _items.Length)
            {
                Dropped++;
                return;
            }

            _items[(_head + _count) % _items.Length] = sample;
            _count++;
        }
    }

    /// <summary>Takes the oldest sample; false when empty.</summary>
    public bool TryTake(out TelemetrySample sample)
    {
        lock (_lock)
        {
            if (_count == 0)
            {
                sample = default;
                return false;
            }

            sample = _items[_head];
            _items[_head] = default;
            _head = (_head + 1) % _items.Length;
            _count--;
            return true;
        }
    }
}
