using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using StrategicTech.Fleet.Api;
using StrategicTech.Fleet.Core;
using StrategicTech.Fleet.Hosting;
using StrategicTech.Fleet.Site;

namespace StrategicTech.Sim.Fleet;

/// <summary>
/// <c>autonomy fleet demo</c>: one fleet manager (embedded broker, SQLite, HTTP API on loopback), N simulated AGVs
/// on the site, and a warehouse system posting transport orders over HTTP at a fixed simulated interval, from
/// cells beside the racks to the docks on the left and right walls. Measures throughput, order times (post to
/// completion), utilisation (share of time driving or handling) and the least AGV-to-AGV distance.
/// </summary>
public static class FleetDemoRunner
{
    private const double StepS = 0.05;

    public static async Task<FleetDemoResult> RunAsync(FleetSite site, FleetDemoOptions options, TextWriter log, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        var random = new Random(options.Seed);
        List<int> rackSide = [], docks = [], parking = [];

        // Docks are the free cells of the leftmost and rightmost free columns (the side walls of the bundled map).
        int minX = int.MaxValue, maxX = int.MinValue;
        for (int v = 0; v < site.Graph.VertexCount; v++)
        {
            minX = Math.Min(minX, site.Graph.CellOf(v).X);
            maxX = Math.Max(maxX, site.Graph.CellOf(v).X);
        }

        for (int v = 0; v < site.Graph.VertexCount; v++)
        {
            var c = site.Graph.CellOf(v);
            bool besideRack = (c.Y > 0 && !site.Map.IsPassable(c.X, c.Y - 1)) || (c.Y < site.Map.Height - 1 && !site.Map.IsPassable(c.X, c.Y + 1));
            if (besideRack)
            {
                rackSide.Add(v);
            }
            else if (c.X == minX || c.X == maxX)
            {
                docks.Add(v);
            }
            else
            {
                parking.Add(v);
            }
        }

        if (rackSide.Count == 0 || docks.Count == 0 || parking.Count < options.Robots)
        {
            throw new ArgumentException($"the map has {rackSide.Count} cells beside racks, {docks.Count} dock cells on the side walls and {parking.Count} other free cells; {options.Robots} robots need as many free cells");
        }

        // Chargers along the lowest row of parking cells (the bottom wall of the bundled map).
        int chargerRow = parking.Max(v => site.Graph.CellOf(v).Y);
        string[] chargers = [.. parking.Where(v => site.Graph.CellOf(v).Y == chargerRow).Take(Math.Max(1, options.Robots / 4)).Select(site.NodeIdOfVertex)];
        string db = Path.Combine(options.WorkDirectory, "fleet-demo.db");
        foreach (string f in new[] { db, db + "-wal", db + "-shm" })
        {
            File.Delete(f);
        }

        int httpPort = FreePort(), brokerPort = FreePort();
        await using var host = new FleetHost(
            new FleetHostOptions { HttpPort = httpPort, BrokerPort = brokerPort, DatabasePath = db },
            site,
            new FleetManagerOptions { Chargers = chargers, Planning = options.Planning });
        await host.StartAsync(cancellation).ConfigureAwait(false);
        await using var fleet = new SimulatedFleet("127.0.0.1", brokerPort);
        int[] starts = [.. parking.Where(v => !chargers.Contains(site.NodeIdOfVertex(v))).OrderBy(_ => random.Next()).Take(options.Robots)];
        for (int i = 0; i < starts.Length; i++)
        {
            (double x, double y) = site.PositionOf(starts[i]);
            // Batteries from 40 % up: the low ones reach the charging threshold during a 100-order run.
            await fleet.AddAsync(new SimulatedAgv("StrategicTech", $"agv{i:D2}", site.MapId, site.NodeIdOfVertex(starts[i]), x, y, 40 + (60 * random.NextDouble())), cancellation).ConfigureAwait(false);
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        var postedAt = new Dictionary<string, double>(StringComparer.Ordinal);
        var completedAt = new Dictionary<string, double>(StringComparer.Ordinal);
        var trails = Enumerable.Range(0, starts.Length).Select(_ => new List<(double, double)>()).ToArray();
        double nextOrderS = 0, nextSampleS = 0;
        long wallStart = System.Diagnostics.Stopwatch.GetTimestamp();
        int steps = 0;
        while (fleet.SimTimeS < options.TimeLimitS && !cancellation.IsCancellationRequested)
        {
            if (postedAt.Count < options.Orders && fleet.SimTimeS >= nextOrderS)
            {
                string id = $"wms-{postedAt.Count + 1:D4}";
                int from = rackSide[random.Next(rackSide.Count)], to = docks[random.Next(docks.Count)];
                HttpResponseMessage r = await http.PostAsJsonAsync(
                    new Uri($"http://127.0.0.1:{httpPort}/orders"),
                    new OrderRequest(id, site.NodeIdOfVertex(from), site.NodeIdOfVertex(to), "tote", random.Next(3), null),
                    cancellation).ConfigureAwait(false);
                if (r.StatusCode != HttpStatusCode.Created)
                {
                    throw new InvalidOperationException($"order {id}: HTTP {(int)r.StatusCode}");
                }

                postedAt[id] = fleet.SimTimeS;
                nextOrderS += options.OrderIntervalS;
            }

            await fleet.StepAsync(StepS, cancellation).ConfigureAwait(false);
            if (fleet.SimTimeS >= nextSampleS)
            {
                nextSampleS += 1.0;
                for (int i = 0; i < trails.Length; i++)
                {
                    trails[i].Add((fleet.Agvs[i].XM, fleet.Agvs[i].YM));
                }
            }

            if (++steps % 10 == 0)
            {
                foreach (var o in host.Manager!.Orders())
                {
                    if (o.Phase == StrategicTech.Fleet.Orders.OrderPhase.Completed && !completedAt.ContainsKey(o.Id))
                    {
                        completedAt[o.Id] = fleet.SimTimeS;
                        if (completedAt.Count % 10 == 0)
                        {
                            log.WriteLine($"  t={fleet.SimTimeS,7:F0} s  {completedAt.Count,4} of {options.Orders} orders completed");
                        }
                    }
                }

                if (completedAt.Count == options.Orders)
                {
                    break;
                }
            }

            // Pace simulated time against the wall clock so the fleet manager's loop keeps up.
            double wallS = System.Diagnostics.Stopwatch.GetElapsedTime(wallStart).TotalSeconds;
            double aheadS = (fleet.SimTimeS / options.Speed) - wallS;
            if (aheadS > 0.001)
            {
                await Task.Delay(TimeSpan.FromSeconds(aheadS), cancellation).ConfigureAwait(false);
            }
        }

        double[] times = [.. completedAt.Select(kv => kv.Value - postedAt[kv.Key])];
        double busy = Enumerable.Range(0, starts.Length).Sum(fleet.BusyS);
        double elapsed = fleet.SimTimeS;
        return new FleetDemoResult(
            starts.Length,
            postedAt.Count,
            completedAt.Count,
            elapsed,
            completedAt.Count / elapsed * 3600,
            times.Length > 0 ? times.Average() : double.NaN,
            times.Length > 0 ? times.Max() : double.NaN,
            busy / (elapsed * starts.Length),
            fleet.MinDistanceM,
            fleet.MinDistanceM < 2 * options.RobotRadiusM,
            host.Manager!.EpisodesRun,
            host.Manager.PlanningFailures)
        {
            Trails = [.. trails.Select(t => t.ToArray())],
            Planning = options.Planning == PlanningMode.Lifelong ? "lifelong" : "episodes",
            Windows = host.Manager.WindowsPlanned,
        };
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
