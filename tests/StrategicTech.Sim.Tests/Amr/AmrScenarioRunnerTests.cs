using StrategicTech.Sim.Amr;
using StrategicTech.Sim.Amr.Scenarios;
using StrategicTech.Sim.Scenarios;
using Xunit.Abstractions;

namespace StrategicTech.Sim.Tests.Amr;

/// <summary>
/// The bundled AMR scenarios run over loopback rosbridge and pass their criteria on the simulator's truth. The
/// scenario files are the one source of the limits (<c>autonomy amr run</c> judges against the same): each records
/// the figures measured in lockstep (deterministic for a seed, <see cref="AmrDeterminismTests"/>) in
/// <c>criteria.measured</c>, and its limits sit at most about 1.5x beyond them, which this test checks too.
/// </summary>
public sealed class AmrScenarioRunnerTests(ITestOutputHelper output)
{
    /// <summary>Limits are rounded up to three decimals (time to a tenth of a second); this much rounding is allowed.</summary>
    private const double Rounding = 1.01;

    [Theory]
    [InlineData("warehouse-obstacle")]
    [InlineData("warehouse-lidar-dropout")]
    [InlineData("warehouse-wheel-slip")]
    [InlineData("warehouse-wrong-initial-pose")]
    [InlineData("warehouse-person-blocks-aisle")]
    public async Task Bundled_scenario_passes_its_own_limits_which_sit_within_1_5x_of_its_recorded_figures_with_kidnap_recovery_on_and_no_false_kidnap(string name)
    {
        AmrScenario scenario = AmrScenarioLoader.Load(name);
        AmrPassCriteria criteria = scenario.Criteria;
        AmrMeasuredFigures measured = Assert.IsType<AmrMeasuredFigures>(criteria.Measured);
        AssertUpperMargin("maxLocalizationErrorM", criteria.MaxLocalizationErrorM, measured.MaxLocalizationErrorM);
        AssertUpperMargin("finalLocalizationErrorM", criteria.FinalLocalizationErrorM, measured.FinalLocalizationErrorM);
        AssertUpperMargin("timeLimitS", criteria.TimeLimitS, measured.TimeS);
        double clearanceLimitM = Assert.IsType<double>(criteria.MinClearanceM);
        double clearanceMeasuredM = Assert.IsType<double>(measured.MinClearanceM);
        Assert.InRange(clearanceMeasuredM / clearanceLimitM, 1.0, 1.5 * Rounding);

        AmrScenarioResult result = await AmrScenarioRunner.RunAsync(scenario);
        Print(result);
        Assert.Equal(
            ["allGoalsReached", "contact", "minClearanceM", "maxLocalizationErrorM", "finalLocalizationErrorM", "timeLimitS"],
            result.Criteria.Select(c => c.Key)); // every limit is set, so each is judged
        Assert.All(result.Criteria, c => Assert.True(c.Counts, $"{c.Name}: measured {c.Measured}, limit {c.Limit}"));
        Assert.True(result.Passed);
        Assert.Equal(0, result.Run.ContactSteps);

        // Recovery is on in every scenario; none of these has a kidnap, so a detection would be a false alarm.
        AmrRelocalizationStats relocalization = Assert.IsType<AmrRelocalizationStats>(result.Run.Relocalization);
        Assert.Equal(0, relocalization.Detections);
    }

    /// <summary>An upper limit at or above its recorded figure and at most about 1.5x of it.</summary>
    private static void AssertUpperMargin(string key, double? limit, double? measured)
    {
        double l = Assert.IsType<double>(limit), m = Assert.IsType<double>(measured);
        Assert.True(l >= m && l <= 1.5 * m * Rounding, $"{key}: limit {l} vs recorded {m}");
    }

    [Fact]
    public async Task The_lidar_dropout_window_is_applied_for_its_whole_duration_and_the_error_while_blind_stays_within_its_measured_bound()
    {
        AmrScenario scenario = AmrScenarioLoader.Load("warehouse-lidar-dropout");
        AmrScenarioResult result = await AmrScenarioRunner.RunAsync(scenario);
        Print(result);
        // Measured 8.000000 s: in lockstep the 8 s window falls on the 50 ms step grid; bound ±1 µs.
        Assert.Equal(8.0, result.FaultActiveS, 1e-6);

        // Error while the lidar is out vs. at the end of the run (truth), for the log.
        double during = result.Run.Trace.Where(r => r.TimeS is > 6.5 and < 14).Max(r => r.LocalizationErrorM);
        double last = result.Run.Trace[^1].LocalizationErrorM;
        output.WriteLine($"max error during the dropout {during:F4} m, at the end {last:F4} m");
        Assert.True(during <= 0.18, $"max error during the dropout {during:F4} m"); // measured 0.1214 m; bound 0.18 m
        Assert.True(last <= 0.047, $"error at the end {last:F4} m"); // measured 0.0315 m; bound 0.047 m
        Assert.True(result.Passed);
    }

    [Fact]
    public void Judge_fails_each_criterion_whose_measured_value_is_past_its_limit_and_contact_always_counts()
    {
        var goal = new AmrGoalResult(0, default, "succeeded", true, 50, 10, 11, 0.04, 0.2, 0.08, 0, 1);
        var missed = goal with { Index = 1, Outcome = "failed: NoPath", Reached = false };
        var run = new AmrDemoResult([goal, missed], [], [], ContactSteps: 2, 100, 1, "MonteCarloLocalizer");
        IReadOnlyList<CriterionResult> judged = AmrScenarioRunner.Judge(new AmrPassCriteria(true, 0.05, 0.3, 0.05, 90), run);
        Assert.Equal(
            ["allGoalsReached:False", "contact:False", "minClearanceM:False", "maxLocalizationErrorM:True", "finalLocalizationErrorM:False", "timeLimitS:False"],
            judged.Select(c => c.Key + ":" + c.Passed));
        Assert.Equal(100, judged.Single(c => c.Key == "timeLimitS").Measured);

        // allGoalsReached false: the goal count is reported but does not decide; contact still does.
        judged = AmrScenarioRunner.Judge(new AmrPassCriteria(false, null, null, null, null), run with { ContactSteps = 0 });
        Assert.Equal(2, judged.Count);
        Assert.All(judged, c => Assert.True(c.Counts));
    }

    private void Print(AmrScenarioResult result)
    {
        foreach (AmrGoalResult g in result.Run.Goals)
        {
            output.WriteLine($"goal {g.Index}: {g.Outcome} in {g.TimeS:F1} s, driven {g.DrivenLengthM:F2} m, min clearance {g.MinClearanceM:F4} m, " +
                $"loc error max {g.MaxLocalizationErrorM:F4} m final {g.FinalLocalizationErrorM:F4} m, recoveries {g.Recoveries}, replans {g.Replans}");
        }

        foreach (CriterionResult c in result.Criteria)
        {
            output.WriteLine($"{c.Key}: measured {c.Measured:F4}, limit {c.Limit}, passed {c.Passed}");
        }

        output.WriteLine($"fault-active {result.FaultActiveS:F6} s, kidnaps at [{string.Join(", ", result.KidnapTimesS)}], relocalization {result.Run.Relocalization}");
    }
}
