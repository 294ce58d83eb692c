namespace StrategicTech.Navigation.Calibration;

/// <summary>
/// Least squares for a handful of unknowns: accumulate the normal equations (AᵀA, Aᵀb) row by row, then solve them by
/// Gaussian elimination with partial pivoting. Enough for the 4- and 9-parameter fits here, where the data are first
/// centred and scaled to unit size so the normal equations stay well conditioned.
/// </summary>
internal static class SmallLinearSystem
{
    public const int MaxUnknowns = 9;

    /// <summary>Adds one equation row·x = rhs to the normal equations (n×n row-major <paramref name="normal"/>).</summary>
    public static void Accumulate(Span<double> normal, Span<double> rhs, ReadOnlySpan<double> row, double value)
    {
        int n = row.Length;
        for (int i = 0; i < n; i++)
        {
            rhs[i] += row[i] * value;
            for (int j = 0; j < n; j++)
            {
                normal[(i * n) + j] += row[i] * row[j];
            }
        }
    }

    /// <summary>Solves a·x = b in place (x returned in <paramref name="b"/>); false when singular.</summary>
    public static bool Solve(Span<double> a, Span<double> b)
    {
        int n = b.Length;
        double scale = 0;
        for (int i = 0; i < n * n; i++)
        {
            scale = Math.Max(scale, Math.Abs(a[i]));
        }

        double tiny = scale * 1e-13;
        for (int col = 0; col < n; col++)
        {
            int pivot = col;
            for (int row = col + 1; row < n; row++)
            {
                if (Math.Abs(a[(row * n) + col]) > Math.Abs(a[(pivot * n) + col]))
                {
                    pivot = row;
                }
            }

            if (!(Math.Abs(a[(pivot * n) + col]) > tiny))
            {
                return false;
            }

            if (pivot != col)
            {
                for (int k = 0; k < n; k++)
                {
                    (a[(col * n) + k], a[(pivot * n) + k]) = (a[(pivot * n) + k], a[(col * n) + k]);
                }

                (b[col], b[pivot]) = (b[pivot], b[col]);
            }

            for (int row = col + 1; row < n; row++)
            {
                double factor = a[(row * n) + col] / a[(col * n) + col];
                for (int k = col; k < n; k++)
                {
                    a[(row * n) + k] -= factor * a[(col * n) + k];
                }

                b[row] -= factor * b[col];
            }
        }

        for (int row = n - 1; row >= 0; row--)
        {
            double sum = b[row];
            for (int k = row + 1; k < n; k++)
            {
                sum -= a[(row * n) + k] * b[k];
            }

            b[row] = sum / a[(row * n) + row];
        }

        return true;
    }
}
