using System.Globalization;
using StrategicTech.Drivers.Vda5050;
using StrategicTech.Drivers.Vda5050.Messages;

namespace StrategicTech.Sim.Fleet;

/// <summary>
/// Idle robots, one MQTT connection each (serial numbers <c>r0</c>, <c>r1</c>, …), publishing a VDA 5050 state at
/// <see cref="FleetBenchmark.StateRateHz"/>: the load of the fleet benchmark's ramp. It runs in the benchmark's
/// process or in a process of its own (<c>autonomy fleet load</c>), so that the node's CPU is measured apart from it.
/// </summary>
public sealed class StateLoad : IStateLoad
{
    private const int Tasks = 4;
    private readonly string _brokerHost;
    private readonly int _brokerPort;
    private readonly List<Vda5050AgvClient> _robots = [];
    private long _published;
    private long _notSent;

    public StateLoad(string brokerHost, int brokerPort)
    {
        _brokerHost = brokerHost;
        _brokerPort = brokerPort;
    }

    public int Count => _robots.Count;

    /// <summary>States handed to the MQTT client.</summary>
    public long Published => Interlocked.Read(ref _published);

    /// <summary>States not sent because the robot's connection had dropped.</summary>
    public long NotSent => Interlocked.Read(ref _notSent);

    /// <summary>Connects robots until there are <paramref name="robots"/>.</summary>
    public async Task GrowToAsync(int robots, CancellationToken cancellation)
    {
        for (int i = _robots.Count; i < robots; i++)
        {
            var client = new Vda5050AgvClient(new Vda5050ClientOptions(_brokerHost, _brokerPort, "Bench", string.Create(CultureInfo.InvariantCulture, $"r{i}"), "2.0.0"));
            await client.ConnectAsync(cancellation).ConfigureAwait(false);
            _robots.Add(client);
        }
    }

    /// <summary>
    /// Every robot publishes a state every period, spread over four tasks, until cancelled. A robot whose connection
    /// dropped (e.g. a keep-alive missed on a saturated host) does not end the load: its states are counted as not sent.
    /// </summary>
    public Task PublishAsync(CancellationToken cancellation)
    {
        Vda5050AgvClient[] all = [.. _robots];
        return Task.WhenAll(Enumerable.Range(0, Tasks).Select(t => Task.Run(
            async () =>
            {
                Vda5050AgvClient[] mine = [.. all.Where((_, i) => i % Tasks == t)];
                State[] states = [.. mine.Select(_ => IdleState())];
                using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(1000 / FleetBenchmark.StateRateHz));
                try
                {
                    while (await timer.WaitForNextTickAsync(cancellation).ConfigureAwait(false))
                    {
                        for (int i = 0; i < mine.Length; i++)
                        {
                            try
                            {
                                await mine[i].PublishStateAsync(states[i], cancellation).ConfigureAwait(false);
                                Interlocked.Increment(ref _published);
                            }
                            catch (MQTTnet.Exceptions.MqttClientNotConnectedException)
                            {
                                Interlocked.Increment(ref _notSent);
                            }
                        }
                    }
                }
                catch (OperationCanceledException)
                {
                }
            },
            CancellationToken.None)));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (Vda5050AgvClient r in _robots)
        {
            await r.DisposeAsync().ConfigureAwait(false);
        }

        _robots.Clear();
    }

    /// <summary>An idle robot's state (no order, no position), the size of a standing robot's report.</summary>
    public static State IdleState() => new()
    {
        HeaderId = 0,
        Timestamp = string.Empty,
        Version = string.Empty,
        Manufacturer = string.Empty,
        SerialNumber = string.Empty,
        OrderId = string.Empty,
        OrderUpdateId = 0,
        LastNodeId = string.Empty,
        LastNodeSequenceId = 0,
        Driving = false,
        Paused = false,
        OperatingMode = OperatingMode.Automatic,
        NodeStates = [],
        EdgeStates = [],
        ActionStates = [],
        BatteryState = new BatteryState { BatteryChargePercent = 80, Charging = false },
        Errors = [],
        SafetyState = new SafetyState { EStop = EStop.None, FieldViolation = false },
    };
}
