using StrategicTech.Navigation.Planning.Grid;
using StrategicTech.TestSupport;

namespace StrategicTech.Navigation.Tests.Planning.Grid;

// Tolerances in this class are rounding epsilons on exact identities, or half a unit in the last digit the
// benchmark file prints for its optimum (ScenarioEntry.AcceptsCost), which no measurement can tighten.
/// <summary>
/// Every shared Moving AI map: a seeded sample of its scenario lines must be solved at exactly the published optimal
/// length (relative tolerance 1e-5, the files print ~6 significant digits) by A* and by JPS, and no longer by
/// Theta*. The CLI (<c>autonomy plan bench</c>) runs the full files.
/// </summary>
public class MovingAiBenchmarkTests
{
    private const int SampleSize = 150;

    public static TheoryData<string, string> Maps => new()
    {
        { "arena.map", "arena.map.scen" },
        { "den312d.map", "den312d.map.scen" },
        { "lak303d.map", "lak303d.map.scen" },
        { "brc202d.map", "brc202d.map.scen" },
        { "random512-10-0.map", "random512-10-0.map.scen" },
        { "32room_000.map", "32room_000.map.scen" },
        { "Boston_0_256.map", "Boston_0_256.map.scen" },
        { "warehouse-10-20-10-2-1.map", "warehouse-10-20-10-2-1-random-1.scen" },
    };

    [SharedDataTheory]
    [MemberData(nameof(Maps))]
    public void AStar_and_jps_match_every_sampled_optimal_length(string mapFile, string scenFile)
    {
        string mapPath = SharedData.PathOf("bench", "movingai", mapFile);
        string scenPath = SharedData.PathOf("bench", "movingai", scenFile);
        MovingAiMap map = MovingAiMap.Load(mapPath);
        MovingAiScenario scenario = MovingAiScenario.Load(scenPath);
        scenario.Validate(map, mapPath, scenPath);
        SearchGrid grid = map.ToSearchGrid();
        var astar = new AStarPlanner(grid);
        var jps = new JumpPointPlanner(grid);
        var theta = new LazyThetaStarPlanner(grid);
        ScenarioEntry[] sample = [.. scenario.Entries];
        new Random(20261122).Shuffle(sample);
        sample = sample[..Math.Min(SampleSize, sample.Length)];
        int checkedTheta = 0;
        long astarExpansions = 0, jpsExpansions = 0;
        foreach (ScenarioEntry e in sample)
        {
            double tolerance = 1e-5 * Math.Max(1.0, e.OptimalLength);
            GridPlanResult a = astar.Plan(e.Start, e.Goal);
            Assert.True(a.Succeeded && Math.Abs(a.Cost - e.OptimalLength) <= tolerance, $"A* {scenFile}:{e.Line} expected {e.OptimalLength}, got {a.Status} {a.Cost:R}");
            GridPlanResult j = jps.Plan(e.Start, e.Goal);
            Assert.True(j.Succeeded && Math.Abs(j.Cost - e.OptimalLength) <= tolerance, $"JPS {scenFile}:{e.Line} expected {e.OptimalLength}, got {j.Status} {j.Cost:R}");
            Assert.Equal(e.Start, jps.Path[0]);
            Assert.Equal(e.Goal, jps.Path[^1]);
            astarExpansions += a.Expansions;
            jpsExpansions += j.Expansions;
            if (checkedTheta++ < 40)
            {
                GridPlanResult t = theta.Plan(e.Start, e.Goal);
                Assert.True(t.Succeeded && t.Cost <= e.OptimalLength + tolerance, $"Theta* {scenFile}:{e.Line} optimum {e.OptimalLength}, got {t.Status} {t.Cost:R}");
            }
        }

        Assert.True(jpsExpansions < astarExpansions, $"JPS expanded {jpsExpansions} nodes in all, A* {astarExpansions}");
    }

    [SharedDataFact]
    public void Path_cells_of_astar_are_legal_moves_summing_to_the_cost()
    {
        MovingAiMap map = MovingAiMap.Load(SharedData.PathOf("bench", "movingai", "den312d.map"));
        SearchGrid grid = map.ToSearchGrid();
        var astar = new AStarPlanner(grid);
        GridPlanResult r = astar.Plan(new GridCell(10, 11), new GridCell(13, 12));
        Assert.Equal(3.41421, r.Cost, 4);
        double length = 0;
        ReadOnlySpan<GridCell> path = astar.Path;
        for (int k = 1; k < path.Length; k++)
        {
            int dx = path[k].X - path[k - 1].X, dy = path[k].Y - path[k - 1].Y;
            Assert.True(grid.CanMove(path[k - 1].X, path[k - 1].Y, dx, dy));
            length += Octile.Distance(dx, dy);
        }

        Assert.Equal(r.Cost, length, 9);
    }
}
