using System.Diagnostics;
using StrategicTech.Autopilot.Amr;
using StrategicTech.Navigation.Amr;
using StrategicTech.Navigation.Localization;
using StrategicTech.Navigation.Planning;
using StrategicTech.Navigation.Planning.Costmaps;
using StrategicTech.TestSupport;

namespace StrategicTech.Autopilot.Tests.Amr;

/// <summary>Global planning off the control thread: <see cref="AmrPlannerWorker"/> and the navigator's 0 B control cycle around it.</summary>
public sealed class AmrPlannerWorkerTests
{
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(60);

    [Fact]
    public void Worker_returns_the_same_path_as_planning_inline_and_refuses_a_second_request_until_released()
    {
        Costmap2D costmap = WallWithGap();
        var start = new Pose2D(1.0, 1.0, 0);
        var goal = new Pose2D(8.5, 1.0, 0);
        var inline = new PathPose[20_000];
        int expected = AmrPlannerWorker.PlanInto(costmap, start, goal, 3.0, inline);
        // Precondition, not a tolerance: the route round the wall is many cells long, so the equality below compares a real path.
        Assert.True(expected > 100, $"inline path has {expected} points");

        using var worker = new AmrPlannerWorker(costmap, 3.0, 20_000);
        Assert.True(worker.TrySubmit(costmap, start, goal, 7));
        Assert.False(worker.TrySubmit(costmap, start, goal, 8)); // one request in flight at a time
        WaitFor(() => worker.HasResult);
        Assert.False(worker.TrySubmit(costmap, start, goal, 8)); // the response is not taken yet
        Assert.True(worker.TryTake(out long sequence, out bool found, out ReadOnlySpan<PathPose> path));
        Assert.Equal(7, sequence);
        Assert.True(found);
        Assert.True(path.SequenceEqual(inline.AsSpan(0, expected)));

        // The path goes through the gap at y 4.0..5.0 in the wall at x = 5 m.
        Assert.Contains(path.ToArray(), p => Math.Abs(p.X - 5.0) < 0.05 && p.Y is > 4.0 and < 5.0);
        worker.Release();
        Assert.True(worker.TrySubmit(costmap, start, new Pose2D(5.05, 2.0, 0), 9)); // inside the wall: no path
        WaitFor(() => worker.HasResult);
        Assert.True(worker.TryTake(out sequence, out found, out path));
        Assert.Equal(9, sequence);
        Assert.False(found);
        Assert.Equal(0, path.Length);
        Assert.Equal(2, worker.PlansCompleted);
    }

    [Fact]
    public void Control_cycle_allocates_nothing_while_plans_are_submitted_to_the_worker_and_taken_from_it()
    {
        var parameters = new AmrNavigatorParameters
        {
            ReplanPeriodUs = 50_000, // ask for a plan every cycle the worker is free
            ProgressTimeoutUs = 1_000_000_000_000,
            BlockedTimeoutUs = 1_000_000_000_000,
            GoalTimeoutUs = 1_000_000_000_000,
        };
        using var navigator = new AmrNavigator(WallWithGap(), new OdometryLocalizer(), parameters);
        long nowUs = 1_000_000;
        var odom = new Pose2D(1.0, 1.0, 0);
        navigator.OnOdometry(nowUs, odom, 0, 0);
        navigator.SetInitialPose(odom, 0.05, 0.05);
        navigator.NavigateTo(new Pose2D(8.5, 1.0, 0), nowUs);
        void Cycle()
        {
            nowUs += 50_000;
            navigator.OnOdometry(nowUs, odom, 0, 0);
            navigator.Tick(nowUs);
        }

        // Start-up: the first plan arrives from the worker.
        var wall = Stopwatch.StartNew();
        while (navigator.Replans == 0 && wall.Elapsed < WaitLimit)
        {
            Cycle();
            Thread.Sleep(1);
        }

        Assert.True(navigator.Replans > 0, "no plan came back from the worker");
        Assert.True(navigator.Path.Length > 100);
        int before = navigator.Replans;
        long calls = Allocations.AssertZero(() =>
        {
            Cycle();
            Thread.SpinWait(2_000); // give the worker time to finish some plans between cycles
        });
        Assert.Equal(NavigationState.Navigating, navigator.State);
        Assert.True(navigator.Replans > before, $"no plan was taken during {calls} measured cycles");
    }

    private static void WaitFor(Func<bool> condition)
    {
        var wall = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(wall.Elapsed < WaitLimit, "the planner worker did not answer");
            Thread.Sleep(1);
        }
    }

    /// <summary>10 × 6 m at 5 cm, walled, with an inner wall at x = 5 m open only at y 4.0..5.0.</summary>
    private static Costmap2D WallWithGap()
    {
        var costmap = new Costmap2D(200, 120, 0.05, 0, 0);
        for (int y = 0; y < costmap.Height; y++)
        {
            for (int x = 0; x < costmap.Width; x++)
            {
                double cy = (y + 0.5) * 0.05;
                bool border = x < 2 || y < 2 || x >= costmap.Width - 2 || y >= costmap.Height - 2;
                bool wall = x is >= 99 and <= 101 && !(cy > 4.0 && cy < 5.0);
                costmap.Costs[(y * costmap.Width) + x] = border || wall ? CostValues.Lethal : CostValues.Free;
            }
        }

        return costmap;
    }
}
