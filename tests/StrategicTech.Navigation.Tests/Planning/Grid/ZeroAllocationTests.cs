using StrategicTech.Navigation.Planning.Grid;
using StrategicTech.TestSupport;

namespace StrategicTech.Navigation.Tests.Planning.Grid;

/// <summary>A planner query allocates nothing after warm-up (real-time rule).</summary>
public class ZeroAllocationTests
{
    [SharedDataTheory]
    [InlineData("astar")]
    [InlineData("jps")]
    [InlineData("theta")]
    public void Query_allocates_nothing(string algo)
    {
        MovingAiMap map = MovingAiMap.Load(SharedData.PathOf("bench", "movingai", "den312d.map"));
        ScenarioEntry[] entries = [.. MovingAiScenario.Load(SharedData.PathOf("bench", "movingai", "den312d.map.scen")).Entries];
        GridPlanner planner = PlannerFailureTests.Create(algo, map.ToSearchGrid());
        int k = 0;
        Allocations.AssertZero(
            () =>
            {
                ScenarioEntry e = entries[k++ % entries.Length];
                planner.Plan(e.Start, e.Goal);
            },
            iterations: 200);
        Assert.True(k > 200);
    }

    [Fact]
    public void Cost_aware_query_allocates_nothing()
    {
        var costs = new byte[64 * 64];
        for (int i = 0; i < costs.Length; i++)
        {
            costs[i] = (byte)((i * 37) % 200);
        }

        var planner = new AStarPlanner(SearchGrid.FromCosts(64, 64, costs), costWeight: 3);
        Allocations.AssertZero(() => planner.Plan(new GridCell(0, 0), new GridCell(63, 60)), iterations: 50);
        var theta = new LazyThetaStarPlanner(SearchGrid.FromCosts(64, 64, costs), costWeight: 3);
        Allocations.AssertZero(() => theta.Plan(new GridCell(0, 0), new GridCell(63, 60)), iterations: 20);
    }
}
