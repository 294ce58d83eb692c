using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using StrategicTech.Fleet.Api;
using StrategicTech.Fleet.Core;
using StrategicTech.Fleet.Site;
using StrategicTech.Sim.Fleet;
using StrategicTech.Sim.Tests.Batch;

namespace StrategicTech.Fleet.Tests;

/// <summary>The fleet manager as a child process (<c>autonomy fleet serve</c>), killed with SIGKILL while orders are in flight.</summary>
public class FleetKillRestartTests
{
    [Theory]
    [InlineData("sqlite", PlanningMode.Episodes)]
    [InlineData("postgresql", PlanningMode.Episodes)]
    [InlineData("sqlite", PlanningMode.Lifelong)]
    [InlineData("postgresql", PlanningMode.Lifelong)]
    public async Task Killed_mid_run_and_restarted_the_fleet_manager_keeps_every_accepted_order_once_and_completes_them_all(string store, PlanningMode planning)
    {
        string dir = Path.Combine(Path.GetTempPath(), "fleet-kill-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        using PostgresServer? postgres = store == "postgresql" ? PostgresServer.Start() : null;
        string db = postgres?.Url ?? Path.Combine(dir, "fleet.db");
        int brokerPort = FleetTestRig.FreePort();
        FleetSite site = FleetSite.Bundled();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        int httpPort = FleetTestRig.FreePort();
        Process server = await StartServerAsync(httpPort, brokerPort, db, planning);
        var fleet = new SimulatedFleet("127.0.0.1", brokerPort);
        try
        {
            (int X, int Y)[] cells = [(0, 0), (31, 0), (0, 17)];
            for (int i = 0; i < cells.Length; i++)
            {
                int v = site.Graph.VertexAt(cells[i].X, cells[i].Y);
                (double x, double y) = site.PositionOf(v);
                await fleet.AddAsync(new SimulatedAgv("SimCo", $"k{i}", site.MapId, site.NodeIdOfVertex(v), x, y, 100), CancellationToken.None);
            }

            string[] from = ["c3_5", "c12_6", "c20_2", "c29_9", "c2_2", "c16_10", "c25_15", "c6_13", "c9_9", "c27_2"];
            string[] to = ["c31_14", "c0_9", "c0_16", "c31_5", "c31_1", "c0_3", "c0_12", "c31_9", "c31_12", "c0_6"];
            for (int i = 0; i < from.Length; i++)
            {
                HttpResponseMessage r = await http.PostAsJsonAsync(Url(httpPort, "/orders"), new OrderRequest($"k{i}", from[i], to[i], "bin", 0, null));
                Assert.Equal(HttpStatusCode.Created, r.StatusCode);
            }

            // Drive until some orders are done and others are under way, then kill without warning.
            Assert.True(await StepUntilAsync(fleet, async () => (await Orders(http, httpPort)).Count(o => o.Phase == "Completed") >= 2), "no order completed before the kill");
            List<OrderView> beforeKill = await Orders(http, httpPort);
            Assert.Contains(beforeKill, o => o.Phase is "Assigned" or "Loaded" or "Pending");
            server.Kill();
            await server.WaitForExitAsync();
            for (int i = 0; i < 40; i++)
            {
                await fleet.StepAsync(0.05, CancellationToken.None); // the AGVs carry on alone, then stop at the end of their base
            }

            httpPort = FleetTestRig.FreePort();
            server = await StartServerAsync(httpPort, brokerPort, db, planning);
            List<OrderView> afterRestart = await Orders(http, httpPort);
            Assert.Equal(from.Length, afterRestart.Count);
            Assert.Equal(afterRestart.Count, afterRestart.Select(o => o.Id).Distinct().Count());
            Assert.All(beforeKill.Where(o => o.Phase == "Completed"), o => Assert.Equal("Completed", afterRestart.Single(a => a.Id == o.Id).Phase));

            Assert.True(await StepUntilAsync(fleet, async () => (await Orders(http, httpPort)).All(o => o.Phase == "Completed")), "not every order completed after the restart");
            List<OrderView> end = await Orders(http, httpPort);
            Assert.Equal(from.Select((_, i) => $"k{i}").Order(), end.Select(o => o.Id).Order());
            Assert.True(fleet.MinDistanceM >= 1.0 - 1e-6, $"AGVs came within {fleet.MinDistanceM} m"); // measured 1.0 m
        }
        finally
        {
            await fleet.DisposeAsync();
            if (!server.HasExited)
            {
                server.Kill();
                await server.WaitForExitAsync();
            }

            server.Dispose();
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static Uri Url(int port, string path) => new($"http://127.0.0.1:{port}{path}");

    private static async Task<List<OrderView>> Orders(HttpClient http, int port) => (await http.GetFromJsonAsync<List<OrderView>>(Url(port, "/orders")))!;

    private static async Task<bool> StepUntilAsync(SimulatedFleet fleet, Func<Task<bool>> done)
    {
        var deadline = DateTime.UtcNow + FleetTestRig.Timeout;
        int step = 0;
        while (DateTime.UtcNow < deadline)
        {
            await fleet.StepAsync(0.05, CancellationToken.None);
            await Task.Delay(1);
            if (++step % 20 == 0 && await done())
            {
                return true;
            }
        }

        return false;
    }

    private static async Task<Process> StartServerAsync(int httpPort, int brokerPort, string db, PlanningMode planning)
    {
        string cli = Path.Combine(AppContext.BaseDirectory, "autonomy.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in new[] { cli, "fleet", "serve", "--http-port", httpPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "--broker-port", brokerPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "--db", db, "--planning", planning == PlanningMode.Lifelong ? "lifelong" : "episodes" })
        {
            start.ArgumentList.Add(a);
        }

        Process process = Process.Start(start)!;
        Task<string?> line = process.StandardOutput.ReadLineAsync();
        Task first = await Task.WhenAny(line, Task.Delay(FleetTestRig.Timeout));
        Assert.True(first == line && line.Result is not null && line.Result.StartsWith("fleet manager:", StringComparison.Ordinal),
            $"fleet serve did not start: {(line.IsCompleted ? line.Result : "timeout")} {(process.HasExited ? await process.StandardError.ReadToEndAsync() : string.Empty)}");
        return process;
    }
}
