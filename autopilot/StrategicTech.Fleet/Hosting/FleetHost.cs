using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MQTTnet.Server;
using StrategicTech.Drivers.Vda5050;
using StrategicTech.Fleet.Api;
using StrategicTech.Fleet.Core;
using StrategicTech.Fleet.Orders;
using StrategicTech.Fleet.Site;
using StrategicTech.Fleet.Zones;
using StrategicTech.Navigation.Time;

namespace StrategicTech.Fleet.Hosting;

/// <summary>
/// One fleet-manager process: (embedded) MQTT broker, SQLite or PostgreSQL store, the VDA 5050 master client, the fleet loop and
/// the HTTP API with its OpenAPI document at <c>/openapi/v1.json</c>.
/// </summary>
public sealed class FleetHost : IAsyncDisposable
{
    private readonly FleetHostOptions _options;
    private readonly CancellationTokenSource _stop = new();
    private readonly WallClock _clock = new();
    private MqttServer? _broker;
    private QueuedFleetStore? _store;
    private Vda5050MasterClient? _master;
    private StateIntake? _intake;
    private WebApplication? _web;
    private Task? _loop;
    private long _sendFailures;
    private long _reconnects;
    private long _lastReconnectAttemptUs = long.MinValue / 2; // far past, without overflow in the subtraction
    private Task? _reconnect;

    public FleetHost(FleetHostOptions options, FleetSite site, FleetManagerOptions? managerOptions = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(site);
        _options = options;
        Site = site;
        ManagerOptions = managerOptions ?? new FleetManagerOptions();
    }

    /// <summary>The site planned on: with a zone file (3.0), the site with the zones' rules in its graph (<see cref="FleetSite.WithZones"/>).</summary>
    public FleetSite Site { get; private set; }

    public FleetManagerOptions ManagerOptions { get; }

    public FleetManager? Manager { get; private set; }

    public long SendFailures => Interlocked.Read(ref _sendFailures);

    /// <summary>Raised after the manager took a robot state (on the state intake's thread with the embedded broker, else on the master's MQTT receive thread); the benchmark measures rate and lag with it.</summary>
    public event Action<StrategicTech.Drivers.Vda5050.Messages.State>? StateProcessed;

    /// <summary>The embedded broker's state tap (null with an external broker).</summary>
    public EmbeddedBrokerStateTap? StateTap { get; private set; }

    /// <summary>On 3.0 connections: the grants of zone and edge requests (null on 2.x, which has no requests).</summary>
    public ZoneRequestService? ZoneRequests { get; private set; }

    /// <summary>On 3.0 with a zone file: sends the site's zone set to the robots (null otherwise).</summary>
    public ZoneSetPublisher? ZoneSets { get; private set; }

    /// <summary>The per-robot state slots behind the tap (null with an external broker): offered, coalesced and rejected counts.</summary>
    public StateIntake? StateIntake => _intake;

    /// <summary>Times the master client connected again after losing the broker.</summary>
    public long Reconnects => Interlocked.Read(ref _reconnects);

    /// <summary>Whether the master client is connected to the broker now.</summary>
    public bool BrokerConnected => _master?.IsConnected ?? false;

    /// <summary>Port of the MQTT broker (embedded or external).</summary>
    public int BrokerPort => _options.BrokerPort;

    public string HttpBaseAddress => string.Create(CultureInfo.InvariantCulture, $"http://{_options.HttpAddress}:{_options.HttpPort}");

    public async Task StartAsync(CancellationToken cancellation)
    {
        if (_options.EmbeddedBroker)
        {
            MqttServerOptions brokerOptions = new MqttServerOptionsBuilder()
                .WithDefaultEndpoint()
                .WithDefaultEndpointBoundIPAddress(IPAddress.Parse(_options.BrokerHost))
                .WithDefaultEndpointPort(_options.BrokerPort)
                .WithDefaultEndpointReuseAddress() // a restart after a kill rebinds at once despite connections in TIME_WAIT
                .Build();
            _broker = new MqttServerFactory().CreateMqttServer(brokerOptions);
            await _broker.StartAsync().ConfigureAwait(false);
        }

        if (_options.ZoneSetPath is string zoneFile && Vda5050Codec.IsV3(_options.ProtocolVersion) && Site.Zones is null)
        {
            Site = Site.WithZones(SiteZoneSet(zoneFile)); // the planner routes by the zones the robots are sent
        }

        _store = FleetStores.Open(_options.DatabasePath);
        Manager = new FleetManager(Site, _store, _clock, TimeProvider.System, ManagerOptions);
        FleetManager manager = Manager;
        if (_broker is not null && _options.StateTap)
        {
            // Embedded broker: states go from the broker's receive threads into per-robot slots and on to the manager
            // on the intake's thread (EmbeddedBrokerStateTap says why), not through the master's connection.
            _intake = new StateIntake(
                s =>
                {
                    manager.OnState(s);
                    StateProcessed?.Invoke(s);
                },
                _options.ProtocolVersion);
            StateTap = new EmbeddedBrokerStateTap(_broker, _intake, _options.InterfaceName, _options.ProtocolVersion);
        }

        _master = new Vda5050MasterClient(
            new Vda5050ClientOptions(_options.BrokerHost, _options.BrokerPort, "StrategicTech", "fleet-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture), _options.ProtocolVersion, _options.InterfaceName),
            subscribeToState: _intake is null);
        _master.StateReceived += manager.OnState;
        _master.StateReceived += s => StateProcessed?.Invoke(s);
        _master.ConnectionReceived += Manager.OnConnection;
        _master.FactsheetReceived += Manager.OnFactsheet;
        _master.FactsheetV3Received += Manager.OnFactsheet;
        if (Vda5050Codec.IsV3(_options.ProtocolVersion))
        {
            // A robot silent for three of the standard's 30 s state periods is lost to the zone arbiter, as is one whose will says CONNECTIONBROKEN.
            ZoneRequests = new ZoneRequestService(_master, new ReleaseArbiter(TimeProvider.System, stateTimeout: TimeSpan.FromSeconds(90)), _options.ProtocolVersion);
            StateProcessed += ZoneRequests.OnState;
            _master.ConnectionReceived += ZoneRequests.OnConnection;
            if (Site.Zones is Drivers.Vda5050.Messages.ZoneSetDefinition zones)
            {
                ZoneSets = new ZoneSetPublisher(_master, _options.ProtocolVersion, zones);
                _master.ConnectionReceived += ZoneSets.OnConnection;
                StateProcessed += ZoneSets.OnState;
            }
        }
        else if (_options.ZoneSetPath is not null)
        {
            throw new ArgumentException($"a zone file needs VDA 5050 3.0; the fleet speaks {_options.ProtocolVersion}");
        }

        await _master.ConnectAsync(cancellation).ConfigureAwait(false);

        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(HttpBaseAddress);
        builder.Services.AddOpenApi();
        _web = builder.Build();
        _web.MapOpenApi();
        _web.MapFleetApi(Manager, ZoneRequests is null ? null : ZoneRequests.OnCommand);
        await _web.StartAsync(cancellation).ConfigureAwait(false);
        _loop = Task.Run(LoopAsync, CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }

        if (_reconnect is not null)
        {
            await _reconnect.ConfigureAwait(false);
        }

        if (_web is not null)
        {
            await _web.StopAsync().ConfigureAwait(false);
            await _web.DisposeAsync().ConfigureAwait(false);
        }

        if (ZoneRequests is not null)
        {
            await ZoneRequests.DisposeAsync().ConfigureAwait(false);
        }

        if (ZoneSets is not null)
        {
            await ZoneSets.DisposeAsync().ConfigureAwait(false);
        }

        if (_master is not null)
        {
            await _master.DisconnectAsync(CancellationToken.None).ConfigureAwait(false);
            await _master.DisposeAsync().ConfigureAwait(false);
        }

        if (_store is not null)
        {
            await _store.DisposeAsync().ConfigureAwait(false);
        }

        if (_broker is not null)
        {
            await _broker.StopAsync().ConfigureAwait(false);
            _broker.Dispose();
        }

        _intake?.Dispose(); // after the broker: its tap offers states until it stops
        _stop.Dispose();
    }

    /// <summary>The zone file's set, which must describe this site's map.</summary>
    private Drivers.Vda5050.Messages.ZoneSetDefinition SiteZoneSet(string path)
    {
        Drivers.Vda5050.Messages.ZoneSetDefinition set = Drivers.Vda5050.Zones.ZoneSetFile.Load(path);
        return set.MapId == Site.MapId ? set : throw new InvalidDataException($"{path}: zoneSet.mapId '{set.MapId}' is not the site's map '{Site.MapId}'");
    }

    /// <summary>
    /// The broker went away (restart, network): try again once a second in the background while the loop goes on
    /// (sends fail and are counted meanwhile; the manager resends orders a robot did not take once states flow again).
    /// </summary>
    private void ReconnectIfLost()
    {
        long nowUs = _clock.TimeUs;
        if (_master!.IsConnected || _reconnect is { IsCompleted: false } || nowUs - _lastReconnectAttemptUs < 1_000_000)
        {
            return;
        }

        _lastReconnectAttemptUs = nowUs;
        _reconnect = Task.Run(async () =>
        {
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            attempt.CancelAfter(TimeSpan.FromSeconds(5));
            try
            {
                await _master.ConnectAsync(attempt.Token).ConfigureAwait(false);
                Interlocked.Increment(ref _reconnects);
            }
            catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException or InvalidOperationException)
            {
                // Still away; the next tick after a second tries again.
            }
        });
    }

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(_options.TickMs));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                Manager!.Tick();
                ReconnectIfLost();
                foreach (OutgoingMessage m in Manager.DrainOutbox())
                {
                    try
                    {
                        if (m.Order is not null)
                        {
                            await _master!.SendOrderAsync(m.Manufacturer, m.SerialNumber, m.Order, _stop.Token).ConfigureAwait(false);
                        }
                        else if (m.Actions is not null)
                        {
                            await _master!.SendInstantActionsAsync(m.Manufacturer, m.SerialNumber, m.Actions, _stop.Token).ConfigureAwait(false);
                        }
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        // Broker gone: the robot keeps its last base; counted, retried by the next update.
                        Interlocked.Increment(ref _sendFailures);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
