using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using StrategicTech.Drivers.Vda5050;
using StrategicTech.Drivers.Vda5050.Messages;
using StrategicTech.Fleet.Api;
using StrategicTech.Fleet.Hosting;
using StrategicTech.Fleet.Site;

namespace StrategicTech.Sim.Fleet;

/// <summary>One step of the robot ramp: nominal and measured state rates and the lag from a state's timestamp to the manager having taken it.</summary>
/// <remarks><see cref="CpuUsPerState"/>: CPU time of the whole process (publishing robots, broker, manager) per state taken, all threads.</remarks>
public sealed record FleetRampStep(int Robots, double NominalPerS, double PublishedPerS, double ProcessedPerS, double LagP50Ms, double LagP99Ms, double CpuUsPerState, bool Keeps);

/// <summary>
/// The single-node ceiling of the fleet manager, measured against one <see cref="FleetHost"/> (embedded broker,
/// SQLite): (1) transport orders accepted per second over the HTTP API (201 = committed) with concurrent clients;
/// (2) robots reporting VDA 5050 state at 10 Hz, one MQTT connection each, ramped until the manager no longer takes
/// the states at their rate with the median within one period. The robots of the ramp are idle and unplaced (no position, no order), so the ramp
/// measures broker, decoding and the manager's state update, not planning.
/// </summary>
public static class FleetBenchmark
{
    public const double StateRateHz = 10;

    /// <summary>Orders posted by <paramref name="concurrency"/> clients at once; returns orders accepted per second of wall time.</summary>
    public static async Task<double> OrdersAcceptedPerSecondAsync(FleetSite site, string workDirectory, int orders, int concurrency, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(site);
        await using FleetHost host = await StartHostAsync(site, workDirectory, "orders", cancellation).ConfigureAwait(false);
        int[] free = [.. Enumerable.Range(0, site.Graph.VertexCount)];
        var random = new Random(7);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(120) };
        int next = -1;
        var clock = Stopwatch.StartNew();
        Task[] clients = [.. Enumerable.Range(0, concurrency).Select(_ => Task.Run(
            async () =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < orders)
                {
                    int from, to;
                    lock (random)
                    {
                        from = free[random.Next(free.Length)];
                        do
                        {
                            to = free[random.Next(free.Length)];
                        }
                        while (to == from);
                    }

                    var request = new OrderRequest(string.Create(CultureInfo.InvariantCulture, $"bench{i}"), site.NodeIdOfVertex(from), site.NodeIdOfVertex(to), "tote", 0, null);
                    using HttpResponseMessage r = await http.PostAsJsonAsync(new Uri(host.HttpBaseAddress + "/orders"), request, cancellation).ConfigureAwait(false);
                    if (r.StatusCode != System.Net.HttpStatusCode.Created)
                    {
                        throw new InvalidOperationException($"order bench{i}: HTTP {(int)r.StatusCode}");
                    }
                }
            },
            cancellation))];
        await Task.WhenAll(clients).ConfigureAwait(false);
        double seconds = clock.Elapsed.TotalSeconds;
        if (host.Manager!.Orders().Count != orders)
        {
            throw new InvalidOperationException($"{host.Manager.Orders().Count} orders stored of {orders} accepted");
        }

        return orders / seconds;
    }

    /// <summary>Ramps robots through <paramref name="robotSteps"/>, measuring <paramref name="windowS"/> seconds at each; stops after the first step that does not keep up.</summary>
    public static async Task<IReadOnlyList<FleetRampStep>> RampRobotsAsync(
        FleetSite site, string workDirectory, IReadOnlyList<int> robotSteps, double windowS, TextWriter progress, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(robotSteps);
        ArgumentNullException.ThrowIfNull(progress);
        await using FleetHost host = await StartHostAsync(site, workDirectory, "ramp", cancellation).ConfigureAwait(false);
        var lags = new List<double>();
        long processed = 0;
        bool measuring = false;
        host.StateProcessed += s =>
        {
            if (!Volatile.Read(ref measuring))
            {
                return;
            }

            double lagMs = (DateTimeOffset.UtcNow - DateTimeOffset.Parse(s.Timestamp, CultureInfo.InvariantCulture)).TotalMilliseconds;
            lock (lags)
            {
                lags.Add(lagMs);
                processed++;
            }
        };

        var robots = new List<Vda5050AgvClient>();
        var steps = new List<FleetRampStep>();
        long published = 0;
        long notConnected = 0;
        Task publishers = Task.CompletedTask;
        try
        {
            foreach (int n in robotSteps)
            {
                // Connect the new robots (the publishers of the last step have stopped), then publish for all of them.
                for (int i = robots.Count; i < n; i++)
                {
                    var client = new Vda5050AgvClient(new Vda5050ClientOptions("127.0.0.1", host.BrokerPort, "Bench", string.Create(CultureInfo.InvariantCulture, $"r{i}"), "2.0.0"));
                    await client.ConnectAsync(cancellation).ConfigureAwait(false);
                    robots.Add(client);
                }

                using var running = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
                long notConnectedBefore = Interlocked.Read(ref notConnected);
                publishers = PublishAsync(robots, () => Interlocked.Increment(ref published), () => Interlocked.Increment(ref notConnected), running.Token);
                await Task.Delay(TimeSpan.FromSeconds(1), cancellation).ConfigureAwait(false); // settle
                lock (lags)
                {
                    lags.Clear();
                    processed = 0;
                }

                long publishedBefore = Interlocked.Read(ref published);
                Volatile.Write(ref measuring, true);
                TimeSpan cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                await Task.Delay(TimeSpan.FromSeconds(windowS), cancellation).ConfigureAwait(false);
                Volatile.Write(ref measuring, false);
                double seconds = clock.Elapsed.TotalSeconds;
                double cpuS = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
                double publishedPerS = (Interlocked.Read(ref published) - publishedBefore) / seconds;
                double[] sorted;
                long taken;
                lock (lags)
                {
                    sorted = [.. lags.Order()];
                    taken = processed;
                }

                double nominal = n * StateRateHz;
                double processedPerS = taken / seconds;
                double p50 = Percentile(sorted, 0.50), p99 = Percentile(sorted, 0.99);
                // Keeps up: takes at least 98 % of the nominal rate and the median state within one state period (a
                // backlog that builds up moves the median; the tail also carries the host's scheduling delays).
                long dropped = Interlocked.Read(ref notConnected) - notConnectedBefore;
                bool keeps = processedPerS >= 0.98 * nominal && p50 <= 1000 / StateRateHz && dropped == 0;
                double cpuUsPerState = taken > 0 ? cpuS * 1e6 / taken : double.NaN;
                var step = new FleetRampStep(n, nominal, publishedPerS, processedPerS, p50, p99, cpuUsPerState, keeps);
                steps.Add(step);
                progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"robots {n,5}: nominal {nominal,7:F0}/s, published {publishedPerS,7:F0}/s, taken {processedPerS,7:F0}/s, lag p50 {p50,6:F1} ms p99 {p99,7:F1} ms, CPU {cpuUsPerState,6:F0} µs/state{(dropped > 0 ? $", {dropped} states not sent (robot disconnected)" : string.Empty)}: {(keeps ? "keeps up" : "LAGS")}"));
                await running.CancelAsync().ConfigureAwait(false);
                await publishers.ConfigureAwait(false);
                publishers = Task.CompletedTask;
                if (!keeps)
                {
                    break;
                }
            }
        }
        finally
        {
            foreach (Vda5050AgvClient r in robots)
            {
                await r.DisposeAsync().ConfigureAwait(false);
            }
        }

        return steps;
    }

    /// <summary>Largest robot count of the ramp that kept up (0 when none did).</summary>
    public static int Ceiling(IReadOnlyList<FleetRampStep> steps) => steps?.Where(s => s.Keeps).Select(s => s.Robots).DefaultIfEmpty(0).Max() ?? 0;

    private static double Percentile(double[] sorted, double q) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))];

    /// <summary>
    /// Every robot publishes a state every 100 ms, spread over the period; four tasks share the robots. A robot whose
    /// connection dropped (e.g. a keep-alive missed on a saturated host) does not end the benchmark: its states are
    /// counted as not sent and the step does not keep up.
    /// </summary>
    private static Task PublishAsync(List<Vda5050AgvClient> robots, Action counted, Action notConnected, CancellationToken cancellation)
    {
        const int Tasks = 4;
        Vda5050AgvClient[] all = [.. robots];
        return Task.WhenAll(Enumerable.Range(0, Tasks).Select(t => Task.Run(
            async () =>
            {
                Vda5050AgvClient[] mine = [.. all.Where((_, i) => i % Tasks == t)];
                State[] states = [.. mine.Select(_ => IdleState())];
                using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(1000 / StateRateHz));
                try
                {
                    while (await timer.WaitForNextTickAsync(cancellation).ConfigureAwait(false))
                    {
                        for (int i = 0; i < mine.Length; i++)
                        {
                            try
                            {
                                await mine[i].PublishStateAsync(states[i], cancellation).ConfigureAwait(false);
                                counted();
                            }
                            catch (MQTTnet.Exceptions.MqttClientNotConnectedException)
                            {
                                notConnected();
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

    /// <summary>An idle robot's state (no order, no position), the size of a standing robot's report.</summary>
    private static State IdleState() => new()
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

    private static async Task<FleetHost> StartHostAsync(FleetSite site, string workDirectory, string name, CancellationToken cancellation)
    {
        Directory.CreateDirectory(workDirectory);
        string db = Path.Combine(workDirectory, $"fleet-bench-{name}.db");
        foreach (string f in new[] { db, db + "-wal", db + "-shm" })
        {
            File.Delete(f);
        }

        var host = new FleetHost(new FleetHostOptions { HttpPort = FreePort(), BrokerPort = FreePort(), DatabasePath = db }, site);
        await host.StartAsync(cancellation).ConfigureAwait(false);
        return host;
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
