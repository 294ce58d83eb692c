using StrategicTech.Autopilot.Amr;
using StrategicTech.Navigation.Localization;
using StrategicTech.Sim.Ros;
using StrategicTech.Sim.Scenarios;

namespace StrategicTech.Sim.Amr.Scenarios;

/// <summary>
/// Runs an <see cref="AmrScenario"/> through <see cref="AmrDemoRunner"/> (one simulated robot over loopback
/// rosbridge, lockstep) with its faults applied each step, then judges the pass criteria on the simulator's truth.
/// </summary>
public static class AmrScenarioRunner
{
    private const long StepUs = 50_000;

    /// <param name="observe">Called after every step (after the faults), e.g. for a test to look at the navigator's costmaps.</param>
    public static async Task<AmrScenarioResult> RunAsync(AmrScenario scenario, ulong? seedOverride = null, CancellationToken cancel = default,
        Action<RosRobotHost, AmrNavigator, long>? observe = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var schedule = new AmrFaultSchedule(scenario.Faults);
        AmrDemoResult run = await AmrDemoRunner.RunAsync(new AmrDemoOptions
        {
            Map = scenario.Map,
            WorldMap = scenario.WorldMap,
            Start = scenario.Start,
            InitialPose = scenario.InitialPose,
            InitialPoseSigma = (scenario.InitialSigmaM, scenario.InitialSigmaYawRad),
            Goals = scenario.Goals,
            People = scenario.CreatePeople(),
            Seed = seedOverride ?? scenario.Seed,
            KidnapRecovery = new KidnapRecoveryParameters(), // on in every scenario, kidnap fault or not
            SimTimeLimitUs = scenario.Criteria.TimeLimitS is { } limit ? (long)(limit * 1e6) : null,
            OnStep = (host, navigator, nowUs) =>
            {
                schedule.Apply(host.Robot, nowUs, StepUs);
                observe?.Invoke(host, navigator, nowUs);
                return Task.CompletedTask;
            },
        }, cancel).ConfigureAwait(false);
        return new AmrScenarioResult(scenario, run, Judge(scenario.Criteria, run), schedule.KidnapTimesS, schedule.FaultActiveS);
    }

    /// <summary>Each criterion with the value measured on truth; contact always counts.</summary>
    public static IReadOnlyList<CriterionResult> Judge(AmrPassCriteria criteria, AmrDemoResult run)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        ArgumentNullException.ThrowIfNull(run);
        var results = new List<CriterionResult>();
        int reached = run.Goals.Count(g => g.Reached);
        results.Add(new CriterionResult("goals reached", "", run.Goals.Count, reached, reached == run.Goals.Count, "allGoalsReached", criteria.AllGoalsReached));
        results.Add(new CriterionResult("contact steps", "", 0, run.ContactSteps, run.ContactSteps == 0, "contact"));
        if (criteria.MinClearanceM is { } clearance)
        {
            double measured = run.Goals.Count == 0 ? double.PositiveInfinity : run.Goals.Min(g => g.MinClearanceM);
            results.Add(new CriterionResult("min clearance", "m", clearance, measured, measured >= clearance, "minClearanceM"));
        }

        if (criteria.MaxLocalizationErrorM is { } maxError)
        {
            double measured = run.Goals.Count == 0 ? 0 : run.Goals.Max(g => g.MaxLocalizationErrorM);
            results.Add(new CriterionResult("max localization error", "m", maxError, measured, measured <= maxError, "maxLocalizationErrorM"));
        }

        if (criteria.FinalLocalizationErrorM is { } finalError)
        {
            double measured = run.Goals.Count == 0 ? 0 : run.Goals.Max(g => g.FinalLocalizationErrorM);
            results.Add(new CriterionResult("final localization error (worst goal)", "m", finalError, measured, measured <= finalError, "finalLocalizationErrorM"));
        }

        if (criteria.TimeLimitS is { } limitS)
        {
            double measured = run.Goals.Sum(g => g.TimeS);
            bool finished = run.Goals.All(g => !g.Outcome.StartsWith("not started", StringComparison.Ordinal) && g.Outcome != "canceled");
            results.Add(new CriterionResult("time for all goals", "s", limitS, measured, finished && measured <= limitS, "timeLimitS"));
        }

        return results;
    }
}
