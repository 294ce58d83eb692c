using StrategicTech.Navigation.Planning;
using StrategicTech.Navigation.Planning.Grid;

namespace StrategicTech.Navigation.Tests.Planning.Grid;

public class PlannerFailureTests
{
    // 6x4, a wall at x=3 with no gap; (5,0) is blocked.
    private static readonly string[] Rows =
    [
        "...#.#",
        "...#..",
        "...#..",
        "...#..",
    ];

    public static TheoryData<string> Algorithms => new() { "astar", "jps", "theta" };

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void Failures_are_typed(string algo)
    {
        GridPlanner planner = Create(algo, Build(Rows));
        Assert.Equal(PlanStatus.StartOutOfBounds, planner.Plan(new GridCell(-1, 0), new GridCell(0, 0)).Status);
        Assert.Equal(PlanStatus.GoalOutOfBounds, planner.Plan(new GridCell(0, 0), new GridCell(6, 0)).Status);
        Assert.Equal(PlanStatus.StartOccupied, planner.Plan(new GridCell(3, 1), new GridCell(0, 0)).Status);
        Assert.Equal(PlanStatus.GoalOccupied, planner.Plan(new GridCell(0, 0), new GridCell(5, 0)).Status);
        GridPlanResult none = planner.Plan(new GridCell(0, 0), new GridCell(5, 3));
        Assert.Equal(PlanStatus.NoPath, none.Status);
        Assert.Equal(0, none.PathCount);
        Assert.True(planner.Path.IsEmpty);
        GridPlanResult same = planner.Plan(new GridCell(1, 1), new GridCell(1, 1));
        Assert.Equal(PlanStatus.Success, same.Status);
        Assert.Equal(0, same.Cost);
        Assert.Equal(1, same.PathCount);
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void Expansion_limit_and_cancellation_stop_the_search(string algo)
    {
        var open = new bool[200 * 200];
        Array.Fill(open, true);
        for (int x = 4; x < 200; x += 4)
        {
            // A serpentine: walls every 4 columns, the gap alternately at the bottom and the top.
            int gap = (x / 4) % 2 == 1 ? 199 : 0;
            for (int y = 0; y < 200; y++)
            {
                open[(y * 200) + x] = y == gap;
            }
        }

        GridPlanner planner = Create(algo, SearchGrid.FromPassability(200, 200, open));
        GridPlanResult limited = planner.Plan(new GridCell(0, 0), new GridCell(199, 0), new SearchLimits(3, CancellationToken.None, 1));
        Assert.Equal(PlanStatus.ExpansionLimit, limited.Status);
        Assert.Equal(3, limited.Expansions);
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        GridPlanResult cancelled = planner.Plan(new GridCell(0, 0), new GridCell(199, 0), new SearchLimits(int.MaxValue, cts.Token, 2));
        Assert.Equal(PlanStatus.Cancelled, cancelled.Status);
        Assert.Equal(2, cancelled.Expansions);
        GridPlanResult full = planner.Plan(new GridCell(0, 0), new GridCell(199, 0));
        Assert.Equal(PlanStatus.Success, full.Status);
    }

    [Fact]
    public void Diagonal_may_not_cut_a_corner()
    {
        SearchGrid grid = Build([".#", ".."]);
        Assert.False(grid.CanMove(0, 0, 1, 1));
        var astar = new AStarPlanner(grid);
        GridPlanResult r = astar.Plan(new GridCell(0, 0), new GridCell(1, 1));
        Assert.Equal(2.0, r.Cost, 12);
        var jps = new JumpPointPlanner(grid);
        Assert.Equal(2.0, jps.Plan(new GridCell(0, 0), new GridCell(1, 1)).Cost, 12);
        var theta = new LazyThetaStarPlanner(grid);
        Assert.Equal(2.0, theta.Plan(new GridCell(0, 0), new GridCell(1, 1)).Cost, 12);
        Assert.False(LineOfSight.IsClear(grid, new GridCell(0, 0), new GridCell(1, 1)));
    }

    internal static SearchGrid Build(string[] rows)
    {
        int h = rows.Length, w = rows[0].Length;
        var passable = new bool[w * h];
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                passable[(y * w) + x] = rows[y][x] != '#';
            }
        }

        return SearchGrid.FromPassability(w, h, passable);
    }

    internal static GridPlanner Create(string algo, SearchGrid grid) => algo switch
    {
        "jps" => new JumpPointPlanner(grid),
        "theta" => new LazyThetaStarPlanner(grid),
        _ => new AStarPlanner(grid),
    };
}
