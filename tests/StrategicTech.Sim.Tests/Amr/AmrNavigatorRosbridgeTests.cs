using StrategicTech.Autopilot.Amr;
using StrategicTech.Navigation.Localization;
using StrategicTech.Navigation.Planning.Costmaps;
using StrategicTech.Sim.Amr;
using StrategicTech.Sim.Ros;
using Xunit.Abstractions;

namespace StrategicTech.Sim.Tests.Amr;

/// <summary>The AMR navigator driving a simulated robot over real loopback rosbridge, judged on the simulator's truth.</summary>
public sealed class AmrNavigatorRosbridgeTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Warehouse_demo_reaches_two_goals_with_people_walking_in_other_aisles_with_truth_clearance_above_the_robot_radius()
    {
        AmrDemoResult result = await AmrDemoRunner.RunAsync(new AmrDemoOptions
        {
            Map = WarehouseMap.Create(),
            Start = new Pose2D(1.5, 1.0, 0),
            Goals = [new Pose2D(8.0, 3.75, 0), new Pose2D(14.5, 6.25, Math.PI / 2)],
            People = AmrDemoDefaults.People(),
        });
        Print(result);
        Assert.True(result.Passed, "demo did not pass");

        // Truth clearance (robot disc to shelf or person) measured 0.436 m and 0.444 m (identical on two runs); bound
        // 0.29 m, which also keeps a gap of more than the robot radius (0.11 m) between the robot and anything.
        Assert.All(result.Goals, g => Assert.True(g.MinClearanceM > 0.29, $"goal {g.Index}: clearance {g.MinClearanceM} m"));
        Assert.Equal(0, result.ContactSteps);
        Assert.Equal(0, result.Relocalization!.Detections); // recovery is on by default: people in view are no kidnap
    }

    // The outage runs on simulated time (AmrDemoOptions.LinkOutages): the server stops, the control loop and the robot
    // step 3 s of simulated time in lockstep, the server starts and the run waits (bounded) for the client to re-register.
    // Wall time only bounds the waits, so the run is the same on every machine.
    [Fact]
    public async Task Server_outage_of_3_s_simulated_stops_the_robot_by_its_cmd_vel_timeout_and_after_the_reconnect_and_re_registration_the_goal_is_reached()
    {
        const long OutageUs = 3_000_000;
        var options = new AmrDemoOptions
        {
            Map = WarehouseMap.Create(),
            Start = new Pose2D(1.5, 1.0, 0),
            Goals = [new Pose2D(10.0, 1.0, 0)],
            LinkOutages = [new LinkOutage(AtUs: 8_000_000, DurationUs: OutageUs)],
        };
        AmrDemoResult result = await AmrDemoRunner.RunAsync(options);
        Print(result);

        // Simulated time only: a second run gives the same outage record and the same trace, step for step.
        AmrDemoResult again = await AmrDemoRunner.RunAsync(options);
        Assert.Equal(result.Outages, again.Outages);
        Assert.Equal(result.Trace, again.Trace);
        LinkOutageResult outage = Assert.Single(result.Outages);
        output.WriteLine($"outage at {outage.StartUs / 1e6:F2} s: speed {outage.SpeedAtStartMps:F3} m/s, stopped after {outage.StoppedAfterUs / 1e6:F2} s, " +
            $"{outage.DistanceWhileDownM:F4} m while down, max command {outage.MaxCommandWhileDownMps:F3} m/s, last motion command at {outage.LastMotionCommandUs / 1e6:F2} s, " +
            $"state {outage.StateAtEnd}, not sent {outage.CommandsNotSent}, delivered late {outage.CommandsDeliveredLate}, connections {outage.ClientConnections}");

        Assert.True(outage.SpeedAtStartMps > 0.1, $"robot not driving when the link dropped ({outage.SpeedAtStartMps} m/s)");

        // The robot's cmd_vel timeout is 0.5 s, then it brakes from 0.5 m/s at 1 m/s^2: stopped 0.95 s after the server
        // stopped, having gone 0.345 m (identical on two runs); bounds 1.425 s and 0.52 m (1.5x). The control loop itself
        // gave its last motion command 0.40 s in (stale sensors: then zero); bound 0.6 s.
        Assert.NotNull(outage.StoppedAfterUs);
        Assert.True(outage.StoppedAfterUs <= 1_425_000, $"stopped after {outage.StoppedAfterUs} us");
        Assert.True(outage.DistanceWhileDownM < 0.52, $"{outage.DistanceWhileDownM} m while down");
        Assert.True(outage.LastMotionCommandUs <= 600_000, $"last motion command at {outage.LastMotionCommandUs} us");
        Assert.Equal(NavigationState.WaitingForSensors, outage.StateAtEnd); // the goal is held while sensors are stale

        // Reconnected once (the first connection and one after the restart), re-advertised /cmd_vel and re-subscribed
        // /odom, /imu and /scan on the new server. Every command of the outage (60 steps of 50 ms) stayed unsent: the
        // ring's first 8 were discarded at the reconnect, so no stale command (some were 0.5 m/s) reached the robot.
        Assert.True(outage.Reconnected, "client did not re-register after the restart");
        Assert.Equal(2, outage.ClientConnections);
        Assert.Equal(OutageUs / 50_000, outage.CommandsNotSent);
        Assert.Equal(0, outage.CommandsDeliveredLate);
        Assert.Equal(0, result.LockstepStalls);
        Assert.True(result.Passed, "goal not reached after the reconnect");
        Assert.Equal(0, result.ContactSteps);
    }

    [Fact]
    public async Task A_person_blocking_the_only_1_m_corridor_triggers_recoveries_and_the_goal_is_reached_once_they_leave_with_clearance_above_the_robot_radius()
    {
        OccupancyGridMap corridor = Corridor();
        var person = new WalkingPerson(5.0, 1.5, 5.0, 1.5, 0);
        long? blockedSinceUs = null;
        AmrDemoResult result = await AmrDemoRunner.RunAsync(new AmrDemoOptions
        {
            Map = corridor,
            Start = new Pose2D(1.0, 1.5, 0),
            Goals = [new Pose2D(9.0, 1.5, 0)],
            People = [person],
            OnStep = (host, navigator, nowUs) =>
            {
                // The person steps aside once the navigator has been recovering for 6 s.
                if (navigator.Recoveries > 0)
                {
                    blockedSinceUs ??= nowUs;
                    if (nowUs - blockedSinceUs > 6_000_000)
                    {
                        host.Robot.People.Remove(person);
                    }
                }

                return Task.CompletedTask;
            },
        });
        Print(result);
        Assert.True(result.Passed, "goal not reached");
        Assert.InRange(result.Goals[0].Recoveries, 2, 4); // measured 3 (lockstep, identical on two runs); bounds 3 / 1.5 and 1.5 x 3

        // In the 1.0 m corridor (robot 0.22 m wide) the truth clearance to walls and the person measured 0.239 m;
        // bound 0.16 m, above the robot radius 0.11 m.
        Assert.True(result.Goals[0].MinClearanceM > 0.16, $"clearance {result.Goals[0].MinClearanceM} m");
        Assert.Equal(0, result.ContactSteps);
        Assert.Equal(0, result.Relocalization!.Detections); // a person filling the view is no kidnap
    }

    /// <summary>A 10 × 3 m walled corridor, 1.0 m wide inside (y 1.0..2.0), at 5 cm.</summary>
    private static OccupancyGridMap Corridor()
    {
        const double res = 0.05;
        int w = 200, h = 60;
        var data = new sbyte[w * h];
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                double cy = (y + 0.5) * res;
                bool free = x >= 2 && x < w - 2 && cy > 1.0 && cy < 2.0;
                data[(y * w) + x] = free ? OccupancyGridMap.Free : OccupancyGridMap.Occupied;
            }
        }

        return new OccupancyGridMap(w, h, new MapYaml("(corridor)", res, 0, 0, 0, false, 0.65, 0.25, MapMode.Trinary), data);
    }

    private void Print(AmrDemoResult result)
    {
        foreach (AmrGoalResult g in result.Goals)
        {
            output.WriteLine($"goal {g.Index}: {g.Outcome} in {g.TimeS:F1} s, planned {g.PlannedLengthM:F2} m, driven {g.DrivenLengthM:F2} m, " +
                $"min clearance {g.MinClearanceM:F4} m, loc error max {g.MaxLocalizationErrorM:F4} m, recoveries {g.Recoveries}, replans {g.Replans}");
        }

        output.WriteLine($"contact steps {result.ContactSteps}, cmd_vel received {result.CommandsReceived}, connections {result.ClientConnections}, relocalization {result.Relocalization}");
    }
}
