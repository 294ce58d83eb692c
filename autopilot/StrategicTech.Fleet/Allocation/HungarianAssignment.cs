namespace StrategicTech.Fleet.Allocation;

/// <summary>
/// Minimum-cost assignment of rows (robots) to columns (orders) on a rectangular cost matrix: the Hungarian method
/// (Kuhn 1955, Munkres 1957) in its O(n²·m) shortest-augmenting-path form with row and column potentials. Every row
/// gets a column when rows ≤ columns, every column a row otherwise; the total cost is minimal over all such matchings.
/// </summary>
public static class HungarianAssignment
{
    /// <summary>Column assigned to each row, or -1 for a row left out (only when there are more rows than columns).</summary>
    public static int[] Solve(double[,] cost)
    {
        ArgumentNullException.ThrowIfNull(cost);
        int rows = cost.GetLength(0), cols = cost.GetLength(1);
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < cols; c++)
            {
                if (!double.IsFinite(cost[r, c]))
                {
                    throw new ArgumentException($"cost[{r},{c}] is {cost[r, c]}; use a large finite cost for an unwanted pair", nameof(cost));
                }
            }
        }

        if (rows == 0 || cols == 0)
        {
            return Enumerable.Repeat(-1, rows).ToArray();
        }

        if (rows <= cols)
        {
            return SolveWide(rows, cols, (r, c) => cost[r, c]);
        }

        // More robots than orders: assign orders to robots on the transpose, then invert.
        int[] rowOfCol = SolveWide(cols, rows, (r, c) => cost[c, r]);
        var colOfRow = Enumerable.Repeat(-1, rows).ToArray();
        for (int c = 0; c < cols; c++)
        {
            colOfRow[rowOfCol[c]] = c;
        }

        return colOfRow;
    }

    /// <summary>Sum of the assigned entries.</summary>
    public static double TotalCost(double[,] cost, int[] columnOfRow)
    {
        ArgumentNullException.ThrowIfNull(cost);
        ArgumentNullException.ThrowIfNull(columnOfRow);
        double total = 0;
        for (int r = 0; r < columnOfRow.Length; r++)
        {
            if (columnOfRow[r] >= 0)
            {
                total += cost[r, columnOfRow[r]];
            }
        }

        return total;
    }

    // rows <= cols. Arrays are 1-based with index 0 the virtual start column of each augmenting search.
    private static int[] SolveWide(int rows, int cols, Func<int, int, double> a)
    {
        var u = new double[rows + 1];
        var v = new double[cols + 1];
        var rowOfCol = new int[cols + 1];
        var way = new int[cols + 1];
        var minSlack = new double[cols + 1];
        var used = new bool[cols + 1];
        for (int i = 1; i <= rows; i++)
        {
            rowOfCol[0] = i;
            int j0 = 0;
            Array.Fill(minSlack, double.PositiveInfinity);
            Array.Clear(used);
            do
            {
                used[j0] = true;
                int i0 = rowOfCol[j0], j1 = 0;
                double delta = double.PositiveInfinity;
                for (int j = 1; j <= cols; j++)
                {
                    if (used[j])
                    {
                        continue;
                    }

                    double slack = a(i0 - 1, j - 1) - u[i0] - v[j];
                    if (slack < minSlack[j])
                    {
                        minSlack[j] = slack;
                        way[j] = j0;
                    }

                    if (minSlack[j] < delta)
                    {
                        delta = minSlack[j];
                        j1 = j;
                    }
                }

                for (int j = 0; j <= cols; j++)
                {
                    if (used[j])
                    {
                        u[rowOfCol[j]] += delta;
                        v[j] -= delta;
                    }
                    else
                    {
                        minSlack[j] -= delta;
                    }
                }

                j0 = j1;
            }
            while (rowOfCol[j0] != 0);

            // Flip the augmenting path back to the start column.
            do
            {
                int j1 = way[j0];
                rowOfCol[j0] = rowOfCol[j1];
                j0 = j1;
            }
            while (j0 != 0);
        }

        var result = Enumerable.Repeat(-1, rows).ToArray();
        for (int j = 1; j <= cols; j++)
        {
            if (rowOfCol[j] != 0)
            {
                result[rowOfCol[j] - 1] = j - 1;
            }
        }

        return result;
    }
}
