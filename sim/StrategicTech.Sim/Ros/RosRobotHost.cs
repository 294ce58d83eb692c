using System.Diagnostics;
using StrategicTech.Navigation.Planning.Costmaps;
using StrategicTech.Navigation.Time;

namespace StrategicTech.Sim.Ros;

/// <summary>
/// One simulated ROS robot with its rosbridge server and simulation clock. Tests step it in lockstep (faster than
/// real time, <see cref="Advance"/>); <see cref="RunAsync"/> paces it against the wall clock (speed 1 = real time)
/// for external clients. <see cref="StopServerAsync"/> drops every connection and <see cref="StartServerAsync"/> listens
/// again on the same port; in between the owner steps the robot on simulated time (its cmd_vel timeout stops it).
/// </summary>
public sealed class RosRobotHost : IAsyncDisposable
{
    private RosRobotHost(SimulatedRosRobot robot, ManualClock clock, RosbridgeServer server, bool anyAddress)
    {
        Robot = robot;
        Clock = clock;
        Server = server;
        Port = server.Port;
        _anyAddress = anyAddress;
    }

    private readonly bool _anyAddress;

    public SimulatedRosRobot Robot { get; }

    public ManualClock Clock { get; }

    public RosbridgeServer Server { get; private set; }

    public int Port { get; }

    public Uri Uri => Server.Uri;

    /// <summary>Starts a robot on <paramref name="map"/> (free start near the centre unless given) served on <paramref name="port"/> (0 = a free one).</summary>
    public static async Task<RosRobotHost> StartAsync(OccupancyGridMap map, int port = 0, ulong seed = 1, (double XM, double YM, double YawRad)? start = null, bool anyAddress = false)
    {
        ArgumentNullException.ThrowIfNull(map);
        (double x, double y) = start is { } s ? (s.XM, s.YM) : RoomMap.FindFreeStart(map);
        var clock = new ManualClock();
        var robot = new SimulatedRosRobot(map, x, y, start?.YawRad ?? 0, seed);
        RosbridgeServer server = await RosbridgeServer.StartAsync(port, clock, anyAddress).ConfigureAwait(false);
        robot.Attach(server);
        return new RosRobotHost(robot, clock, server, anyAddress);
    }

    /// <summary>Advances simulation time by <paramref name="deltaUs"/> and steps the robot to it.</summary>
    public void Advance(long deltaUs)
    {
        Clock.AdvanceUs(deltaUs);
        Robot.StepTo(Clock.TimeUs);
    }

    /// <summary>Drops every connection and stops listening; the robot keeps running (a test steps it meanwhile).</summary>
    public async Task StopServerAsync()
    {
        Robot.Detach();
        await Server.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Listens again on the same port after <see cref="StopServerAsync"/>.</summary>
    public async Task StartServerAsync()
    {
        Server = await RosbridgeServer.StartAsync(Port, Clock, _anyAddress).ConfigureAwait(false);
        Robot.Attach(Server);
    }

    /// <summary>Runs against the wall clock at <paramref name="speed"/> × real time until cancelled.</summary>
    public async Task RunAsync(double speed, CancellationToken stop)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(speed, 0);
        long startSimUs = Clock.TimeUs;
        var wall = Stopwatch.StartNew();
        while (!stop.IsCancellationRequested)
        {
            long targetUs = startSimUs + (long)(wall.Elapsed.TotalMicroseconds * speed);
            Robot.StepTo(targetUs);
            Clock.AdvanceToUs(Robot.TimeUs);
            try
            {
                await Task.Delay(5, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        Robot.Detach();
        await Server.DisposeAsync().ConfigureAwait(false);
    }
}
