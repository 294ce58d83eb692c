using StrategicTech.Navigation.Amr;
using StrategicTech.Navigation.Localization;
using StrategicTech.Navigation.Planning.Costmaps;
using StrategicTech.Sim.Amr;
using StrategicTech.Sim.Ros;
using Xunit.Abstractions;

namespace StrategicTech.Sim.Tests.Amr;

/// <summary>
/// A person steps across the robot's path just ahead of it in SITL (loopback rosbridge, lockstep): the collision
/// monitor on the raw scans holds the robot back, it never drives into the person, and it reaches its goal once the
/// way is clear. Judged on the simulator's truth.
/// </summary>
public sealed class AmrPersonCrossingTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_person_crossing_just_ahead_makes_the_collision_monitor_act_and_the_robot_keeps_a_measured_gap_and_reaches_the_goal()
    {
        // The person waits by the corridor's north wall, then crosses to the south wall at 0.8 m/s, reaching the robot's
        // line (y = 2.0) at about 9.6 s, when the robot (0.5 m/s from x = 1.0) is about half a metre short of it.
        var person = new WalkingPerson(6.0, 3.3, 6.0, 0.7, 0.8, 0.25, waitS: 8, oneWay: true);
        double minGapM = double.PositiveInfinity;
        int monitorSteps = 0, otherSteps = 0;
        AmrDemoResult result = await AmrDemoRunner.RunAsync(new AmrDemoOptions
        {
            Map = Corridor(),
            Start = new Pose2D(1.0, 2.0, 0),
            Goals = [new Pose2D(11.0, 2.0, 0)],
            People = [person],
            OnStep = (host, navigator, nowUs) =>
            {
                DiffDriveBase b = host.Robot.Base;
                double gap = Math.Sqrt(((b.TrueXM - person.XM) * (b.TrueXM - person.XM)) + ((b.TrueYM - person.YM) * (b.TrueYM - person.YM)))
                    - person.RadiusM - b.Parameters.RobotRadiusM;
                minGapM = Math.Min(minGapM, gap);

                // Counted only with the person near (the corridor's walls are 1.5 m from its centre line).
                bool acting = navigator.LastCollisionAction is CollisionAction.Stop or CollisionAction.Slowdown or CollisionAction.Approach;
                monitorSteps += acting && gap < 1.0 ? 1 : 0;
                otherSteps += acting && gap >= 1.0 ? 1 : 0;
                return Task.CompletedTask;
            },
        });
        AmrGoalResult goal = result.Goals[0];
        output.WriteLine($"goal: {goal.Outcome} in {goal.TimeS:F2} s, min clearance {goal.MinClearanceM:F4} m, recoveries {goal.Recoveries}, replans {goal.Replans}; " +
            $"closest gap to the person {minGapM:F4} m, steps with the monitor acting near the person {monitorSteps} (elsewhere {otherSteps}), contact steps {result.ContactSteps}");

        // Measured in lockstep (identical on two runs): the monitor acted on 26 steps with the person near and on none
        // elsewhere; closest gap to the person 0.3766 m (contact is 0); the goal took 23.30 s.
        Assert.True(goal.Reached, goal.Outcome);
        Assert.Equal(0, result.ContactSteps);
        Assert.InRange(monitorSteps, 18, 39); // bounds 26 / 1.5 and 1.5 x 26
        Assert.Equal(0, otherSteps);
        Assert.True(minGapM > 0.251, $"gap to the person {minGapM:F4} m"); // bound 0.3766 / 1.5
        Assert.True(goal.TimeS < 34.9, $"took {goal.TimeS:F2} s"); // bound 1.5 x 23.30 s
    }

    /// <summary>A 12 × 4 m walled corridor, 3.0 m wide inside (y 0.5..3.5), at 5 cm.</summary>
    private static OccupancyGridMap Corridor()
    {
        const double res = 0.05;
        int w = 240, h = 80;
        var data = new sbyte[w * h];
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                double cy = (y + 0.5) * res;
                bool free = x >= 2 && x < w - 2 && cy > 0.5 && cy < 3.5;
                data[(y * w) + x] = free ? OccupancyGridMap.Free : OccupancyGridMap.Occupied;
            }
        }

        return new OccupancyGridMap(w, h, new MapYaml("(crossing corridor)", res, 0, 0, 0, false, 0.65, 0.25, MapMode.Trinary), data);
    }
}
