using System.CommandLine;
using System.Globalization;
using StrategicTech.Autopilot.Hal.Adapters;
using StrategicTech.Autopilot.Runtime;
using StrategicTech.Autopilot.Vehicles;
using StrategicTech.Drivers.Sensors.Boards;
using StrategicTech.Navigation.Time;
using StrategicTech.Sim.Hil;
using StrategicTech.Sim.Scenarios;

namespace StrategicTech.Sim.Cli.Commands;

/// <summary>
/// <c>autonomy vehicle run --board &lt;file&gt;</c>: the autopilot host. On the board's hardware it opens every bus
/// the board file names (System.Device.Gpio), probes each device (identity registers, PROM CRC, configuration
/// read-back), and runs the vehicle in real time with its MAVLink link on UDP; when a device is missing it names it
/// and exits 2. With <c>--sim-buses --scenario</c> the same drivers read register simulators fed by the SITL
/// physics (hardware-in-the-loop) and the run ends with the scenario's verdict, like <c>sitl run</c>.
/// </summary>
public static class VehicleCommand
{
    public static Command Create()
    {
        var vehicle = new Command("vehicle", "The autopilot host: run the vehicle on a board's sensors and motor outputs (or on simulated buses fed by the SITL physics).");
        var board = new Option<string>("--board") { Description = "Board file (hardware/boards/*.json): buses, devices, rotations, PWM and motor order.", Required = true };
        var simBuses = new Option<bool>("--sim-buses") { Description = "Hardware-in-the-loop: register simulators in place of the parts, fed from the SITL physics; needs --scenario." };
        var scenario = new Option<string?>("--scenario") { Description = "With --sim-buses: scenario JSON file or built-in name (" + string.Join(", ", ScenarioLoader.BuiltInNames) + ")." };
        var hover = new Option<double>("--hover-thrust") { Description = "On hardware: collective thrust fraction that holds a hover (MPC_THR_HOVER), 0..1 exclusive; tune over MAVLink.", DefaultValueFactory = _ => 0.5 };
        var duration = new Option<double?>("--duration") { Description = "On hardware: stop after this many seconds (default: until Ctrl+C)." };
        var bind = new Option<string?>("--bind") { Description = "On hardware: local UDP address:port of the MAVLink endpoint (default 127.0.0.1:14580)." };
        var remote = new Option<string?>("--remote") { Description = "On hardware: ground station address:port to stream to (default 127.0.0.1:14550)." };
        var run = new Command("run", "Run the vehicle on a board: probe every device (exit 2 naming any missing one), then fly in real time speaking MAVLink; or, with --sim-buses --scenario, fly the scenario through the real drivers on simulated buses and exit with its verdict (0 pass, 1 criteria failed, 2 bad input).")
        {
            board, simBuses, scenario, hover, duration, bind, remote,
        };
        SitlOptions sitlOptions = SitlOptions.AddTo(run);
        run.SetAction(parse =>
        {
            TextWriter output = parse.InvocationConfiguration.Output;
            TextWriter error = parse.InvocationConfiguration.Error;
            string boardPath = parse.GetValue(board)!;
            string? scenarioArgument = parse.GetValue(scenario);
            if (parse.GetValue(simBuses))
            {
                return RunOnSimulatedBuses(boardPath, scenarioArgument, sitlOptions.Read(parse), output, error);
            }

            if (scenarioArgument is not null)
            {
                error.WriteLine("error: --scenario needs --sim-buses (on hardware the vehicle flies what the ground station commands)");
                return ExitCodes.BadInput;
            }

            var settings = new HardwareRunSettings(parse.GetValue(hover), parse.GetValue(duration), parse.GetValue(bind), parse.GetValue(remote));
            return RunOnHardware(boardPath, settings, new HardwareBoardBuses(), output, error);
        });
        vehicle.Subcommands.Add(run);
        return vehicle;
    }

    /// <summary>Hardware-in-the-loop: the scenario flown through the board's drivers on register simulators.</summary>
    public static int RunOnSimulatedBuses(string boardPath, string? scenarioArgument, SitlSettings settings, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (scenarioArgument is null)
        {
            error.WriteLine("error: --sim-buses needs --scenario <name|file> (the physics to feed the simulated sensors from)");
            return ExitCodes.BadInput;
        }

        if (!TryLoadBoard(boardPath, error, out BoardDescription? board))
        {
            return ExitCodes.BadInput;
        }

        Scenario loaded;
        try
        {
            loaded = ScenarioLoader.Load(scenarioArgument);
        }
        catch (ScenarioFileException e)
        {
            error.WriteLine("error: " + e.Message);
            return ExitCodes.BadInput;
        }

        foreach (ScenarioVehicle v in loaded.Vehicles)
        {
            IReadOnlyList<string> problems = SimulatedBusBinding.Check(board, v.Airframe.Motors.Count);
            if (problems.Count > 0)
            {
                foreach (string problem in problems)
                {
                    error.WriteLine("error: " + problem);
                }

                return ExitCodes.BadInput;
            }
        }

        output.WriteLine(Invariant($"vehicle: board '{board.Name}' on simulated buses (register simulators fed by the SITL physics)"));
        SitlSettings hil = settings with { OutputDirectory = settings.OutputDirectory ?? Path.Combine("hil-out", loaded.Name) };
        return SitlCommand.Run(scenarioArgument, hil, output, error, printResult: true, SimulatedBusBinding.Factory(board));
    }

    /// <summary>The vehicle on the board's own buses: probe, then run in real time with MAVLink on UDP.</summary>
    public static int RunOnHardware(string boardPath, HardwareRunSettings settings, IBoardBuses buses, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(buses);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (!TryLoadBoard(boardPath, error, out BoardDescription? board))
        {
            return ExitCodes.BadInput;
        }

        if (settings.HoverThrust is <= 0 or >= 1 || settings.DurationS is <= 0)
        {
            error.WriteLine("error: --hover-thrust must be in (0, 1) and --duration positive");
            return ExitCodes.BadInput;
        }

        if (board.Motors.Count is not (4 or 6))
        {
            error.WriteLine(Invariant($"error: {boardPath}: frame '{board.Frame}' has {board.Motors.Count} motors; the vehicle flies quad X and hex X"));
            return ExitCodes.BadInput;
        }

        var clock = new WallClock();
        output.WriteLine(Invariant($"vehicle: board '{board.Name}': probing {board.Devices.Count} device(s) and the PWM stage"));
        using BoardIo io = BoardIo.Open(board, buses, clock);
        foreach (DeviceProbe probe in io.Probes)
        {
            output.WriteLine("  " + probe);
        }

        if (!io.AllPresent || io.Io is null)
        {
            foreach (DeviceProbe missing in io.Missing)
            {
                error.WriteLine(Invariant($"error: device '{missing.DeviceId}' ({missing.Driver}) on bus '{missing.BusId}' {missing.Location} is missing: {missing.Problem}"));
            }

            if (io.AllPresent)
            {
                error.WriteLine("error: the board has no IMU, barometer or GNSS receiver the vehicle can use");
            }

            return ExitCodes.BadInput;
        }

        var vehicle = new Vehicle(new VehicleDescription { MotorCount = board.Motors.Count, HoverThrust = settings.HoverThrust }, io.Io, clock);
        var linkOptions = new VehicleMavlinkLinkOptions { Bind = settings.Bind, Remote = settings.Remote };
        using VehicleMavlinkLink link = VehicleMavlinkLink.Attach(vehicle, linkOptions);
        output.WriteLine(Invariant($"  MAVLink system id {linkOptions.ResolvedSystemId} on udp {link.LocalEndPoint}; running at {Vehicle.BaseRateHz} Hz (Ctrl+C stops)"));
        using var stop = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            long durationUs = settings.DurationS is { } s ? (long)(s * 1e6) : long.MaxValue / Vehicle.BaseRateHz;
            new WallClockLoop(vehicle.Scheduler, clock).Run(durationUs, stop.Token);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }

        output.WriteLine(Invariant($"vehicle: stopped after {vehicle.Scheduler.TickCount} ticks"));
        return ExitCodes.Success;
    }

    private static bool TryLoadBoard(string path, TextWriter error, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out BoardDescription? board)
    {
        try
        {
            board = BoardLoader.Load(path);
            return true;
        }
        catch (BoardValidationException e)
        {
            foreach (BoardError problem in e.Errors)
            {
                error.WriteLine("error: " + problem);
            }

            if (e.Errors.Count == 0)
            {
                error.WriteLine("error: " + e.Message);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine("error: " + path + ": " + e.Message);
        }

        board = null;
        return false;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>What <c>vehicle run</c> on hardware was asked for.</summary>
public sealed record HardwareRunSettings(double HoverThrust, double? DurationS, string? Bind, string? Remote);
