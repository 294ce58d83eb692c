using StrategicTech.Sim.Amr;
using StrategicTech.Sim.Amr.Scenarios;
using Xunit.Abstractions;

namespace StrategicTech.Sim.Tests.Amr;

/// <summary>
/// Lockstep over loopback rosbridge is deterministic: the runner waits for the client's subscriptions, the server's
/// receipt of each /cmd_vel, the client's receipt of each step's /odom and /scan and any plan in flight, so two runs of
/// a scenario with the same seed give the same result to the last bit, and another seed gives another.
/// </summary>
public sealed class AmrDeterminismTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("warehouse-obstacle")]
    [InlineData("warehouse-person-blocks-aisle")]
    public async Task Two_runs_of_a_scenario_with_the_same_seed_stay_in_lockstep_and_give_identical_goals_criteria_and_traces(string name)
    {
        AmrScenario scenario = AmrScenarioLoader.Load(name);
        AmrScenarioResult first = await AmrScenarioRunner.RunAsync(scenario);
        AmrScenarioResult second = await AmrScenarioRunner.RunAsync(scenario);
        foreach (AmrGoalResult g in first.Run.Goals)
        {
            output.WriteLine($"goal {g.Index}: {g.Outcome} in {g.TimeS:F2} s, driven {g.DrivenLengthM:F4} m, loc error max {g.MaxLocalizationErrorM:F4} m, replans {g.Replans}");
        }

        Assert.Equal(0, first.Run.LockstepStalls); // no wait gave up: both runs stayed in lockstep
        Assert.Equal(0, second.Run.LockstepStalls);
        Assert.Equal(first.Run.Goals, second.Run.Goals);
        Assert.Equal(first.Criteria.Select(c => (c.Key, c.Measured, c.Passed)), second.Criteria.Select(c => (c.Key, c.Measured, c.Passed)));
        Assert.Equal(first.Run.Trace.Count, second.Run.Trace.Count);
        Assert.True(first.Run.Trace.SequenceEqual(second.Run.Trace), "the traces differ");
        Assert.Equal(first.Run.ContactSteps, second.Run.ContactSteps);
    }

    [Fact]
    public async Task Another_seed_gives_another_trace()
    {
        AmrScenario scenario = AmrScenarioLoader.Load("warehouse-obstacle");
        AmrScenarioResult one = await AmrScenarioRunner.RunAsync(scenario, seedOverride: 1);
        AmrScenarioResult two = await AmrScenarioRunner.RunAsync(scenario, seedOverride: 2);
        Assert.False(one.Run.Trace.SequenceEqual(two.Run.Trace), "different seeds should give different noise and so different traces");
    }
}
