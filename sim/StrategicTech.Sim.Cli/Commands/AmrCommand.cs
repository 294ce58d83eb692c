using System.CommandLine;
using System.Globalization;
using StrategicTech.Navigation.Planning;
using StrategicTech.Navigation.Planning.Costmaps;
using StrategicTech.Sim.Ros;

namespace StrategicTech.Sim.Cli.Commands;

/// <summary>
/// <c>autonomy amr robot</c>: serves one simulated ROS robot (differential drive, lidar, IMU, battery) over the
/// rosbridge v2 protocol on a WebSocket port, in real time (or <c>--speed</c> × real time), so any rosbridge client
/// (roslib, Foxglove, our own) can subscribe /odom, /scan, /imu, /tf, /battery_state, /map and drive /cmd_vel.
/// </summary>
public static class AmrCommand
{
    public static Command Create()
    {
        var map = new Option<FileInfo?>("--map") { Description = "ROS map_server map.yaml (+ its PGM); default: a built-in 10 x 8 m room." };
        var port = new Option<int>("--port") { Description = "WebSocket port (rosbridge's default is 9090).", DefaultValueFactory = _ => 9090 };
        var speed = new Option<double>("--speed") { Description = "Simulation speed: 1 = real time.", DefaultValueFactory = _ => 1.0 };
        var seed = new Option<ulong>("--seed") { Description = "Noise seed (same seed, same commands: same run).", DefaultValueFactory = _ => 1UL };
        var duration = new Option<double?>("--duration") { Description = "Stop after this many wall-clock seconds (default: until Ctrl+C)." };
        var any = new Option<bool>("--any-address") { Description = "Listen on every interface instead of 127.0.0.1 only." };
        var robot = new Command("robot", "Serve a simulated ROS robot over rosbridge (ws://127.0.0.1:PORT).")
        {
            map, port, speed, seed, duration, any,
        };
        robot.SetAction(parse => RunAsync(
            parse.GetValue(map), parse.GetValue(port), parse.GetValue(speed), parse.GetValue(seed), parse.GetValue(duration), parse.GetValue(any),
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error).GetAwaiter().GetResult());
        return new Command("amr", "Warehouse robot (AMR) tools.") { robot, AmrDemoCommand.Create(), AmrRunCommand.Create() };
    }

    private static async Task<int> RunAsync(FileInfo? mapFile, int port, double speed, ulong seed, double? durationS, bool anyAddress, TextWriter output, TextWriter error)
    {
        if (port is < 0 or > 65535)
        {
            error.WriteLine($"error: --port {port} is outside 0..65535");
            return ExitCodes.BadInput;
        }

        if (!(speed > 0 && speed <= 1000))
        {
            error.WriteLine($"error: --speed {speed.ToString(CultureInfo.InvariantCulture)} must be in (0, 1000]");
            return ExitCodes.BadInput;
        }

        OccupancyGridMap map;
        try
        {
            map = mapFile is null ? RoomMap.Create() : MapServerLoader.Load(mapFile.FullName);
        }
        catch (Exception e) when (e is MapFormatException or IOException)
        {
            error.WriteLine("error: --map: " + e.Message);
            return ExitCodes.BadInput;
        }

        RosRobotHost host;
        try
        {
            host = await RosRobotHost.StartAsync(map, port, seed, anyAddress: anyAddress).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            error.WriteLine($"error: cannot serve on port {port}: {e.Message}");
            return ExitCodes.BadInput;
        }

        await using (host.ConfigureAwait(false))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"rosbridge robot on ws://{(anyAddress ? "0.0.0.0" : "127.0.0.1")}:{host.Port} at {speed}x real time; map {map.Width}x{map.Height} @ {map.Metadata.ResolutionM} m; start ({host.Robot.Base.TrueXM:F2}, {host.Robot.Base.TrueYM:F2}) m"));
            output.WriteLine("topics: /odom /tf /scan /imu /battery_state /map (latched); subscribes /cmd_vel; service /reset_odometry; action /rotate");
            using var stop = durationS is { } d ? new CancellationTokenSource(TimeSpan.FromSeconds(d)) : new CancellationTokenSource();
            ConsoleCancelEventHandler onCancel = (_, e) =>
            {
                e.Cancel = true;
                stop.Cancel();
            };
            Console.CancelKeyPress += onCancel;
            try
            {
                await host.RunAsync(speed, stop.Token).ConfigureAwait(false);
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"stopped at t = {host.Clock.TimeUs / 1e6:F1} s sim; {host.Robot.CommandsReceived} cmd_vel received; {host.Server.BadFrames} bad frames"));
        }

        return ExitCodes.Success;
    }
}
