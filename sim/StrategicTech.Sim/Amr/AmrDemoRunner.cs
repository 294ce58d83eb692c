using StrategicTech.Autopilot.Amr;
using StrategicTech.Drivers.Rosbridge.Client;
using StrategicTech.Navigation.Amr;
using StrategicTech.Navigation.Localization;
using StrategicTech.Navigation.Planning.Costmaps;
using StrategicTech.Sim.Ros;

namespace StrategicTech.Sim.Amr;

/// <summary>
/// Runs the AMR stack against a simulated robot over real loopback rosbridge: the robot host serves on a free
/// 127.0.0.1 port, our rosbridge client connects to it, and the navigator drives the goals in order. Lockstep and
/// faster than real time, and deterministic for a seed: stepping starts once the server has the client's
/// subscriptions; each control step (50 ms simulated) ticks the navigator, waits for a global plan in flight to finish,
/// publishes /cmd_vel and waits until the server has it, advances the simulation by 50 ms, and waits until the client
/// has the last /odom, /imu (published with /odom) and /scan the simulation published — so which step a message lands in never depends on socket
/// timing. Planned server outages (<see cref="AmrDemoOptions.LinkOutages"/>) run on simulated time; an unplanned
/// link loss makes each step wait 50 ms of wall time instead, so the client can reconnect. Truth (clearance to walls and people, localization error,
/// contact) comes from the simulator and is never shown to the navigator.
/// </summary>
public static class AmrDemoRunner
{
    private const long StepUs = 50_000;
    // Generous: on a loaded machine a plan on a large map or a loopback frame can take seconds of wall time, and a wait
    // that gives up lets the run go on out of lockstep (counted in AmrDemoResult.LockstepStalls).
    private static readonly TimeSpan LockstepWait = TimeSpan.FromSeconds(30);

    public static async Task<AmrDemoResult> RunAsync(AmrDemoOptions options, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        OccupancyGridMap map = options.Map;
        OccupancyGridMap world = options.WorldMap ?? map;
        var wall = System.Diagnostics.Stopwatch.StartNew();
        await using RosRobotHost host = await RosRobotHost.StartAsync(world, 0, options.Seed, (options.Start.XM, options.Start.YM, options.Start.YawRad)).ConfigureAwait(false);
        foreach (WalkingPerson person in options.People)
        {
            host.Robot.People.Add(person);
        }

        var clientOptions = new RosbridgeClientOptions { ReconnectMinDelay = TimeSpan.FromMilliseconds(50), ReconnectMaxDelay = TimeSpan.FromMilliseconds(400) };
        await using var client = new RosbridgeClient(host.Uri, clientOptions);
        int factor = Math.Max(1, (int)Math.Round(options.CostmapResolutionM / map.Metadata.ResolutionM));
        Costmap2D costmap = CostmapDownsampler.MaxPool(map.ToCostmap(), factor);
        IMapLocalizer localizer = AmrLocalizerFactory.Create(map, options.Seed, options.Localization, options.KidnapRecovery);
        using var navigator = new AmrNavigator(costmap, localizer, options.Navigator);
        var link = new RosbridgeAmrLink(client, navigator);
        client.Start();
        await client.WaitConnectedAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        int stalls = await WaitUntilAsync(() => host.Server.SubscriberCount("/odom") > 0 && host.Server.SubscriberCount("/imu") > 0 && host.Server.SubscriberCount("/scan") > 0,
            TimeSpan.FromSeconds(30), cancel).ConfigureAwait(false) ? 0 : 1;

        // Wait for odometry, then seed the localizer at the start pose (Nav2's /initialpose).
        while (!navigator.HasOdometry)
        {
            CheckWall(wall, options.WallTimeout);
            stalls += await StepAsync(host, client, link, navigator, options, cancel).ConfigureAwait(false);
        }

        navigator.SetInitialPose(options.InitialPose ?? options.Start, options.InitialPoseSigma.XyM, options.InitialPoseSigma.YawRad);
        var particles = new ParticleRecorder(localizer);
        particles.Take("start", host);
        long runStartUs = host.Clock.TimeUs;
        long deadlineUs = options.SimTimeLimitUs is { } limit ? runStartUs + limit : long.MaxValue;
        var truthMap = new TruthClearance(world, host.Robot.Base.Parameters.RobotRadiusM);
        var trace = new List<AmrTraceRow>();
        var goals = new List<AmrGoalResult>();
        var planned = new List<(double, double)>();
        var outages = new List<LinkOutageResult>();
        for (int g = 0; g < options.Goals.Count; g++)
        {
            Pose2D goal = options.Goals[g];
            long startUs = host.Clock.TimeUs;
            if (startUs >= deadlineUs)
            {
                goals.Add(new AmrGoalResult(g, goal, "not started: time limit", false, 0, double.NaN, 0, double.PositiveInfinity, 0, 0, 0, 0));
                continue;
            }

            navigator.NavigateTo(goal, startUs);
            double minClearance = double.PositiveInfinity, maxLocError = 0, driven = 0;
            (double x, double y) last = (host.Robot.Base.TrueXM, host.Robot.Base.TrueYM);
            bool firstPath = true;
            while (navigator.IsActive)
            {
                CheckWall(wall, options.WallTimeout);
                if (host.Clock.TimeUs >= deadlineUs)
                {
                    navigator.Cancel();
                    break;
                }

                if (outages.Count < options.LinkOutages.Count && host.Clock.TimeUs - runStartUs >= options.LinkOutages[outages.Count].AtUs)
                {
                    LinkOutageResult outage = await RunOutageAsync(host, client, link, navigator, options.LinkOutages[outages.Count], cancel).ConfigureAwait(false);
                    stalls += outage.Reconnected ? 0 : 1;
                    outages.Add(outage);
                }

                stalls += await StepAsync(host, client, link, navigator, options, cancel).ConfigureAwait(false);
                if (firstPath && navigator.Path.Length > 0)
                {
                    firstPath = false;
                    foreach (var p in navigator.Path)
                    {
                        planned.Add((p.X, p.Y));
                    }
                }

                DiffDriveBase b = host.Robot.Base;
                Pose2D estimate = navigator.MapPose;
                double locError = Math.Sqrt(Sq(estimate.XM - b.TrueXM) + Sq(estimate.YM - b.TrueYM));
                double clearance = truthMap.ClearanceM(b.TrueXM, b.TrueYM, host.Robot.People);
                driven += Math.Sqrt(Sq(b.TrueXM - last.x) + Sq(b.TrueYM - last.y));
                last = (b.TrueXM, b.TrueYM);
                minClearance = Math.Min(minClearance, clearance);
                maxLocError = Math.Max(maxLocError, locError);
                double yawError = Math.IEEERemainder(estimate.YawRad - b.TrueYawRad, 2 * Math.PI);
                trace.Add(new AmrTraceRow(host.Clock.TimeUs / 1e6, g, b.TrueXM, b.TrueYM, estimate.XM, estimate.YM, locError, clearance,
                    link.LastCommand.LinearMps, yawError));
                particles.Observe(host, navigator.Localization.Converged, locError, yawError);
            }

            DiffDriveBase end = host.Robot.Base;
            Pose2D final = navigator.MapPose;
            goals.Add(new AmrGoalResult(g, goal,
                navigator.State == NavigationState.Failed ? "failed: " + navigator.Failure : navigator.State.ToString().ToLowerInvariant(),
                navigator.State == NavigationState.Succeeded, (host.Clock.TimeUs - startUs) / 1e6, navigator.PlannedLengthM, driven, minClearance,
                maxLocError, Math.Sqrt(Sq(final.XM - end.TrueXM) + Sq(final.YM - end.TrueYM)), navigator.Recoveries, navigator.Replans));
        }

        return new AmrDemoResult(goals, trace, planned, host.Robot.Base.BlockedSteps, host.Robot.CommandsReceived, client.Counters.Connections,
            localizer.GetType().Name)
        {
            Particles = particles.Snapshots,
            LockstepStalls = stalls,
            Outages = outages,
            Relocalization = localizer is RecoveringLocalizer r
                ? new AmrRelocalizationStats(r.Detections, r.Searches, r.Reseeds, r.Recoveries, r.TotalMatcherLookups)
                : null,
        };
    }

    /// <summary>One lockstep control step; returns how many of its waits gave up (0 when the step stayed in lockstep).</summary>
    private static async Task<int> StepAsync(RosRobotHost host, RosbridgeClient client, RosbridgeAmrLink link, AmrNavigator navigator, AmrDemoOptions options,
        CancellationToken cancel)
    {
        cancel.ThrowIfCancellationRequested();
        if (!Linked(host, client))
        {
            // The client reconnects in wall time; a disconnected robot's time must not race ahead of it (a faster-than-
            // real-time run would otherwise live through many simulated seconds of outage per real reconnect).
            await Task.Delay(TimeSpan.FromMicroseconds(StepUs), cancel).ConfigureAwait(false);
        }

        long received = host.Robot.CommandsReceived, published = link.CommandsPublished;
        link.Step(host.Clock.TimeUs);

        // A plan handed to the worker this tick is taken on the next one, whatever the worker thread's speed.
        int stalls = await WaitUntilAsync(() => !navigator.Planner.IsBusy, LockstepWait, cancel).ConfigureAwait(false) ? 0 : 1;
        if (link.CommandsPublished > published
            && !await WaitUntilAsync(() => !Linked(host, client) || host.Robot.CommandsReceived > received, LockstepWait, cancel).ConfigureAwait(false))
        {
            stalls++;
        }

        host.Advance(StepUs);
        if (options.OnStep is { } hook)
        {
            await hook(host, navigator, host.Clock.TimeUs).ConfigureAwait(false);
        }

        SimulatedRosRobot robot = host.Robot;
        bool synced = await WaitUntilAsync(() => !Linked(host, client)
            || ((robot.LastOdometryStampUs < 0
                    || (link.LatestOdometryStampUs == robot.LastOdometryStampUs && link.LatestImuStampUs == robot.LastOdometryStampUs))
                && (robot.LastScanStampUs < 0 || link.LatestScanStampUs == robot.LastScanStampUs)), LockstepWait, cancel).ConfigureAwait(false);
        return synced ? stalls : stalls + 1;
    }

    /// <summary>
    /// One server outage in lockstep: stop the server and wait (bounded) until the client has seen the link drop; run
    /// the control loop and the robot through the outage 50 ms at a time on simulated time (nothing reaches the robot,
    /// so its cmd_vel timeout stops it); start the server and wait (bounded) until the client has reconnected,
    /// re-advertised /cmd_vel and re-subscribed /odom, /imu and /scan. No wall time enters the simulation: every wait is
    /// for an event, with a timeout only as a guard.
    /// </summary>
    private static async Task<LinkOutageResult> RunOutageAsync(RosRobotHost host, RosbridgeClient client, RosbridgeAmrLink link, AmrNavigator navigator,
        LinkOutage outage, CancellationToken cancel)
    {
        long connections = client.Counters.Connections;
        await host.StopServerAsync().ConfigureAwait(false);
        bool dropped = await WaitUntilAsync(() => !client.IsConnected, LockstepWait, cancel).ConfigureAwait(false);
        DiffDriveBase b = host.Robot.Base;
        long startUs = host.Clock.TimeUs;
        double speedAtStart = b.LinearMps, distance = 0, maxCommand = 0;
        long? stoppedAfterUs = null, lastMotionCommandUs = null;
        long notSent = link.CommandsNotSent, received = host.Robot.CommandsReceived;
        (double x, double y) last = (b.TrueXM, b.TrueYM);
        for (long t = 0; t < outage.DurationUs; t += StepUs)
        {
            VelocityCommand command = link.Step(host.Clock.TimeUs);
            maxCommand = Math.Max(maxCommand, Math.Abs(command.LinearMps));
            if (command.LinearMps != 0 || command.AngularRadps != 0)
            {
                lastMotionCommandUs = host.Clock.TimeUs - startUs;
            }

            host.Advance(StepUs);
            distance += Math.Sqrt(Sq(b.TrueXM - last.x) + Sq(b.TrueYM - last.y));
            last = (b.TrueXM, b.TrueYM);
            if (stoppedAfterUs is null && b.LinearMps == 0 && b.AngularRadps == 0)
            {
                stoppedAfterUs = host.Clock.TimeUs - startUs;
            }
        }

        NavigationState state = navigator.State;
        await host.StartServerAsync().ConfigureAwait(false);
        bool relinked = await WaitUntilAsync(() => client.Counters.Connections > connections && Linked(host, client)
            && host.Server.SubscriberCount("/imu") > 0 && host.Server.AdvertiserCount("/cmd_vel") > 0, LockstepWait, cancel).ConfigureAwait(false);
        return new LinkOutageResult(startUs, speedAtStart, stoppedAfterUs, distance, maxCommand, lastMotionCommandUs, state,
            link.CommandsNotSent - notSent, host.Robot.CommandsReceived - received, client.Counters.Connections, dropped && relinked);
    }

    /// <summary>Whether messages flow: the client is connected and the server has its subscriptions (not mid-reconnect).</summary>
    private static bool Linked(RosRobotHost host, RosbridgeClient client) =>
        client.IsConnected && host.Server.SubscriberCount("/scan") > 0 && host.Server.SubscriberCount("/odom") > 0;

    /// <summary>Polls <paramref name="condition"/> every millisecond of wall time; gives up (and carries on) after <paramref name="limit"/>, returning false.</summary>
    private static async Task<bool> WaitUntilAsync(Func<bool> condition, TimeSpan limit, CancellationToken cancel)
    {
        var wall = System.Diagnostics.Stopwatch.StartNew();
        while (!condition() && wall.Elapsed < limit)
        {
            await Task.Delay(1, cancel).ConfigureAwait(false);
        }

        return condition();
    }

    private static void CheckWall(System.Diagnostics.Stopwatch wall, TimeSpan timeout)
    {
        if (wall.Elapsed > timeout)
        {
            throw new TimeoutException($"AMR run exceeded {timeout.TotalSeconds:F0} s of wall-clock time");
        }
    }

    private static double Sq(double v) => v * v;
}
