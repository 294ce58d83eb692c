using StrategicTech.Fleet.Execution;

namespace StrategicTech.Fleet.Tests;

public class LifelongDependencyGraphTests
{
    [Fact]
    public void A_move_into_a_cell_in_a_later_window_waits_for_the_robot_that_left_it_in_an_earlier_window()
    {
        // Vertices are plain ids here: robot 0 leaves 10 for 11 in window 1; robot 1 enters 10 only in window 2.
        var graph = new LifelongDependencyGraph([10, 20]);
        Assert.True(graph.TryAppend([[10, 11, 12], [20, 20, 20]], out string? problem), problem);
        Assert.True(graph.TryAppend([[12, 12, 12], [20, 21, 10]], out problem), problem);

        Assert.Equal(4, graph.StepCount);
        Assert.Equal(2, graph.MoveCount(1));
        Assert.Empty(graph.DependenciesOf(1, 0));
        Assert.Equal([(0, 0)], graph.DependenciesOf(1, 1));
        Assert.Equal(1, graph.ReleasableEnd(1)); // 20 -> 21 is free; 21 -> 10 waits for robot 0 to be out of 10
        graph.ReportDone(0, 1);
        Assert.Equal(2, graph.ReleasableEnd(1));
    }

    [Fact]
    public void A_robot_reentering_a_cell_it_left_itself_in_an_earlier_window_gets_no_dependency()
    {
        var graph = new LifelongDependencyGraph([10, 30]);
        Assert.True(graph.TryAppend([[10, 11], [30, 30]], out string? problem), problem);
        Assert.True(graph.TryAppend([[11, 10], [30, 30]], out problem), problem);
        Assert.Empty(graph.DependenciesOf(0, 1));
        Assert.Equal(2, graph.ReleasableEnd(0));
    }

    [Fact]
    public void Within_a_window_the_latest_leaver_is_preferred_to_an_earlier_windows_leaver()
    {
        // Window 1: robot 0 leaves 10. Window 2: robot 2 passes through 10 (enters then leaves), then robot 1 enters.
        var graph = new LifelongDependencyGraph([10, 21, 9]);
        Assert.True(graph.TryAppend([[10, 11], [21, 21], [9, 9]], out string? problem), problem);
        Assert.True(graph.TryAppend([[11, 11, 11, 11], [21, 21, 21, 10], [9, 10, 8, 8]], out problem), problem);
        Assert.Equal([(0, 0)], graph.DependenciesOf(2, 0)); // robot 2 into 10 after robot 0 left it (earlier window)
        Assert.Equal([(2, 1)], graph.DependenciesOf(1, 0)); // robot 1 into 10 after robot 2 left it (this window)
    }

    [Fact]
    public void A_window_with_a_rotation_is_refused_and_leaves_the_graph_unchanged()
    {
        var graph = new LifelongDependencyGraph([0, 1, 2]);
        Assert.False(graph.TryAppend([[0, 1], [1, 2], [2, 0]], out string? problem));
        Assert.Contains("cycle", problem, StringComparison.Ordinal);
        Assert.Equal(0, graph.StepCount);
        Assert.Equal(0, graph.MoveCount(0));
        Assert.Equal(2, graph.EndVertex(2));
    }

    [Fact]
    public void A_window_that_does_not_start_where_the_committed_plan_ends_is_refused()
    {
        var graph = new LifelongDependencyGraph([0, 5]);
        Assert.True(graph.TryAppend([[0, 1], [5, 5]], out string? problem), problem);
        Assert.False(graph.TryAppend([[0, 1], [5, 5]], out problem));
        Assert.Contains("robot 0", problem, StringComparison.Ordinal);
        Assert.False(graph.TryAppend([[1, 2, 3], [5, 5]], out problem));
        Assert.Equal(1, graph.StepCount);
    }
}
