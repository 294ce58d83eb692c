using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ScottPlot;
using StrategicTech.Fleet.Core;
using StrategicTech.Fleet.Hosting;
using StrategicTech.Fleet.Orders;
using StrategicTech.Fleet.Site;
using StrategicTech.Navigation.Planning;
using StrategicTech.Navigation.Planning.Grid;
using StrategicTech.Sim.Fleet;

namespace StrategicTech.Sim.Cli.Commands;

/// <summary>
/// <c>autonomy fleet demo</c> (fleet manager, embedded broker and simulated VDA 5050 AGVs in one process) and
/// <c>autonomy fleet serve</c> (the fleet manager for real robots, embedded or external broker).
/// </summary>
public static class FleetCommand
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static Command Create()
    {
        var command = new Command("fleet", "VDA 5050 fleet manager: transport orders, allocation, collision-free multi-robot execution.");
        command.Subcommands.Add(CreateDemo());
        command.Subcommands.Add(CreateServe());
        command.Subcommands.Add(CreateBench());
        command.Subcommands.Add(CreateLoad());
        return command;
    }

    private static Option<FileInfo?> MapOption() => new("--map") { Description = "Site grid as a Moving AI .map file (4-connected cells; default: the bundled 32x18 small warehouse)." };

    private static Option<double> CellOption() => new("--cell-size-m") { Description = "Cell edge length in metres.", DefaultValueFactory = _ => 1.0 };

    private static Command CreateDemo()
    {
        var robots = new Option<int>("--robots") { Description = "Number of simulated AGVs.", DefaultValueFactory = _ => 8 };
        OptionChecks.AddIntRange(robots, 1, 200);
        var orders = new Option<int>("--orders") { Description = "Transport orders the warehouse system posts.", DefaultValueFactory = _ => 100 };
        OptionChecks.AddIntRange(orders, 1, 100_000);
        var interval = new Option<double>("--order-interval-s") { Description = "Simulated seconds between two orders.", DefaultValueFactory = _ => 4.0 };
        var speed = new Option<double>("--speed") { Description = "Simulated seconds per wall-clock second.", DefaultValueFactory = _ => 20.0 };
        var seed = new Option<int>("--seed") { Description = "Seed of robot starts, batteries and orders.", DefaultValueFactory = _ => 1 };
        var output = new Option<DirectoryInfo>("--out") { Description = "Directory for fleet-demo.png, fleet-demo.json and the run's database.", DefaultValueFactory = _ => new DirectoryInfo("fleet-demo") };
        var map = MapOption();
        var cell = CellOption();
        var rosMap = new Option<FileInfo?>("--ros-map") { Description = "Site from a ROS map_server map.yaml (+ PGM): occupancy to cells of --cell-size-m, inflated by the robot radius 0.35 m." };
        var siteName = new Option<string>("--site") { Description = "Bundled site when neither --map nor --ros-map: aws (AWS small warehouse, derived from its ROS map) or small (32x18 grid).", DefaultValueFactory = _ => "aws" };
        siteName.AcceptOnlyFromAmong("aws", "small");
        var planning = new Option<string>("--planning") { Description = "How the fleet manager plans: lifelong (the default; windowed, a robot gets its next goal as soon as it is done), episodes (one-shot MAPF rounds), or compare (both on the same orders, side by side).", DefaultValueFactory = _ => "lifelong" };
        planning.AcceptOnlyFromAmong("episodes", "lifelong", "compare");
        var demo = new Command("demo", "Fleet manager, embedded MQTT broker and N simulated AGVs; posts orders over HTTP and reports throughput, order times, utilisation and the least robot distance. Exit 0 when every order completed without contact, 1 otherwise, 2 bad input.")
        {
            robots, orders, interval, speed, seed, output, map, cell, rosMap, siteName, planning,
        };
        demo.SetAction((parse, cancellation) => RunDemoAsync(
            parse.GetValue(robots), parse.GetValue(orders), parse.GetValue(interval), parse.GetValue(speed), parse.GetValue(seed),
            parse.GetValue(output)!, parse.GetValue(map), parse.GetValue(cell), parse.GetValue(rosMap), parse.GetValue(siteName)!, parse.GetValue(planning)!,
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellation));
        return demo;
    }

    private static Command CreateServe()
    {
        var httpPort = new Option<int>("--http-port") { Description = "Port of the HTTP API.", DefaultValueFactory = _ => 8080 };
        OptionChecks.AddIntRange(httpPort, 1, 65535);
        var httpAddress = new Option<string>("--http-address") { Description = "Address the HTTP API listens on.", DefaultValueFactory = _ => "127.0.0.1" };
        var brokerPort = new Option<int>("--broker-port") { Description = "MQTT port (of the embedded broker, or of the external one).", DefaultValueFactory = _ => 1883 };
        OptionChecks.AddIntRange(brokerPort, 1, 65535);
        var external = new Option<string?>("--external-broker") { Description = "Host of an external MQTT broker (e.g. Mosquitto); no embedded broker is started." };
        var db = new Option<string>("--db") { Description = "Database of orders: a SQLite file, or a PostgreSQL URL postgres://user[:password]@host[:port]/database.", DefaultValueFactory = _ => "fleet.db" };
        var version = new Option<string>("--vda-version") { Description = "VDA 5050 protocol version of this site's robots.", DefaultValueFactory = _ => "2.0.0" };
        version.AcceptOnlyFromAmong("2.0.0", "2.1.0", "3.0.0");
        var chargers = new Option<string[]>("--charger") { Description = "Charger location (node id c<x>_<y>); repeat for several.", AllowMultipleArgumentsPerToken = true };
        var map = MapOption();
        var cell = CellOption();
        var servePlanning = new Option<string>("--planning") { Description = "How the fleet manager plans: lifelong (the default; windowed, through one growing dependency graph) or episodes (one-shot MAPF rounds).", DefaultValueFactory = _ => "lifelong" };
        servePlanning.AcceptOnlyFromAmong("episodes", "lifelong");
        var zones = new Option<FileInfo?>("--zones") { Description = "With --vda-version 3.0.0: a zone file (the JSON of a VDA 5050 3.0 zoneSet object for the site's map) sent to every robot as its zone set." };
        var serve = new Command("serve", "Run the fleet manager for real robots until Ctrl+C / SIGTERM. Exit 0 after a clean stop, 2 bad input.")
        {
            httpPort, httpAddress, brokerPort, external, db, version, chargers, map, cell, servePlanning, zones,
        };
        serve.SetAction((parse, cancellation) => ServeAsync(
            new FleetHostOptions
            {
                HttpPort = parse.GetValue(httpPort),
                HttpAddress = parse.GetValue(httpAddress)!,
                BrokerPort = parse.GetValue(brokerPort),
                EmbeddedBroker = parse.GetValue(external) is null,
                BrokerHost = parse.GetValue(external) ?? "127.0.0.1",
                DatabasePath = FleetStores.IsPostgres(parse.GetValue(db)!) ? parse.GetValue(db)! : Path.GetFullPath(parse.GetValue(db)!),
                ProtocolVersion = parse.GetValue(version)!,
                ZoneSetPath = parse.GetValue(zones)?.FullName,
            },
            parse.GetValue(chargers) ?? [], parse.GetValue(map), parse.GetValue(cell), ModeOf(parse.GetValue(servePlanning)!), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return serve;
    }

    private static Command CreateBench()
    {
        var orders = new Option<int>("--orders") { Description = "Transport orders posted over HTTP for the acceptance rate.", DefaultValueFactory = _ => 2000 };
        OptionChecks.AddIntRange(orders, 1, 1_000_000);
        var concurrency = new Option<int>("--concurrency") { Description = "HTTP clients posting at once.", DefaultValueFactory = _ => 16 };
        OptionChecks.AddIntRange(concurrency, 1, 1024);
        var robots = new Option<int[]>("--robots") { Description = "Robot counts of the ramp, ascending (10 Hz state each, one MQTT connection each).", AllowMultipleArgumentsPerToken = true, DefaultValueFactory = _ => [250, 500, 1000, 1500, 2000, 3000, 4000] };
        var window = new Option<double>("--window-s") { Description = "Seconds measured at each ramp step.", DefaultValueFactory = _ => 5.0 };
        var target = new Option<int>("--target-robots") { Description = "Robots the node must handle for exit 0.", DefaultValueFactory = _ => 1000 };
        var output = new Option<DirectoryInfo>("--out") { Description = "Directory for fleet-bench.json and the benchmark's databases.", DefaultValueFactory = _ => new DirectoryInfo("fleet-bench") };
        var sameProcess = new Option<bool>("--same-process") { Description = "Run the simulated robots in the node's process (default: a child process `fleet load`, so the node's CPU is measured alone)." };
        var noTap = new Option<bool>("--no-state-tap") { Description = "Robot states through the master's MQTT subscription instead of the embedded broker's state tap (to compare)." };
        var mqttnetRobots = new Option<bool>("--mqttnet-robots") { Description = "One MQTTnet client per simulated robot instead of the raw-socket publisher (to compare; costs the robots' process far more CPU per state)." };
        var bench = new Command("bench", "Single-node ceiling of the fleet manager (embedded broker, SQLite): orders accepted per second over HTTP, and robots at 10 Hz state ramped until the manager lags. Exit 0 when the ceiling reaches --target-robots, 1 otherwise, 2 bad input.")
        {
            orders, concurrency, robots, window, target, output, sameProcess, noTap, mqttnetRobots,
        };
        bench.SetAction((parse, cancellation) => RunBenchAsync(
            parse.GetValue(orders), parse.GetValue(concurrency), parse.GetValue(robots) ?? [], parse.GetValue(window), parse.GetValue(target), parse.GetValue(output)!,
            parse.GetValue(sameProcess), parse.GetValue(noTap), parse.GetValue(mqttnetRobots), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellation));
        return bench;
    }

    private static Command CreateLoad()
    {
        var brokerPort = new Option<int>("--broker-port") { Description = "MQTT port of the broker on 127.0.0.1.", Required = true };
        OptionChecks.AddIntRange(brokerPort, 1, 65535);
        var robots = new Option<int>("--robots") { Description = "Idle robots publishing VDA 5050 state at 10 Hz, one MQTT connection each.", DefaultValueFactory = _ => 100 };
        OptionChecks.AddIntRange(robots, 1, 100_000);
        var mqttnet = new Option<bool>("--mqttnet") { Description = "One MQTTnet client per robot instead of the raw-socket publisher (pre-encoded states on plain sockets, one thread)." };
        var load = new Command("load", "The robot load of `fleet bench` in a process of its own: prints 'ready' once publishing, answers each input line 'mark' with 'published notSent cpuSeconds userCpuSeconds', stops at end of input. Exit 0.")
        {
            brokerPort, robots, mqttnet,
        };
        load.SetAction(async (parse, cancellation) =>
        {
            await ChildProcessRampLoad.RunChildAsync(parse.GetValue(brokerPort), parse.GetValue(robots), Console.In, parse.InvocationConfiguration.Output, cancellation, parse.GetValue(mqttnet));
            return ExitCodes.Success;
        });
        return load;
    }

    private static async Task<int> RunBenchAsync(
        int orders, int concurrency, int[] robots, double windowS, int target, DirectoryInfo output, bool sameProcess, bool noTap, bool mqttnetRobots, TextWriter stdout, TextWriter error, CancellationToken cancellation)
    {
        if (robots.Length == 0 || robots.Any(n => n < 1) || !robots.SequenceEqual(robots.Order()) || !(windowS >= 1))
        {
            error.WriteLine("error: --robots must be positive counts in ascending order and --window-s at least 1");
            return ExitCodes.BadInput;
        }

        output.Create();
        FleetSite site = FleetSite.Bundled();
        var c = CultureInfo.InvariantCulture;
        double ordersPerS = await FleetBenchmark.OrdersAcceptedPerSecondAsync(site, output.FullName, orders, concurrency, cancellation);
        stdout.WriteLine(string.Create(c, $"orders accepted    {ordersPerS:F0} /s over HTTP ({orders} orders, {concurrency} clients, each 201 after its commit)"));
        IReadOnlyList<FleetRampStep> ramp = await FleetBenchmark.RampRobotsAsync(site, output.FullName, robots, windowS, stdout, cancellation, sameProcess ? new InProcessRampLoad(mqttnetRobots) : ChildProcessRampLoad.OfThisProcess(mqttnetRobots), !noTap);
        int ceiling = FleetBenchmark.Ceiling(ramp);
        stdout.WriteLine(string.Create(c, $"robot ceiling      {ceiling} robots at {FleetBenchmark.StateRateHz:F0} Hz state (target {target})"));
        string json = Path.Combine(output.FullName, "fleet-bench.json");
        await File.WriteAllTextAsync(json, JsonSerializer.Serialize(new { ordersAcceptedPerS = ordersPerS, orders, concurrency, ramp, ceilingRobots = ceiling, targetRobots = target }, Json), CancellationToken.None);
        stdout.WriteLine($"wrote {json}");
        return ceiling >= target ? ExitCodes.Success : ExitCodes.CheckFailed;
    }

    private static bool TryLoadSite(FileInfo? map, double cellSizeM, TextWriter error, out FleetSite? site, FileInfo? rosMap = null, string bundled = "small")
    {
        site = null;
        try
        {
            site = map is not null ? new FleetSite(MovingAiMap.Load(map.FullName), cellSizeM, Path.GetFileNameWithoutExtension(map.Name))
                : rosMap is not null ? FleetSite.FromRosMap(rosMap.FullName, cellSizeM, FleetSite.AwsRobotRadiusM)
                : bundled == "aws" ? FleetSite.BundledAwsWarehouse() : FleetSite.Bundled();
            return true;
        }
        catch (Exception e) when (e is MapFormatException or ArgumentException)
        {
            error.WriteLine("error: " + e.Message);
            return false;
        }
    }

    private static async Task<int> RunDemoAsync(
        int robots, int orders, double intervalS, double speed, int seed, DirectoryInfo output, FileInfo? map, double cellSizeM, FileInfo? rosMap, string bundled, string planning,
        TextWriter stdout, TextWriter error, CancellationToken cancellation)
    {
        if (!(intervalS >= 0 && speed > 0) || !TryLoadSite(map, cellSizeM, error, out FleetSite? site, rosMap, bundled))
        {
            error.WriteLine(!(intervalS >= 0 && speed > 0) ? "error: --order-interval-s must be >= 0 and --speed > 0" : "error: cannot load the site map");
            return ExitCodes.BadInput;
        }

        output.Create();
        string[] modes = planning == "compare" ? ["episodes", "lifelong"] : [planning];
        var results = new List<FleetDemoResult>();
        foreach (string mode in modes)
        {
            FleetDemoResult result;
            try
            {
                stdout.WriteLine($"fleet demo ({mode}): {robots} AGVs, {orders} orders every {intervalS} s on {site!.MapId} ({site.Map.Width}x{site.Map.Height} cells of {site.CellSizeM} m), speed x{speed}");
                result = await FleetDemoRunner.RunAsync(
                    site, new FleetDemoOptions { Robots = robots, Orders = orders, OrderIntervalS = intervalS, Seed = seed, Speed = speed, WorkDirectory = output.FullName, Planning = ModeOf(mode) }, stdout, cancellation);
            }
            catch (ArgumentException e)
            {
                error.WriteLine("error: " + e.Message);
                return ExitCodes.BadInput;
            }

            await ReportDemoAsync(site, result, Path.Combine(output.FullName, modes.Length > 1 ? "fleet-demo-" + mode : "fleet-demo"), stdout);
            results.Add(result);
        }

        if (results.Count > 1)
        {
            var c = CultureInfo.InvariantCulture;
            stdout.WriteLine("planning   completed  orders/h  mean order s  worst order s  utilisation  min distance m");
            foreach (FleetDemoResult r in results)
            {
                stdout.WriteLine(string.Create(c, $"{r.Planning,-9}  {r.OrdersCompleted,4}/{r.OrdersPosted,-4}  {r.ThroughputPerHour,8:F1}  {r.MeanOrderTimeS,12:F1}  {r.WorstOrderTimeS,13:F1}  {100 * r.UtilisationFraction,10:F1} %  {r.MinRobotDistanceM,14:F3}"));
            }
        }

        return results.TrueForAll(r => r.Passed) ? ExitCodes.Success : ExitCodes.CheckFailed;
    }

    private static PlanningMode ModeOf(string planning) => planning == "lifelong" ? PlanningMode.Lifelong : PlanningMode.Episodes;

    private static async Task ReportDemoAsync(FleetSite site, FleetDemoResult result, string pathWithoutExtension, TextWriter stdout)
    {
        string png = pathWithoutExtension + ".png";
        string json = pathWithoutExtension + ".json";
        Plot(site, result, png);
        await File.WriteAllTextAsync(json, JsonSerializer.Serialize(Summary(result), Json), CancellationToken.None);
        var c = CultureInfo.InvariantCulture;
        stdout.WriteLine(string.Create(c, $"completed          {result.OrdersCompleted} of {result.OrdersPosted} orders in {result.SimulatedS:F0} s simulated"));
        stdout.WriteLine(string.Create(c, $"throughput         {result.ThroughputPerHour:F1} orders/h"));
        stdout.WriteLine(string.Create(c, $"order time         mean {result.MeanOrderTimeS:F1} s, worst {result.WorstOrderTimeS:F1} s (posted to delivered)"));
        stdout.WriteLine(string.Create(c, $"utilisation        {100 * result.UtilisationFraction:F1} % (driving or handling)"));
        stdout.WriteLine(string.Create(c, $"min robot distance {result.MinRobotDistanceM:F3} m (contact below {2 * 0.35:F2} m): {(result.Contact ? "CONTACT" : "no contact")}"));
        stdout.WriteLine(string.Create(c, $"planning           {result.Planning}: {(result.Planning == "lifelong" ? $"{result.Windows} windows" : $"{result.Episodes} episodes")}, planning failures {result.PlanningFailures}"));
        stdout.WriteLine($"wrote {png} and {json}");
    }

    private static object Summary(FleetDemoResult r) => new
    {
        robots = r.Robots,
        ordersPosted = r.OrdersPosted,
        ordersCompleted = r.OrdersCompleted,
        simulatedS = r.SimulatedS,
        throughputPerHour = r.ThroughputPerHour,
        meanOrderTimeS = r.MeanOrderTimeS,
        worstOrderTimeS = r.WorstOrderTimeS,
        utilisation = r.UtilisationFraction,
        minRobotDistanceM = r.MinRobotDistanceM,
        contact = r.Contact,
        planning = r.Planning,
        episodes = r.Episodes,
        windows = r.Windows,
        planningFailures = r.PlanningFailures,
        passed = r.Passed,
    };

    private static void Plot(FleetSite site, FleetDemoResult result, string path)
    {
        var plot = new Plot();
        var rackX = new List<double>();
        var rackY = new List<double>();
        for (int y = 0; y < site.Map.Height; y++)
        {
            for (int x = 0; x < site.Map.Width; x++)
            {
                if (!site.Map.IsPassable(x, y))
                {
                    rackX.Add((x + 0.5) * site.CellSizeM);
                    rackY.Add(-(y + 0.5) * site.CellSizeM);
                }
            }
        }

        var racks = plot.Add.ScatterPoints(rackX.ToArray(), rackY.ToArray());
        racks.MarkerSize = 9;
        racks.MarkerShape = MarkerShape.FilledSquare;
        racks.Color = Colors.Gray;
        racks.LegendText = "racks";
        for (int i = 0; i < result.Trails.Count; i++)
        {
            var t = result.Trails[i];
            if (t.Length == 0)
            {
                continue;
            }

            var line = plot.Add.ScatterLine(t.Select(p => p.XM).ToArray(), t.Select(p => -p.YM).ToArray());
            line.LineWidth = 1;
            var end = plot.Add.ScatterPoints(new double[] { t[^1].XM }, new double[] { -t[^1].YM });
            end.Color = line.Color;
            end.MarkerSize = 10;
        }

        plot.Title(string.Create(CultureInfo.InvariantCulture, $"fleet demo: {result.Robots} AGVs, {result.OrdersCompleted}/{result.OrdersPosted} orders, min distance {result.MinRobotDistanceM:F2} m"));
        plot.XLabel("x (m)");
        plot.YLabel("-y (m, map rows downwards)");
        plot.Axes.SquareUnits();
        plot.SavePng(path, 1200, 760);
    }

    private static async Task<int> ServeAsync(FleetHostOptions options, string[] chargers, FileInfo? map, double cellSizeM, PlanningMode planning, TextWriter stdout, TextWriter error)
    {
        if (!TryLoadSite(map, cellSizeM, error, out FleetSite? site))
        {
            return ExitCodes.BadInput;
        }

        using var signals = new StopSignals();
        FleetHost host;
        try
        {
            host = new FleetHost(options, site!, new FleetManagerOptions { Chargers = chargers, Planning = planning });
            await host.StartAsync(signals.Token);
        }
        catch (Exception e) when (e is ArgumentException or InvalidDataException or IOException)
        {
            error.WriteLine("error: " + e.Message); // includes a zone file that is missing or not a valid zone set
            return ExitCodes.BadInput;
        }
        catch (Npgsql.NpgsqlException e)
        {
            error.WriteLine($"error: cannot use the database {FleetStores.Describe(options.DatabasePath)}: {e.Message}");
            return ExitCodes.BadInput;
        }

        await using (host)
        {
            stdout.WriteLine($"fleet manager: HTTP {host.HttpBaseAddress} (OpenAPI at /openapi/v1.json), MQTT {options.BrokerHost}:{options.BrokerPort}{(options.EmbeddedBroker ? " (embedded)" : string.Empty)}, database {FleetStores.Describe(options.DatabasePath)}");
            stdout.Flush();
            try
            {
                await Task.Delay(Timeout.Infinite, signals.Token);
            }
            catch (OperationCanceledException)
            {
            }

            stdout.WriteLine($"stopping on {signals.Signal}");
        }

        return ExitCodes.Success;
    }
}
