namespace StrategicTech.Autopilot.Control.Allocation;

/// <summary>Moore–Penrose pseudo-inverse of a full-row-rank matrix, Bᵀ(BBᵀ)⁻¹. Start-up only (allocates).</summary>
public static class Pseudoinverse
{
    /// <summary>Returns the n×m pseudo-inverse of the m×n matrix <paramref name="b"/> (m ≤ n, rank m), or throws naming the problem.</summary>
    public static double[,] OfFullRowRank(double[,] b, string owner)
    {
        ArgumentNullException.ThrowIfNull(b);
        int m = b.GetLength(0), n = b.GetLength(1);
        var gram = new double[m, m];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < m; j++)
            {
                double s = 0;
                for (int k = 0; k < n; k++)
                {
                    s += b[i, k] * b[j, k];
                }

                gram[i, j] = s;
            }
        }

        double[,] gramInverse = Invert(gram, owner);
        var result = new double[n, m];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < m; j++)
            {
                double s = 0;
                for (int k = 0; k < m; k++)
                {
                    s += b[k, i] * gramInverse[k, j];
                }

                result[i, j] = s;
            }
        }

        return result;
    }

    private static double[,] Invert(double[,] a, string owner)
    {
        int m = a.GetLength(0);
        var work = (double[,])a.Clone();
        var inverse = new double[m, m];
        double scale = 0;
        for (int i = 0; i < m; i++)
        {
            inverse[i, i] = 1;
            scale = Math.Max(scale, Math.Abs(a[i, i]));
        }

        for (int column = 0; column < m; column++)
        {
            int pivot = column;
            for (int r = column + 1; r < m; r++)
            {
                if (Math.Abs(work[r, column]) > Math.Abs(work[pivot, column]))
                {
                    pivot = r;
                }
            }

            if (!(Math.Abs(work[pivot, column]) > 1e-10 * Math.Max(scale, 1e-300)))
            {
                throw new ArgumentException(
                    $"{owner}: the effectiveness matrix is rank deficient (axis {column} cannot be controlled independently)");
            }

            SwapRows(work, pivot, column);
            SwapRows(inverse, pivot, column);
            double d = work[column, column];
            for (int c = 0; c < m; c++)
            {
                work[column, c] /= d;
                inverse[column, c] /= d;
            }

            for (int r = 0; r < m; r++)
            {
                if (r == column)
                {
                    continue;
                }

                double f = work[r, column];
                for (int c = 0; c < m; c++)
                {
                    work[r, c] -= f * work[column, c];
                    inverse[r, c] -= f * inverse[column, c];
                }
            }
        }

        return inverse;
    }

    private static void SwapRows(double[,] a, int r1, int r2)
    {
        if (r1 == r2)
        {
            return;
        }

        for (int c = 0; c < a.GetLength(1); c++)
        {
            (a[r1, c], a[r2, c]) = (a[r2, c], a[r1, c]);
        }
    }
}
