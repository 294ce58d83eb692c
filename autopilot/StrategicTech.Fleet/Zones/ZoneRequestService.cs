using System.Threading.Channels;
using StrategicTech.Drivers.Vda5050;
using StrategicTech.Drivers.Vda5050.Messages;

namespace StrategicTech.Fleet.Zones;

/// <summary>
/// Puts a <see cref="ReleaseArbiter"/> on a 3.0 master connection: every robot state goes through the arbiter and
/// its answers go out as <c>responses</c>, one message per robot, in order, from one background sender (a state
/// handler never waits on the network). A robot that reports an emergency stop in its state (safetyState.eStop
/// not NONE) loses its grants until it reports NONE again; <see cref="EmergencyStop"/> does the same for one robot or
/// the whole fleet on the master's side. A robot's connection message other than ONLINE (its last will
/// CONNECTIONBROKEN, or OFFLINE) ends its grants (<see cref="ReleaseArbiter.OnConnectionLost"/>), and once a second
/// the arbiter's clock runs (lost robots' leases, the state timeout).
/// </summary>
public sealed class ZoneRequestService : IAsyncDisposable
{
    private readonly Vda5050MasterClient _master;
    private readonly string _protocolVersion;
    private readonly Channel<List<ReleaseGrant>> _outbox = Channel.CreateUnbounded<List<ReleaseGrant>>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _sender;
    private readonly Task _ticker;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _stopLock = new();
    private readonly HashSet<string> _stoppedByState = new(StringComparer.Ordinal);
    private long _sendFailures;
    private long _responsesSent;

    public ZoneRequestService(Vda5050MasterClient master, ReleaseArbiter arbiter, string protocolVersion)
    {
        ArgumentNullException.ThrowIfNull(master);
        ArgumentNullException.ThrowIfNull(arbiter);
        if (!Vda5050Codec.IsV3(protocolVersion))
        {
            throw new ArgumentException($"zone and edge requests exist only in VDA 5050 3.0, not in {protocolVersion}", nameof(protocolVersion));
        }

        _master = master;
        Arbiter = arbiter;
        _protocolVersion = protocolVersion;
        _sender = Task.Run(SendLoopAsync);
        _ticker = Task.Run(TickLoopAsync);
    }

    public ReleaseArbiter Arbiter { get; }

    /// <summary>responses messages sent.</summary>
    public long ResponsesSent => Interlocked.Read(ref _responsesSent);

    /// <summary>responses that could not be published (broker gone); the robot's next state repairs them.</summary>
    public long SendFailures => Interlocked.Read(ref _sendFailures);

    /// <summary>The master's state handler: feeds the arbiter and queues its answers.</summary>
    public void OnState(State state)
    {
        ArgumentNullException.ThrowIfNull(state);
        string key = state.Manufacturer + "/" + state.SerialNumber;
        bool stopped = state.SafetyState.EStop != EStop.None;
        bool changed;
        lock (_stopLock)
        {
            changed = stopped ? _stoppedByState.Add(key) : _stoppedByState.Remove(key);
        }

        if (changed)
        {
            Queue(stopped
                ? Arbiter.RevokeAll(state.Manufacturer, state.SerialNumber, reportedByRobot: true)
                : Arbiter.Resume(state.Manufacturer, state.SerialNumber, reportedByRobot: true));
        }

        Queue(Arbiter.OnState(state));
    }

    /// <summary>The master's connection handler: a robot whose connection broke or that went OFFLINE loses its grants.</summary>
    public void OnConnection(Connection message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.ConnectionState != ConnectionState.Online)
        {
            Queue(Arbiter.OnConnectionLost(message.Manufacturer, message.SerialNumber));
        }
    }

    /// <summary>Revokes the grants of one robot, or of all when <paramref name="serialNumber"/> is null, until <see cref="Resume"/>.</summary>
    public void EmergencyStop(string? manufacturer = null, string? serialNumber = null) => Queue(Arbiter.RevokeAll(manufacturer, serialNumber));

    public void Resume(string? manufacturer = null, string? serialNumber = null) => Queue(Arbiter.Resume(manufacturer, serialNumber));

    /// <summary>The fleet API's robot commands: "estop" revokes the listed robots' grants, "resume" lifts that; others change nothing here.</summary>
    public void OnCommand(string verb, IReadOnlyList<string> serialNumbers)
    {
        ArgumentNullException.ThrowIfNull(serialNumbers);
        foreach (string serial in serialNumbers)
        {
            if (verb == "estop")
            {
                EmergencyStop(null, serial);
            }
            else if (verb == "resume")
            {
                Resume(null, serial);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _ticker.ConfigureAwait(false);
        _outbox.Writer.TryComplete();
        await _sender.ConfigureAwait(false);
        _stop.Dispose();
    }

    private void Queue(List<ReleaseGrant> answers)
    {
        if (answers.Count > 0)
        {
            _outbox.Writer.TryWrite(answers);
        }
    }

    private async Task TickLoopAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                Queue(Arbiter.Tick());
            }
        }
        catch (OperationCanceledException)
        {
            // disposed
        }
    }

    private async Task SendLoopAsync()
    {
        await foreach (List<ReleaseGrant> batch in _outbox.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            foreach (IGrouping<(string, string), ReleaseGrant> robot in batch.GroupBy(g => (g.Manufacturer, g.SerialNumber)))
            {
                var message = new Responses
                {
                    HeaderId = 0, Timestamp = string.Empty, Version = _protocolVersion, Manufacturer = string.Empty, SerialNumber = string.Empty,
                    Items = [.. robot.Select(g => g.Response)],
                };
                try
                {
                    await _master.SendResponsesAsync(robot.Key.Item1, robot.Key.Item2, message, CancellationToken.None).ConfigureAwait(false);
                    Interlocked.Increment(ref _responsesSent);
                }
                catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException or InvalidOperationException or OperationCanceledException)
                {
                    Interlocked.Increment(ref _sendFailures);
                }
            }
        }
    }
}
