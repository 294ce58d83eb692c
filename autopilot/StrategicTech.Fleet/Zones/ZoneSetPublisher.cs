using System.Threading.Channels;
using StrategicTech.Drivers.Vda5050;
using StrategicTech.Drivers.Vda5050.Messages;

namespace StrategicTech.Fleet.Zones;

/// <summary>
/// Sends the site's zone set (3.0 topic <c>zoneSet</c>) to every 3.0 robot: when it announces itself ONLINE (also the
/// retained ONLINE of a robot that was up before the master), to every robot online when the set changes
/// (<see cref="Publish"/>), and again to a robot whose state does not report the set ENABLED a while after it was
/// sent (the message was lost, or the robot restarted without a new connection message). Every set is checked
/// strictly before it is accepted, so what goes out validates. One background sender: a handler never waits on the network.
/// </summary>
public sealed class ZoneSetPublisher : IAsyncDisposable
{
    /// <summary>How long a robot may go on not reporting the set before it is sent again (a state or two is on its way meanwhile).</summary>
    public static readonly TimeSpan ResendAfter = TimeSpan.FromSeconds(5);

    private readonly Vda5050MasterClient _master;
    private readonly string _protocolVersion;
    private readonly TimeProvider _time;
    private readonly Channel<(string Manufacturer, string SerialNumber, ZoneSetDefinition Set)> _outbox =
        Channel.CreateUnbounded<(string, string, ZoneSetDefinition)>(new UnboundedChannelOptions { SingleReader = true });

    private readonly Task _sender;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Robot> _robots = new(StringComparer.Ordinal);
    private ZoneSetDefinition _set;
    private long _sent;
    private long _sendFailures;

    public ZoneSetPublisher(Vda5050MasterClient master, string protocolVersion, ZoneSetDefinition set, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(master);
        if (!Vda5050Codec.IsV3(protocolVersion))
        {
            throw new ArgumentException($"zone sets exist only in VDA 5050 3.0, not in {protocolVersion}", nameof(protocolVersion));
        }

        _master = master;
        _protocolVersion = protocolVersion;
        _time = time ?? TimeProvider.System;
        _set = Checked(set);
        _sender = Task.Run(SendLoopAsync);
    }

    /// <summary>The zone set robots get now.</summary>
    public ZoneSetDefinition Current
    {
        get
        {
            lock (_lock)
            {
                return _set;
            }
        }
    }

    /// <summary>zoneSet messages sent.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>zoneSet messages that could not be published (broker gone); the robot's next state brings a resend.</summary>
    public long SendFailures => Interlocked.Read(ref _sendFailures);

    /// <summary>Replaces the site's zone set (a new zoneSetId, as the standard asks of a changed set) and sends it to every robot online.</summary>
    public void Publish(ZoneSetDefinition set)
    {
        ZoneSetDefinition checkedSet = Checked(set);
        lock (_lock)
        {
            _set = checkedSet;
            foreach (Robot robot in _robots.Values.Where(r => r.Online))
            {
                Send(robot, checkedSet);
            }
        }
    }

    /// <summary>The master's connection handler: a robot ONLINE gets the zone set.</summary>
    public void OnConnection(Connection message)
    {
        ArgumentNullException.ThrowIfNull(message);
        lock (_lock)
        {
            Robot robot = RobotOf(message.Manufacturer, message.SerialNumber);
            robot.Online = message.ConnectionState == ConnectionState.Online;
            if (robot.Online)
            {
                Send(robot, _set);
            }
        }
    }

    /// <summary>The master's state handler: a robot that does not report the current set ENABLED gets it again (not more than every <see cref="ResendAfter"/>).</summary>
    public void OnState(State state)
    {
        ArgumentNullException.ThrowIfNull(state);
        lock (_lock)
        {
            Robot robot = RobotOf(state.Manufacturer, state.SerialNumber);
            robot.Online = true;
            bool reported = state.ZoneSets?.Exists(z => z.ZoneSetId == _set.ZoneSetId && z.MapId == _set.MapId && z.ZoneSetStatus == ZoneSetStatus.Enabled) ?? false;
            if (!reported && _time.GetUtcNow() - robot.LastSentAt >= ResendAfter)
            {
                Send(robot, _set);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _outbox.Writer.TryComplete();
        await _sender.ConfigureAwait(false);
    }

    private static ZoneSetDefinition Checked(ZoneSetDefinition set)
    {
        ArgumentNullException.ThrowIfNull(set);
        string? problem = ZoneSetRules.Check(set, foreignMembersAllowed: false);
        return problem is null ? set : throw new ArgumentException(problem, nameof(set));
    }

    private void Send(Robot robot, ZoneSetDefinition set)
    {
        robot.LastSentAt = _time.GetUtcNow();
        _outbox.Writer.TryWrite((robot.Manufacturer, robot.SerialNumber, set));
    }

    private Robot RobotOf(string manufacturer, string serialNumber)
    {
        string key = manufacturer + "/" + serialNumber;
        if (!_robots.TryGetValue(key, out Robot? robot))
        {
            robot = new Robot { Manufacturer = manufacturer, SerialNumber = serialNumber, LastSentAt = DateTimeOffset.MinValue };
            _robots[key] = robot;
        }

        return robot;
    }

    private async Task SendLoopAsync()
    {
        await foreach ((string manufacturer, string serial, ZoneSetDefinition set) in _outbox.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            var message = new ZoneSet
            {
                HeaderId = 0, Timestamp = string.Empty, Version = _protocolVersion, Manufacturer = string.Empty, SerialNumber = string.Empty, Definition = set,
            };
            try
            {
                await _master.SendZoneSetAsync(manufacturer, serial, message, CancellationToken.None).ConfigureAwait(false);
                Interlocked.Increment(ref _sent);
            }
            catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException or InvalidOperationException or OperationCanceledException)
            {
                Interlocked.Increment(ref _sendFailures);
            }
        }
    }

    private sealed class Robot
    {
        public required string Manufacturer { get; init; }

        public required string SerialNumber { get; init; }

        public bool Online { get; set; }

        public DateTimeOffset LastSentAt { get; set; }
    }
}
