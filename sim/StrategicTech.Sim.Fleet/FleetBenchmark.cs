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
/// <remarks><see cref="CpuUsPerState"/>: CPU time of the benchmark's process (broker, manager and, when in one process, the publishing robots) per state taken, all threads.
/// <see cref="LoadCpuUsPerState"/>: CPU time of the robots' own process per state taken when they run apart (then <see cref="CpuUsPerState"/> is the node's alone); NaN in one process.
/// <see cref="ReceivedPerS"/>: states the node received (taken, or replaced by a newer one of the same robot before the manager took them).
/// <see cref="CpuUsPerReceived"/>: the same CPU time per state received (taken states cost the decode and the manager's update on top).
/// <see cref="StalenessP50Ms"/>/<see cref="StalenessP99Ms"/>: every period, for every robot, the age of the newest state the manager has taken from it.
/// <see cref="LoadCpuUsPerPublished"/>: CPU time of the robots' own process per state it published (the load generator's cost; <see cref="LoadUserCpuUsPerPublished"/> its user-mode part, the rest is the kernel's TCP send, on loopback also the receiving side's); NaN in one process.</remarks>
public sealed record FleetRampStep(
    int Robots, double NominalPerS, double PublishedPerS, double ProcessedPerS, double LagP50Ms, double LagP99Ms, double CpuUsPerState, bool Keeps,
    double LoadCpuUsPerState = double.NaN, double ReceivedPerS = double.NaN, double StalenessP50Ms = double.NaN, double StalenessP99Ms = double.NaN,
    double CpuUsPerReceived = double.NaN, double LoadCpuUsPerPublished = double.NaN, double LoadUserCpuUsPerPublished = double.NaN);

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
    /// <param name="load">Where the robots run; default: in this process (then <see cref="FleetRampStep.CpuUsPerState"/> includes them).</param>
    /// <param name="stateTap">False: states reach the manager through the master's MQTT subscription, as before the tap (for comparison).</param>
    public static async Task<IReadOnlyList<FleetRampStep>> RampRobotsAsync(
        FleetSite site, string workDirectory, IReadOnlyList<int> robotSteps, double windowS, TextWriter progress, CancellationToken cancellation, IRampLoad? load = null, bool stateTap = true)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(robotSteps);
        ArgumentNullException.ThrowIfNull(progress);
        await using FleetHost host = await StartHostAsync(site, workDirectory, "ramp", cancellation, stateTap).ConfigureAwait(false);
        var lags = new List<double>();
        var newestMs = new Dictionary<string, long>(StringComparer.Ordinal); // per robot: header time of the newest state taken, Unix ms
        long processed = 0;
        long takenInAll = 0;
        bool measuring = false;
        host.StateProcessed += s =>
        {
            long stampMs = DateTimeOffset.Parse(s.Timestamp, CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();
            double lagMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - stampMs;
            lock (lags)
            {
                newestMs[s.SerialNumber] = Math.Max(stampMs, newestMs.GetValueOrDefault(s.SerialNumber));
                takenInAll++;
                if (Volatile.Read(ref measuring))
                {
                    lags.Add(lagMs);
                    processed++;
                }
            }
        };

        bool separate = load is not null and not InProcessRampLoad;
        await using IRampLoad robots = load ?? new InProcessRampLoad();
        var steps = new List<FleetRampStep>();
        foreach (int n in robotSteps)
        {
            await robots.StartAsync(n, host.BrokerPort, cancellation).ConfigureAwait(false);
            await Task.Delay(TimeSpan.FromSeconds(1), cancellation).ConfigureAwait(false); // settle
            lock (lags)
            {
                lags.Clear();
                processed = 0;
            }

            LoadMark before = await robots.MarkAsync(cancellation).ConfigureAwait(false);
            long receivedBefore = Received();
            Volatile.Write(ref measuring, true);
            TimeSpan cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            List<double> staleness = await SampleStalenessAsync(newestMs, lags, n, windowS, cancellation).ConfigureAwait(false);
            Volatile.Write(ref measuring, false);
            long receivedAfter = Received();
            double seconds = clock.Elapsed.TotalSeconds;
            double cpuS = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
            LoadMark after = await robots.MarkAsync(cancellation).ConfigureAwait(false);
            double publishedPerS = (after.Published - before.Published) / seconds;
            double[] sorted;
            long taken;
            lock (lags)
            {
                sorted = [.. lags];
                taken = processed;
            }

            Array.Sort(sorted); // outside the lock: the manager's intake thread raises StateProcessed into it

            double nominal = n * StateRateHz;
            double processedPerS = taken / seconds;
            double p50 = Percentile(sorted, 0.50), p99 = Percentile(sorted, 0.99);
            double receivedPerS = (receivedAfter - receivedBefore) / seconds;
            double[] stale = [.. staleness.Order()];
            double staleP50 = Percentile(stale, 0.50), staleP99 = Percentile(stale, 0.99);
            // Keeps up: the node receives at least 98 % of the nominal rate (a broker or socket backlog shows here),
            // and the median robot's newest state taken by the manager is at most two periods old (a robot publishing
            // every period with no lag is between 0 and 1 period old; the tail carries the host's scheduling delays).
            long dropped = after.NotSent - before.NotSent;
            bool keeps = receivedPerS >= 0.98 * nominal && staleP50 <= 2 * 1000 / StateRateHz && dropped == 0;
            double cpuUsPerState = taken > 0 ? cpuS * 1e6 / taken : double.NaN;
            double cpuUsPerReceived = receivedAfter > receivedBefore ? cpuS * 1e6 / (receivedAfter - receivedBefore) : double.NaN;
            double loadCpuUsPerState = separate && taken > 0 ? (after.CpuS - before.CpuS) * 1e6 / taken : double.NaN;
            long published = after.Published - before.Published;
            double loadCpuUsPerPublished = separate && published > 0 ? (after.CpuS - before.CpuS) * 1e6 / published : double.NaN;
            double loadUserCpuUsPerPublished = separate && published > 0 ? (after.UserCpuS - before.UserCpuS) * 1e6 / published : double.NaN;
            var step = new FleetRampStep(n, nominal, publishedPerS, processedPerS, p50, p99, cpuUsPerState, keeps, loadCpuUsPerState, receivedPerS, staleP50, staleP99, cpuUsPerReceived, loadCpuUsPerPublished, loadUserCpuUsPerPublished);
            steps.Add(step);
            string loadCpu = separate ? string.Create(CultureInfo.InvariantCulture, $" (robots' process {loadCpuUsPerState,6:F0} µs/state taken, {loadCpuUsPerPublished,5:F1} µs/state published of which user {loadUserCpuUsPerPublished,4:F1})") : string.Empty;
            progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"robots {n,5}: nominal {nominal,7:F0}/s, published {publishedPerS,7:F0}/s, received {receivedPerS,7:F0}/s, taken {processedPerS,7:F0}/s, lag p50 {p50,6:F1} ms p99 {p99,7:F1} ms, staleness p50 {staleP50,6:F1} ms p99 {staleP99,7:F1} ms, {(separate ? "node" : "process")} CPU {cpuUsPerState,6:F0} µs/state taken, {cpuUsPerReceived,5:F0} µs/state received{loadCpu}{(dropped > 0 ? $", {dropped} states not sent (robot disconnected)" : string.Empty)}: {(keeps ? "keeps up" : "LAGS")}"));
            await robots.StopAsync().ConfigureAwait(false);
            if (!keeps)
            {
                break;
            }
        }

        return steps;

        // States the node received: offered to the embedded broker's tap, or (without it) taken by the manager.
        long Received()
        {
            lock (lags)
            {
                return host.StateIntake?.Offered ?? takenInAll;
            }
        }
    }

    /// <summary>Every period of the window, the age of each robot's newest taken state (robots not heard from yet count from the window's start).</summary>
    private static async Task<List<double>> SampleStalenessAsync(Dictionary<string, long> newestMs, List<double> gate, int robots, double windowS, CancellationToken cancellation)
    {
        var ages = new List<double>();
        long startMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var clock = Stopwatch.StartNew();
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(1000 / StateRateHz));
        while (clock.Elapsed.TotalSeconds < windowS && await timer.WaitForNextTickAsync(cancellation).ConfigureAwait(false))
        {
            long nowMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            lock (gate)
            {
                int seen = 0;
                foreach (long stampMs in newestMs.Values)
                {
                    ages.Add(nowMs - stampMs);
                    seen++;
                }

                for (int i = seen; i < robots; i++)
                {
                    ages.Add(nowMs - startMs);
                }
            }
        }

        return ages;
    }

    /// <summary>Largest robot count of the ramp that kept up (0 when none did).</summary>
    public static int Ceiling(IReadOnlyList<FleetRampStep> steps) => steps?.Where(s => s.Keeps).Select(s => s.Robots).DefaultIfEmpty(0).Max() ?? 0;

    private static double Percentile(double[] sorted, double q) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))];

    private static async Task<FleetHost> StartHostAsync(FleetSite site, string workDirectory, string name, CancellationToken cancellation, bool stateTap = true)
    {
        Directory.CreateDirectory(workDirectory);
        string db = Path.Combine(workDirectory, $"fleet-bench-{name}.db");
        foreach (string f in new[] { db, db + "-wal", db + "-shm" })
        {
            File.Delete(f);
        }

        var host = new FleetHost(new FleetHostOptions { HttpPort = FreePort(), BrokerPort = FreePort(), DatabasePath = db, StateTap = stateTap }, site);
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
