namespace StrategicTech.Navigation.Estimation.Amr;

/// <summary>
/// The few dense-matrix kernels the AMR filter needs, on row-major spans with a fixed row stride. Private to the
/// AMR estimator (the UAV filter has its own); sizes are at most 7x7, so plain loops beat anything clever.
/// </summary>
internal static class AmrMatrix
{
    /// <summary>c (r x k) = a (r x n) * b (n x k); all with row stride <paramref name="stride"/>.</summary>
    public static void Multiply(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c, int r, int n, int k, int stride)
    {
        for (int i = 0; i < r; i++)
        {
            for (int j = 0; j < k; j++)
            {
                double sum = 0;
                for (int t = 0; t < n; t++)
                {
                    sum += a[(i * stride) + t] * b[(t * stride) + j];
                }

                c[(i * stride) + j] = sum;
            }
        }
    }

    /// <summary>Makes the leading n x n block exactly symmetric.</summary>
    public static void Symmetrize(Span<double> p, int n, int stride)
    {
        for (int i = 0; i < n; i++)
        {
            for (int j = i + 1; j < n; j++)
            {
                double mean = 0.5 * (p[(i * stride) + j] + p[(j * stride) + i]);
                p[(i * stride) + j] = mean;
                p[(j * stride) + i] = mean;
            }
        }
    }

    /// <summary>Cholesky factor (lower, m x m, stride m) of a symmetric matrix; false when it is not positive definite.</summary>
    public static bool Cholesky(ReadOnlySpan<double> s, Span<double> l, int m)
    {
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double sum = s[(i * m) + j];
                for (int t = 0; t < j; t++)
                {
                    sum -= l[(i * m) + t] * l[(j * m) + t];
                }

                if (i == j)
                {
                    if (!(sum > 0) || !double.IsFinite(sum))
                    {
                        return false;
                    }

                    l[(i * m) + i] = Math.Sqrt(sum);
                }
                else
                {
                    l[(i * m) + j] = sum / l[(j * m) + j];
                }
            }

            for (int j = i + 1; j < m; j++)
            {
                l[(i * m) + j] = 0;
            }
        }

        return true;
    }

    /// <summary>Solves L L^T x = b in place (b of length m) given the Cholesky factor.</summary>
    public static void CholeskySolve(ReadOnlySpan<double> l, Span<double> b, int m)
    {
        for (int i = 0; i < m; i++)
        {
            double sum = b[i];
            for (int t = 0; t < i; t++)
            {
                sum -= l[(i * m) + t] * b[t];
            }

            b[i] = sum / l[(i * m) + i];
        }

        for (int i = m - 1; i >= 0; i--)
        {
            double sum = b[i];
            for (int t = i + 1; t < m; t++)
            {
                sum -= l[(t * m) + i] * b[t];
            }

            b[i] = sum / l[(i * m) + i];
        }
    }
}
