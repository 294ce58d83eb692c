namespace StrategicTech.Autopilot.Bus;

/// <summary>
/// The registry of a vehicle's topics, by name. Modules look their topics up once at start-up and keep the
/// <see cref="Topic{T}"/> reference; the loop never touches the registry. Thread-safe.
/// </summary>
public sealed class TopicBus
{
    private readonly Dictionary<string, object> _topics = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>The topic with this name, created with <paramref name="capacity"/> on first use. A name is bound to one type.</summary>
    public Topic<T> GetOrCreate<T>(string name, int capacity = 16)
        where T : unmanaged
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        lock (_lock)
        {
            if (_topics.TryGetValue(name, out object? existing))
            {
                return existing as Topic<T> ?? throw new InvalidOperationException(
                    $"topic '{name}' already exists with sample type {existing.GetType().GenericTypeArguments[0].Name}, not {typeof(T).Name}");
            }

            var topic = new Topic<T>(name, capacity);
            _topics.Add(name, topic);
            return topic;
        }
    }

    /// <summary>Names of all topics, sorted (for diagnostics).</summary>
    public IReadOnlyList<string> TopicNames
    {
        get
        {
            lock (_lock)
            {
                var names = new List<string>(_topics.Keys);
                names.Sort(StringComparer.Ordinal);
                return names;
            }
        }
    }
}
