namespace StrategicTech.Sim.Fleet;

/// <summary>Idle robots publishing VDA 5050 state at <see cref="FleetBenchmark.StateRateHz"/>, one MQTT connection each: the load of the fleet benchmark's ramp.</summary>
public interface IStateLoad : IAsyncDisposable
{
    int Count { get; }

    /// <summary>States handed to the connection.</summary>
    long Published { get; }

    /// <summary>States not sent because the robot's connection had dropped.</summary>
    long NotSent { get; }

    /// <summary>Connects robots until there are <paramref name="robots"/>.</summary>
    Task GrowToAsync(int robots, CancellationToken cancellation);

    /// <summary>Every robot publishes a state every period until cancelled.</summary>
    Task PublishAsync(CancellationToken cancellation);
}
