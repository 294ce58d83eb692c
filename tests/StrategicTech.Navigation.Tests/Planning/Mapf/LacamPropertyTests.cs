using FsCheck.Xunit;
using StrategicTech.Navigation.Planning.Grid;
using StrategicTech.Navigation.Planning.Mapf;
using Xunit;

namespace StrategicTech.Navigation.Tests.Planning.Mapf;

/// <summary>LaCAM on random tiny instances against the exact joint-state solver.</summary>
public sealed class LacamPropertyTests
{
    [Property(MaxTest = 300)]
    public void OnRandomTinyInstancesLacamSolvesExactlyTheSolvableOnesValidlyAndNeverBelowTheOptimum(int seed)
    {
        (MovingAiMap map, MapfInstance instance) = MapfTestInstances.Random(seed);
        long optimum = OptimalMapfSolver.SumOfCosts(instance);
        foreach (bool anytime in new[] { false, true })
        {
            var limits = anytime ? MapfLimits.Anytime(new StepClock(), 2_000_000) : MapfLimits.FirstSolution(new StepClock(), 2_000_000);
            MapfResult result = new LacamSolver(instance, seed).Solve(limits);
            // LaCAM is complete: on these tiny spaces it either solves or exhausts the search well within the budget.
            Assert.Equal(optimum >= 0, result.Solved);
            if (!result.Solved)
            {
                continue;
            }

            IReadOnlyList<string> problems = MapfValidator.Validate(
                map,
                MapfPaths.ToCells(instance.Graph, instance.Starts),
                MapfPaths.ToCells(instance.Graph, instance.Goals),
                MapfPaths.ToCells(instance.Graph, result.Paths));
            Assert.Empty(problems);
            Assert.InRange(result.SumOfCosts, optimum, long.MaxValue);
            Assert.InRange(result.SumOfCosts, 0, result.FirstSolutionSumOfCosts);
        }
    }

    [Fact]
    public void TheOptimalSolverChargesAnAgentThatMustStepOffItsGoalUntilItReturns()
    {
        // A T junction: agent 0 rests on its goal (1,0), which agent 1 must cross from (0,0) to (2,0).
        MovingAiMap map = MapfTestInstances.Map("...", "@.@");
        MapfInstance instance = MapfTestInstances.Instance(map, [new GridCell(1, 0), new GridCell(0, 0)], [new GridCell(1, 0), new GridCell(2, 0)]);
        // Agent 0 steps down into (1,1) and back (2 steps), agent 1 walks 2 steps: 2 + 2 = 4.
        Assert.Equal(4, OptimalMapfSolver.SumOfCosts(instance));
    }
}
