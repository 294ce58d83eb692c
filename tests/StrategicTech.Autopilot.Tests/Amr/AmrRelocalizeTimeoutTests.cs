using StrategicTech.Autopilot.Amr;
using StrategicTech.Navigation.Amr;
using StrategicTech.Navigation.Localization;
using StrategicTech.Navigation.Planning.Costmaps;

namespace StrategicTech.Autopilot.Tests.Amr;

/// <summary>
/// The navigator's time limit on a lost localizer (<see cref="AmrNavigatorParameters.RelocalizeTimeoutUs"/>): while
/// the localizer reports itself lost the robot is stopped and the goal held; lost longer than the limit fails the goal
/// as <see cref="NavigationFailure.LocalizationLost"/> and the robot stays stopped.
/// </summary>
public sealed class AmrRelocalizeTimeoutTests
{
    private const long CycleUs = 50_000;

    [Fact]
    public void Lost_for_longer_than_the_limit_fails_the_goal_as_LocalizationLost_with_zero_commands_throughout()
    {
        var localizer = new SwitchableLostLocalizer();
        using var navigator = Start(localizer, relocalizeTimeoutUs: 30_000_000, out long nowUs);
        localizer.Lost = true;
        long lostAtUs = nowUs + CycleUs;
        long failedAtUs = -1;
        for (int i = 0; i < 1_000 && failedAtUs < 0; i++)
        {
            nowUs += CycleUs;
            VelocityCommand command = Cycle(navigator, nowUs);
            Assert.Equal(default, command);
            if (navigator.State == NavigationState.Failed)
            {
                failedAtUs = nowUs;
            }
            else
            {
                Assert.Equal(NavigationState.Relocalizing, navigator.State);
            }
        }

        Assert.Equal(NavigationFailure.LocalizationLost, navigator.Failure);
        Assert.Equal(lostAtUs + 30_000_000 + CycleUs, failedAtUs); // the first cycle past the limit

        // Failed is final: the robot stays stopped even when the localizer finds itself again.
        localizer.Lost = false;
        for (int i = 0; i < 20; i++)
        {
            nowUs += CycleUs;
            Assert.Equal(default, Cycle(navigator, nowUs));
        }

        Assert.Equal(NavigationState.Failed, navigator.State);
    }

    [Fact]
    public void Being_found_restarts_the_clock_so_two_lost_spells_each_shorter_than_the_limit_keep_the_goal()
    {
        var localizer = new SwitchableLostLocalizer();
        using var navigator = Start(localizer, relocalizeTimeoutUs: 10_000_000, out long nowUs);
        foreach (bool lost in new[] { true, false, true })
        {
            localizer.Lost = lost;
            for (int i = 0; i < 180; i++) // 9 s each
            {
                nowUs += CycleUs;
                Cycle(navigator, nowUs);
            }

            Assert.Equal(lost ? NavigationState.Relocalizing : NavigationState.Navigating, navigator.State);
        }

        // The third spell's clock started at its first cycle (8.95 s ago): 21 more make it exactly 10 s (not past the limit),
        // one more puts it past.
        for (int i = 0; i < 21; i++)
        {
            nowUs += CycleUs;
            Cycle(navigator, nowUs);
        }

        Assert.Equal(NavigationState.Relocalizing, navigator.State);
        nowUs += CycleUs;
        Cycle(navigator, nowUs);
        Assert.Equal(NavigationState.Failed, navigator.State);
        Assert.Equal(NavigationFailure.LocalizationLost, navigator.Failure);
    }

    [Fact]
    public void A_relocalize_timeout_below_one_microsecond_is_refused_naming_the_field()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new AmrNavigatorParameters { RelocalizeTimeoutUs = 0 }.Validate());
        Assert.Equal(nameof(AmrNavigatorParameters.RelocalizeTimeoutUs), e.ParamName);
    }

    private static AmrNavigator Start(SwitchableLostLocalizer localizer, long relocalizeTimeoutUs, out long nowUs)
    {
        var parameters = new AmrNavigatorParameters
        {
            RelocalizeTimeoutUs = relocalizeTimeoutUs,
            ProgressTimeoutUs = 1_000_000_000_000,
            BlockedTimeoutUs = 1_000_000_000_000,
            GoalTimeoutUs = 1_000_000_000_000,
        };
        var navigator = new AmrNavigator(OpenRoom(), localizer, parameters);
        nowUs = 1_000_000;
        navigator.OnOdometry(nowUs, new Pose2D(1.0, 1.0, 0), 0, 0);
        navigator.SetInitialPose(new Pose2D(1.0, 1.0, 0), 0.05, 0.05);
        navigator.NavigateTo(new Pose2D(8.0, 1.0, 0), nowUs);
        return navigator;
    }

    private static VelocityCommand Cycle(AmrNavigator navigator, long nowUs)
    {
        navigator.OnOdometry(nowUs, new Pose2D(1.0, 1.0, 0), 0, 0);
        return navigator.Tick(nowUs);
    }

    /// <summary>10 × 6 m at 5 cm, free inside a wall two cells thick.</summary>
    private static Costmap2D OpenRoom()
    {
        var costmap = new Costmap2D(200, 120, 0.05, 0, 0);
        for (int y = 0; y < costmap.Height; y++)
        {
            for (int x = 0; x < costmap.Width; x++)
            {
                bool border = x < 2 || y < 2 || x >= costmap.Width - 2 || y >= costmap.Height - 2;
                costmap.Costs[(y * costmap.Width) + x] = border ? CostValues.Lethal : CostValues.Free;
            }
        }

        return costmap;
    }

    /// <summary>Dead reckoning whose lost flag the test sets (what a kidnap detector reports).</summary>
    private sealed class SwitchableLostLocalizer : IMapLocalizer
    {
        private readonly OdometryLocalizer _inner = new();

        public bool Lost { get; set; }

        public bool IsLost => Lost;

        public MapPoseEstimate Estimate => _inner.Estimate;

        public void SetInitialPose(Pose2D mapPose, Pose2D odomPose, double sigmaXyM, double sigmaYawRad) =>
            _inner.SetInitialPose(mapPose, odomPose, sigmaXyM, sigmaYawRad);

        public void StartGlobalLocalization(Pose2D odomPose) => _inner.StartGlobalLocalization(odomPose);

        public bool Update(Pose2D odomPose, ReadOnlySpan<float> rangesM, double angleMinRad, double angleIncrementRad,
            double rangeMinM, double rangeMaxM, Pose2D laserInBase, long timeUs) =>
            _inner.Update(odomPose, rangesM, angleMinRad, angleIncrementRad, rangeMinM, rangeMaxM, laserInBase, timeUs);
    }
}
