using System.CommandLine;
using System.Globalization;
using StrategicTech.Autopilot.Vehicles;
using StrategicTech.Navigation.Geodesy;
using StrategicTech.Sim.Lockstep;
using StrategicTech.Sim.Physics;
using StrategicTech.Sim.Scenarios;

namespace StrategicTech.Sim.Cli.Commands;

/// <summary>
/// <c>autonomy sitl vehicle</c>: one vehicle that boots on the pad and waits, as <c>make px4_sitl</c> does. MAVLink
/// on UDP (instance N binds 127.0.0.1:14580+N and streams to the ground station at 14550; a second link streams to
/// the offboard API at 14540+N), system id 1+N, a console on stdin (<see cref="SitlVehicleConsole"/>), paced at
/// <c>--speed</c> × real time. <c>quit</c>, Ctrl+C or SIGTERM stop it; the outputs are those of a scenario run.
/// </summary>
public static class SitlVehicleCommand
{
    /// <summary>PX4 SITL's default home (Zurich, the PX4 Gazebo world origin).</summary>
    public static readonly GeodeticPosition DefaultHome = GeodeticPosition.FromDegrees(47.397742, 8.545594, 488.0);

    /// <summary>PX4's offboard API port (MAVSDK, MAVROS) for instance 0.</summary>
    public const int ApiBasePort = 14540;

    public static Command Create()
    {
        var airframe = new Option<string>("--airframe") { Description = "quad_x, hex_x, or an airframe JSON file.", DefaultValueFactory = _ => "quad_x" };
        var home = new Option<string?>("--home") { Description = "Start position lat,lon,alt (degrees, degrees, m AMSL); default 47.397742,8.545594,488 (PX4 SITL's)." };
        var instance = new Option<int>("--instance") { Description = "Instance N (0..99): system id 1+N, ports 14580+N and 14540+N.", DefaultValueFactory = _ => 0 };
        OptionChecks.AddIntRange(instance, 0, 99);
        var speed = new Option<string>("--speed") { Description = "Simulated seconds per wall second (0.01 to 100), 1 = real time.", DefaultValueFactory = _ => "1" };
        var world = new Option<string?>("--world") { Description = "World JSON file (wind, magneticField, faults: the keys of a scenario's \"world\")." };
        var output = new Option<string?>("--out") { Description = "Output directory (default ./sitl-out/vehicle-<N>)." };
        var port = new Option<int?>("--port") { Description = "UDP port the vehicle binds on 127.0.0.1 (default 14580+N; 0 = any free port)." };
        var gcsPort = new Option<int>("--gcs-port") { Description = "Ground-station port the vehicle streams to on 127.0.0.1 (QGroundControl listens on 14550).", DefaultValueFactory = _ => VehicleMavlinkLinkOptions.GroundStationPort };
        var apiPort = new Option<int?>("--api-port") { Description = "Offboard-API port streamed to on 127.0.0.1 (default 14540+N, as MAVSDK expects; 0 = no API link)." };
        var noPlots = new Option<bool>("--no-plots") { Description = "Skip the PNG plots when stopping." };
        var seed = new Option<ulong>("--seed") { Description = "Physics and sensor-noise seed.", DefaultValueFactory = _ => 1 };
        var command = new Command("vehicle", "Start one vehicle that waits on the pad for a ground station, the offboard API or console commands (type 'help'), like px4_sitl. Ctrl+C, SIGTERM or 'quit' stop it and write the tlog, summary, CSV and plots.")
        {
            airframe, home, instance, speed, world, output, port, gcsPort, apiPort, noPlots, seed,
        };
        command.SetAction(parse => Run(
            new Settings(parse.GetValue(airframe)!, parse.GetValue(home), parse.GetValue(instance), parse.GetValue(speed)!, parse.GetValue(world),
                parse.GetValue(output), parse.GetValue(port), parse.GetValue(gcsPort), parse.GetValue(apiPort), parse.GetValue(noPlots), parse.GetValue(seed)),
            Console.In, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    /// <summary>What was asked for (ports null: the PX4 defaults of the instance).</summary>
    public sealed record Settings(string Airframe, string? Home, int Instance, string Speed, string? World, string? OutputDirectory,
        int? Port, int GcsPort, int? ApiPort, bool NoPlots, ulong Seed);

    public static int Run(Settings settings, TextReader input, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (Validate(settings, out Scenario? scenario, out double speed) is { } problem)
        {
            error.WriteLine("error: " + problem);
            return ExitCodes.BadInput;
        }

        int n = settings.Instance;
        string outDir = settings.OutputDirectory ?? Path.Combine("sitl-out", "vehicle-" + n.ToString(CultureInfo.InvariantCulture));
        if (SitlCommand.OutputDirectoryProblem(outDir) is { } dirProblem)
        {
            error.WriteLine("error: cannot write the outputs to '" + outDir + "': " + dirProblem);
            return ExitCodes.BadInput;
        }

        using var stop = new StopSignals();
        using var quit = new CancellationTokenSource();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(stop.Token, quit.Token);
        var console = new SitlVehicleConsole(output, quit.Cancel);
        int bindPort = settings.Port ?? VehicleMavlinkLinkOptions.BasePort + n;
        int apiPort = settings.ApiPort ?? ApiBasePort + n;
        var options = new ScenarioRunOptions
        {
            Interactive = true,
            SpeedFactor = speed,
            Seed = settings.Seed,
            Cancellation = cancel.Token,
            Attach = (vehicle, spec, _) => Attach(vehicle, spec, n, bindPort, settings.GcsPort, apiPort, outDir, console, output),
        };

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"sitl vehicle {n}: {settings.Airframe}, system id {1 + n}, home {scenario!.Vehicles[0].Home.LatitudeDeg:F7},{scenario.Vehicles[0].Home.LongitudeDeg:F7},{scenario.Vehicles[0].Home.HeightM:F1}, speed {speed:G}x; type 'help' for commands"));
        var reader = new Thread(() => ReadConsole(input, console)) { IsBackground = true, Name = "sitl-console" };
        ScenarioResult result;
        try
        {
            reader.Start();
            result = ScenarioRunner.Run(scenario, options);
        }
        catch (Exception e) when (e is System.Net.Sockets.SocketException or IOException or UnauthorizedAccessException || e.InnerException is System.Net.Sockets.SocketException)
        {
            error.WriteLine("error: " + e.Message + string.Create(CultureInfo.InvariantCulture,
                $" (the vehicle binds UDP 127.0.0.1:{bindPort}; is another instance using it? Use --instance or --port)"));
            return ExitCodes.BadInput;
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  stopped by {(quit.IsCancellationRequested ? "quit" : stop.Signal)} at t {result.SimulatedS:F1} s: writing the outputs"));
        SitlCommand.WriteOutputs(result, outDir, settings.NoPlots, output);
        return ExitCodes.Success;
    }

    private static IVehicleAttachment Attach(SitlVehicle vehicle, ScenarioVehicle spec, int instance, int bindPort, int gcsPort, int apiPort,
        string outDir, SitlVehicleConsole console, TextWriter output)
    {
        var gcs = VehicleMavlinkLink.Attach(vehicle.Vehicle, new VehicleMavlinkLinkOptions
        {
            Instance = instance,
            SystemId = (byte)spec.SystemId,
            Bind = "udpin://127.0.0.1:" + bindPort.ToString(CultureInfo.InvariantCulture),
            Remote = "udpout://127.0.0.1:" + gcsPort.ToString(CultureInfo.InvariantCulture),
            TlogPath = Path.Combine(outDir, SitlAttachments.TlogName),
        });
        VehicleMavlinkLink? api = null;
        try
        {
            if (apiPort > 0)
            {
                // The API link's own port is any free one: MAVSDK answers the port it hears from.
                api = VehicleMavlinkLink.Attach(vehicle.Vehicle, new VehicleMavlinkLinkOptions
                {
                    Instance = instance,
                    SystemId = (byte)spec.SystemId,
                    Bind = "udpin://127.0.0.1:0",
                    Remote = "udpout://127.0.0.1:" + apiPort.ToString(CultureInfo.InvariantCulture),
                });

                // PX4's offboard-API link runs in onboard mode, which streams ODOMETRY at 30 Hz (normal mode: on request).
                api.Endpoint.Streams.TrySetIntervalUs(StrategicTech.Drivers.Mavlink.Dialects.Common.Odometry.MsgId, 33_333, vehicle.Clock.TimeUs);
            }
        }
        catch
        {
            gcs.Dispose();
            throw;
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  MAVLink: system id {spec.SystemId} on udp {gcs.LocalEndPoint} streaming to 127.0.0.1:{gcsPort} (ground station){(api is null ? string.Empty : $" and from {api.LocalEndPoint} to 127.0.0.1:{apiPort} (offboard API)")}"));
        return new Attachments(gcs, api, console);
    }

    private static void ReadConsole(TextReader input, SitlVehicleConsole console)
    {
        try
        {
            while (input.ReadLine() is { } line)
            {
                console.Submit(line);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // stdin went away: the vehicle keeps running until Ctrl+C or SIGTERM.
        }
    }

    private static string? Validate(Settings s, out Scenario? scenario, out double speed)
    {
        scenario = null;
        if (!double.TryParse(s.Speed, NumberStyles.Float, CultureInfo.InvariantCulture, out speed) || speed < 0.01 || speed > 100)
        {
            return "--speed must be a factor between 0.01 and 100 (1 = real time), got '" + s.Speed + "'.";
        }

        GeodeticPosition home = DefaultHome;
        if (s.Home is not null)
        {
            string[] parts = s.Home.Split(',');
            double[] v = new double[3];
            if (parts.Length != 3 || !parts.Select((p, i) => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out v[i])).All(ok => ok)
                || Math.Abs(v[0]) > 89 || Math.Abs(v[1]) > 180 || v[2] < -500 || v[2] > 9000)
            {
                return "--home must be lat,lon,alt: latitude within ±89°, longitude within ±180°, altitude -500..9000 m AMSL, e.g. 47.397742,8.545594,488; got '" + s.Home + "'.";
            }

            home = GeodeticPosition.FromDegrees(v[0], v[1], v[2]);
        }

        foreach ((string name, int? p) in new[] { ("--port", s.Port), ("--gcs-port", (int?)s.GcsPort), ("--api-port", s.ApiPort) })
        {
            if (p is < 0 or > 65535)
            {
                return string.Create(CultureInfo.InvariantCulture, $"{name} must be a UDP port 0..65535, got {p}.");
            }
        }

        AirframeDefinition airframe;
        try
        {
            airframe = AirframeLoader.BuiltInNames.Contains(s.Airframe, StringComparer.Ordinal) ? AirframeLoader.LoadBuiltIn(s.Airframe)
                : File.Exists(s.Airframe) ? AirframeLoader.LoadFile(s.Airframe)
                : throw new AirframeFileException("--airframe '" + s.Airframe + "' is neither a built-in airframe (" + string.Join(", ", AirframeLoader.BuiltInNames) + ") nor an existing file.");
        }
        catch (AirframeFileException e)
        {
            return e.Message;
        }

        ScenarioWorld world;
        try
        {
            world = s.World is null ? new ScenarioWorld(WindParameters.Calm, null, []) : ScenarioLoader.LoadWorld(s.World);
        }
        catch (ScenarioFileException e)
        {
            return e.Message;
        }

        int systemId = 1 + s.Instance;
        // Nothing to judge in an interactive session: every criterion is reported, none decides (exit 0 on a clean stop).
        var criteria = new PassCriteria(2, 2, 180, 10_000, 1e9,
            Optional: new HashSet<string>([PassCriteria.WaypointKey, PassCriteria.LandedKey, PassCriteria.TiltKey, PassCriteria.EkfKey, PassCriteria.TimeLimitKey], StringComparer.Ordinal));
        scenario = new Scenario("vehicle-" + s.Instance.ToString(CultureInfo.InvariantCulture), "interactive vehicle", "(sitl vehicle)", s.Seed,
            [new ScenarioVehicle(systemId, Path.GetFileNameWithoutExtension(s.Airframe), airframe, home, null, null)],
            world, new ScenarioMission("(none: upload one)", [], home), criteria);
        return null;
    }

    private sealed class Attachments(VehicleMavlinkLink gcs, VehicleMavlinkLink? api, SitlVehicleConsole console) : IVehicleAttachment
    {
        public void AfterStep(SitlVehicle vehicle, long timeUs) => console.AfterStep(vehicle, timeUs);

        public void Dispose()
        {
            api?.Dispose();
            gcs.Dispose();
        }
    }
}
