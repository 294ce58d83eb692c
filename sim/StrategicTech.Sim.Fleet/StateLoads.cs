namespace StrategicTech.Sim.Fleet;

/// <summary>The two robot loads of the ramp.</summary>
public static class StateLoads
{
    /// <summary>Robots publishing from this many threads of the raw-socket load (one drives a few thousand at 10 Hz).</summary>
    public const int RawThreads = 1;

    /// <summary>The raw-socket load (<see cref="RawMqtt.RawStateLoad"/>), or one MQTTnet client per robot (<see cref="StateLoad"/>).</summary>
    public static IStateLoad Create(string brokerHost, int brokerPort, bool mqttnetRobots) =>
        mqttnetRobots ? new StateLoad(brokerHost, brokerPort) : new RawMqtt.RawStateLoad(brokerHost, brokerPort, RawThreads);
}
