using System.Collections.Concurrent;
using StrategicTech.Drivers.Vda5050;
using StrategicTech.Drivers.Vda5050.Messages;
using StrategicTech.Drivers.Vda5050.Zones;

namespace StrategicTech.Sim.Fleet;

/// <summary>
/// Runs simulated AGVs, each with its own VDA 5050 AGV client on the broker: messages received are queued and
/// applied at the next step; every AGV publishes state on each event, every second while driving and every
/// 30 s otherwise (simulated time). Simulated time runs <see cref="TimeScale"/> times faster than the wall clock.
/// Records the least centre-to-centre distance between any two AGVs and each AGV's busy time.
/// </summary>
public sealed class SimulatedFleet : IAsyncDisposable
{
    private const double DrivingStatePeriodS = 1.0;
    private const double IdleStatePeriodS = 30.0;
    private readonly List<Member> _members = [];
    private readonly string _brokerHost;
    private readonly int _brokerPort;
    private readonly string _protocolVersion;
    private readonly Lock _gate = new();

    public SimulatedFleet(string brokerHost, int brokerPort, string protocolVersion = "2.0.0", double timeScale = 1.0)
    {
        _brokerHost = brokerHost;
        _brokerPort = brokerPort;
        _protocolVersion = protocolVersion;
        TimeScale = timeScale;
    }

    public double TimeScale { get; }

    public double SimTimeS { get; private set; }

    public double MinDistanceM { get; private set; } = double.PositiveInfinity;

    public IReadOnlyList<SimulatedAgv> Agvs => _members.Select(m => m.Agv).ToList();

    /// <summary>Simulated seconds each AGV spent driving or handling.</summary>
    public double BusyS(int index) => _members[index].BusyS;

    public async Task AddAsync(SimulatedAgv agv, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(agv);
        var member = new Member(agv);
        member.Client = NewClient(member);
        agv.Zones ??= () => member.Client.ZoneSets.EnabledFor(agv.MapId); // 3.0 BLOCKED, DIRECTED, BIDIRECTED, LINE_GUIDED zones refuse orders
        agv.SpeedLimitAt ??= (xM, yM) => ZoneActionTracker.SpeedLimitMps(member.Client.ZoneSets.EnabledFor(agv.MapId), xM, yM); // 3.0 SPEED_LIMIT zones
        await member.Client.ConnectAsync(cancellation).ConfigureAwait(false);
        lock (_gate)
        {
            _members.Add(member);
        }
    }

    /// <summary>Drops an AGV's connection without a clean goodbye (the broker then publishes its last will); it stops where it is.</summary>
    public async Task KillAsync(int index)
    {
        Member m = _members[index];
        m.Dead = true;
        await m.Client.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// A network drop: the AGV's connection goes without a goodbye (the broker publishes its last will) but the AGV
    /// keeps driving the base it holds, as a VDA 5050 AGV does; nothing reaches it and it publishes nothing until
    /// <see cref="ReconnectAsync"/>.
    /// </summary>
    public async Task DropAsync(int index)
    {
        Member m = _members[index];
        m.Offline = true;
        await m.Client.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>The dropped AGV connects again (a new session: connection ONLINE, then its state).</summary>
    public async Task ReconnectAsync(int index, CancellationToken cancellation)
    {
        Member m = _members[index];
        m.Client = NewClient(m);
        await m.Client.ConnectAsync(cancellation).ConfigureAwait(false);
        m.Agv.StateDue = true;
        m.Offline = false;
    }

    /// <summary>Advances simulated time by <paramref name="dtS"/> and publishes the states that are due.</summary>
    public async Task StepAsync(double dtS, CancellationToken cancellation)
    {
        Member[] members;
        lock (_gate)
        {
            members = [.. _members];
        }

        SimTimeS += dtS;
        foreach (Member m in members)
        {
            if (m.Dead)
            {
                continue;
            }

            while (!m.Offline && m.Inbox.TryDequeue(out object? message))
            {
                if (message is Order order)
                {
                    m.Agv.TryAccept(order);
                }
                else if (message is InstantActions actions)
                {
                    m.Agv.InstantActions(actions);
                }
            }

            m.Agv.Step(dtS);
            m.Client.ZoneActions.Moved(m.Client.ZoneSets.EnabledFor(m.Agv.MapId), m.Agv.XM, m.Agv.YM); // 3.0 ACTION zones: none can run here, so each is reported FAILED
            if (m.Agv.Busy)
            {
                m.BusyS += dtS;
            }
        }

        for (int i = 0; i < members.Length; i++)
        {
            for (int j = i + 1; j < members.Length; j++)
            {
                double dx = members[i].Agv.XM - members[j].Agv.XM, dy = members[i].Agv.YM - members[j].Agv.YM;
                MinDistanceM = Math.Min(MinDistanceM, Math.Sqrt((dx * dx) + (dy * dy)));
            }
        }

        foreach (Member m in members)
        {
            double period = m.Agv.Driving ? DrivingStatePeriodS : IdleStatePeriodS;
            if (!m.Dead && !m.Offline && (m.Agv.StateDue || SimTimeS - m.LastStateS >= period))
            {
                m.Agv.StateDue = false;
                m.LastStateS = SimTimeS;
                try
                {
                    await m.Client.PublishStateAsync(m.Agv.BuildState(), cancellation).ConfigureAwait(false);
                }
                catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException or InvalidOperationException)
                {
                    // Broker away: keep driving what was released, reconnect once a simulated second, publish again then.
                    m.Agv.StateDue = true;
                    if (SimTimeS - m.LastReconnectS >= 1.0)
                    {
                        m.LastReconnectS = SimTimeS;
                        try
                        {
                            await m.Client.ConnectAsync(cancellation).ConfigureAwait(false);
                        }
                        catch (Exception again) when (again is MQTTnet.Exceptions.MqttCommunicationException or InvalidOperationException or OperationCanceledException)
                        {
                        }
                    }
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (Member m in _members.Where(m => !m.Dead && !m.Offline))
        {
            try
            {
                await m.Client.DisconnectAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (MQTTnet.Exceptions.MqttCommunicationException)
            {
            }

            await m.Client.DisposeAsync().ConfigureAwait(false);
        }
    }

    private Vda5050AgvClient NewClient(Member member)
    {
        var client = new Vda5050AgvClient(new Vda5050ClientOptions(_brokerHost, _brokerPort, member.Agv.Manufacturer, member.Agv.SerialNumber, _protocolVersion), factsheet: SimulatedAgvFactsheet.For(member.Agv));
        client.OrderReceived += o => member.Inbox.Enqueue(o);
        client.InstantActionsReceived += a => member.Inbox.Enqueue(a);
        return client;
    }

    private sealed class Member(SimulatedAgv agv)
    {
        public SimulatedAgv Agv { get; } = agv;

        public Vda5050AgvClient Client { get; set; } = null!; // set right after construction (the client's handlers need the member)

        /// <summary>Connection dropped (<see cref="DropAsync"/>): drives on, hears and says nothing.</summary>
        public bool Offline { get; set; }

        public ConcurrentQueue<object> Inbox { get; } = new();

        public double BusyS { get; set; }

        public double LastStateS { get; set; } = double.NegativeInfinity;

        public bool Dead { get; set; }

        public double LastReconnectS { get; set; } = double.NegativeInfinity;
    }
}
