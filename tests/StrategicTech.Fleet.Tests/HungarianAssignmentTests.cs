using StrategicTech.Fleet.Allocation;

namespace StrategicTech.Fleet.Tests;

public class HungarianAssignmentTests
{
    [Fact]
    public void Assignment_total_equals_the_brute_force_minimum_on_600_random_matrices_up_to_6_by_6()
    {
        var random = new Random(16);
        for (int trial = 0; trial < 600; trial++)
        {
            int rows = random.Next(1, 7), cols = random.Next(1, 7);
            var cost = new double[rows, cols];
            for (int r = 0; r < rows; r++)
            {
                for (int c = 0; c < cols; c++)
                {
                    cost[r, c] = random.Next(0, 50); // integers: totals compare exactly
                }
            }

            int[] assignment = HungarianAssignment.Solve(cost);
            AssertIsMatching(assignment, rows, cols);
            Assert.Equal(BruteForceMinimum(cost), HungarianAssignment.TotalCost(cost, assignment));
        }
    }

    [Fact]
    public void More_robots_than_orders_leaves_the_costliest_robot_out()
    {
        double[,] cost = { { 9 }, { 2 }, { 5 } };
        Assert.Equal([-1, 0, -1], HungarianAssignment.Solve(cost));
    }

    [Fact]
    public void Greedy_nearest_choice_is_beaten_where_it_is_not_optimal()
    {
        // Greedy gives robot 0 order 0 (cost 1) and robot 1 order 1 (cost 100): 101. Optimal: 2 + 3 = 5.
        double[,] cost = { { 1, 2 }, { 3, 100 } };
        Assert.Equal([1, 0], HungarianAssignment.Solve(cost));
    }

    [Fact]
    public void Non_finite_cost_is_rejected_naming_the_entry()
    {
        double[,] cost = { { 1, double.PositiveInfinity } };
        var e = Assert.Throws<ArgumentException>(() => HungarianAssignment.Solve(cost));
        Assert.Contains("cost[0,1]", e.Message, StringComparison.Ordinal);
    }

    private static void AssertIsMatching(int[] assignment, int rows, int cols)
    {
        Assert.Equal(rows, assignment.Length);
        var used = new HashSet<int>();
        int assigned = 0;
        foreach (int c in assignment)
        {
            if (c >= 0)
            {
                Assert.True(c < cols);
                Assert.True(used.Add(c), $"column {c} assigned twice");
                assigned++;
            }
        }

        Assert.Equal(Math.Min(rows, cols), assigned);
    }

    private static double BruteForceMinimum(double[,] cost)
    {
        int rows = cost.GetLength(0), cols = cost.GetLength(1);
        double best = double.PositiveInfinity;
        var used = new bool[cols];
        Recurse(0, 0, 0);
        return best;

        // Each row takes a free column or (when rows exceed columns) stays out, until min(rows, cols) are matched.
        void Recurse(int row, int matched, double total)
        {
            if (row == rows)
            {
                if (matched == Math.Min(rows, cols))
                {
                    best = Math.Min(best, total);
                }

                return;
            }

            for (int c = 0; c < cols; c++)
            {
                if (!used[c])
                {
                    used[c] = true;
                    Recurse(row + 1, matched + 1, total + cost[row, c]);
                    used[c] = false;
                }
            }

            if (rows > cols)
            {
                Recurse(row + 1, matched, total);
            }
        }
    }
}
