using StrategicTech.Navigation.Planning.Grid;
using StrategicTech.Navigation.Planning.Mapf;
using Xunit;

namespace StrategicTech.Navigation.Tests.Planning.Mapf;

public sealed class MapfValidatorTests
{
    private static readonly MovingAiMap Corridor = MapfTestInstances.Map("....", ".@..");

    private static GridCell C(int x, int y) => new(x, y);

    [Fact]
    public void AcceptsAFollowingMoveAndAnAgentThatEndedEarlyResting()
    {
        GridCell[][] paths = [[C(0, 0), C(1, 0), C(2, 0)], [C(1, 0), C(2, 0), C(3, 0)], [C(3, 1)]];
        Assert.Empty(MapfValidator.Validate(Corridor, [C(0, 0), C(1, 0), C(3, 1)], [C(2, 0), C(3, 0), C(3, 1)], paths));
    }

    [Fact]
    public void ReportsAVertexConflictWithAnAgentRestingOnItsGoal()
    {
        GridCell[][] paths = [[C(0, 0), C(1, 0), C(2, 0), C(3, 0)], [C(2, 0)]];
        IReadOnlyList<string> problems = MapfValidator.Validate(Corridor, [C(0, 0), C(2, 0)], [C(3, 0), C(2, 0)], paths);
        Assert.Contains(problems, p => p.StartsWith("vertex conflict: agents 0 and 1 at GridCell { X = 2, Y = 0 }, t=2", StringComparison.Ordinal));
    }

    [Fact]
    public void ReportsASwapConflict()
    {
        GridCell[][] paths = [[C(0, 0), C(1, 0)], [C(1, 0), C(0, 0)]];
        IReadOnlyList<string> problems = MapfValidator.Validate(Corridor, [C(0, 0), C(1, 0)], [C(1, 0), C(0, 0)], paths);
        Assert.Equal(["swap conflict: agents 0 and 1 exchange GridCell { X = 0, Y = 0 } and GridCell { X = 1, Y = 0 }, t=0->1"], problems);
    }

    [Fact]
    public void ReportsWrongStartWrongGoalBlockedCellAndJump()
    {
        Assert.Contains("agent 0: path starts at", MapfValidator.Validate(Corridor, [C(1, 0)], [C(2, 0)], [[C(0, 0), C(1, 0), C(2, 0)]])[0], StringComparison.Ordinal);
        Assert.Contains("agent 0: path ends at", MapfValidator.Validate(Corridor, [C(0, 0)], [C(2, 0)], [[C(0, 0), C(1, 0)]])[0], StringComparison.Ordinal);
        Assert.Contains("blocked or outside", MapfValidator.Validate(Corridor, [C(0, 1)], [C(2, 1)], [[C(0, 1), C(1, 1), C(2, 1)]])[0], StringComparison.Ordinal);
        Assert.Contains("jumps", MapfValidator.Validate(Corridor, [C(0, 0)], [C(1, 0)], [[C(0, 0), C(2, 0), C(1, 0)]])[0], StringComparison.Ordinal);
        Assert.Contains("jumps", MapfValidator.Validate(Corridor, [C(2, 0)], [C(3, 1)], [[C(2, 0), C(3, 1)]])[0], StringComparison.Ordinal);
    }

    [Fact]
    public void SumOfCostsChargesAnAgentUntilItsFinalArrivalAndMakespanIsTheLastArrival()
    {
        // Agent 0 reaches its goal at t=1, leaves, and is back for good at t=3; agent 1 waits out its tail.
        GridCell[][] paths = [[C(0, 0), C(1, 0), C(2, 0), C(1, 0), C(1, 0)], [C(3, 0), C(3, 0)]];
        Assert.Equal(3, MapfMetrics.SumOfCosts(paths));
        Assert.Equal(3, MapfMetrics.Makespan(paths));
    }

    [Fact]
    public void LowerBoundIsTheSumOfFourConnectedShortestPaths()
    {
        // (0,1) to (3,1) goes around the block at (1,1): (0,1)->(0,0)->(1,0)->(2,0)->(2,1)->(3,1) = 5; (0,0) to (3,0) = 3.
        Assert.Equal(5 + 3, MapfMetrics.LowerBound(Corridor, [C(0, 1), C(0, 0)], [C(3, 1), C(3, 0)]));
        Assert.Equal(-1, MapfMetrics.LowerBound(MapfTestInstances.Map(".@."), [C(0, 0)], [C(2, 0)]));
    }
}
