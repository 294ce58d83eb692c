using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using StrategicTech.Fleet.Api;
using StrategicTech.Fleet.Core;
using StrategicTech.Fleet.Hosting;
using StrategicTech.Fleet.Site;
using StrategicTech.Sim.Fleet;

namespace StrategicTech.Fleet.Tests;

/// <summary>A fleet manager (embedded broker, SQLite in a temp directory, HTTP on loopback) with simulated AGVs.</summary>
internal sealed class FleetTestRig : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    private FleetTestRig(string directory, FleetSite site) => (Directory, Site) = (directory, site);

    public string Directory { get; }

    public FleetSite Site { get; }

    public FleetHost? Host { get; private set; }

    public SimulatedFleet? Agvs { get; private set; }

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(60) };

    public int HttpPort { get; private set; }

    public int BrokerPort { get; set; }

    /// <summary>True: the host connects to a broker already listening on <see cref="BrokerPort"/> (Mosquitto) instead of embedding one.</summary>
    public bool ExternalBroker { get; init; }

    /// <summary>VDA 5050 version of the host's master and the AGVs ("2.0.0" unless set).</summary>
    public string ProtocolVersion { get; init; } = "2.0.0";

    /// <summary>Database location given to the host (default: a SQLite file in <see cref="Directory"/>); a postgres:// URL for PostgreSQL.</summary>
    public string? DatabaseLocation { get; init; }

    /// <summary>How the host's fleet manager plans (lifelong, the product's default, unless set).</summary>
    public PlanningMode Planning { get; init; } = PlanningMode.Lifelong;

    /// <summary>3.0: a zone file the host sends to every robot (none unless set).</summary>
    public string? ZoneSetPath { get; set; }

    public static FleetTestRig Create(string? databaseLocation = null, int externalBrokerPort = 0, string protocolVersion = "2.0.0", PlanningMode planning = PlanningMode.Lifelong)
    {
        string dir = Path.Combine(Path.GetTempPath(), "fleet-test-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(dir);
        return new FleetTestRig(dir, FleetSite.Bundled())
        {
            DatabaseLocation = databaseLocation, ExternalBroker = externalBrokerPort != 0, BrokerPort = externalBrokerPort, ProtocolVersion = protocolVersion, Planning = planning,
        };
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async Task StartHostAsync()
    {
        HttpPort = FreePort();
        BrokerPort = BrokerPort == 0 ? FreePort() : BrokerPort;
        Host = new FleetHost(
            new FleetHostOptions { ProtocolVersion = ProtocolVersion, HttpPort = HttpPort, BrokerPort = BrokerPort, EmbeddedBroker = !ExternalBroker, DatabasePath = DatabaseLocation ?? Path.Combine(Directory, "fleet.db"), ZoneSetPath = ZoneSetPath }, Site,
            new FleetManagerOptions { Planning = Planning });
        await Host.StartAsync(CancellationToken.None);
    }

    public async Task StopHostAsync()
    {
        if (Host is not null)
        {
            await Host.DisposeAsync();
            Host = null;
        }
    }

    public Uri Url(string path) => new($"http://127.0.0.1:{HttpPort}{path}");

    /// <summary>AGVs at the given cells, 100 % battery.</summary>
    public async Task StartAgvsAsync(params (int X, int Y)[] cells)
    {
        Agvs = new SimulatedFleet("127.0.0.1", BrokerPort, ProtocolVersion);
        for (int i = 0; i < cells.Length; i++)
        {
            int v = Site.Graph.VertexAt(cells[i].X, cells[i].Y);
            (double x, double y) = Site.PositionOf(v);
            await Agvs.AddAsync(new SimulatedAgv("SimCo", $"agv{i}", Site.MapId, Site.NodeIdOfVertex(v), x, y, 100), CancellationToken.None);
        }
    }

    /// <summary>Steps the AGVs (0.05 s of simulated time per step, as fast as the machine goes) until the condition holds or the timeout passes.</summary>
    public async Task<bool> RunUntilAsync(Func<Task<bool>> done)
    {
        var deadline = DateTime.UtcNow + Timeout;
        int step = 0;
        while (DateTime.UtcNow < deadline)
        {
            await Agvs!.StepAsync(0.05, CancellationToken.None);
            await Task.Delay(1);
            if (++step % 20 == 0 && await done())
            {
                return true;
            }
        }

        return false;
    }

    public async Task<List<OrderView>> OrdersAsync() => (await Http.GetFromJsonAsync<List<OrderView>>(Url("/orders")))!;

    public async ValueTask DisposeAsync()
    {
        if (Agvs is not null)
        {
            await Agvs.DisposeAsync();
        }

        await StopHostAsync();
        Http.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
