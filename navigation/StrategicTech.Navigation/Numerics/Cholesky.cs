using System.Runtime.CompilerServices;

namespace StrategicTech.Navigation.Numerics;

/// <summary>
/// Factorisations and solves of small symmetric positive-definite matrices (innovation covariances, Gram matrices):
/// Cholesky A = L·Lᵀ, the square-root-free A = L·D·Lᵀ (unit lower L, diagonal D), and the SPD inverse. Only the
/// lower triangle of A is read. Factorisations return false, leaving the output unspecified, when A is not
/// positive definite or holds NaN/infinity, so a filter can reject the measurement instead of fusing garbage.
/// </summary>
public static class Cholesky
{
    /// <summary>Lower-triangular L with A = L·Lᵀ (upper triangle of L set to zero). A and L are m x m.</summary>
    public static bool Factor(ReadOnlyMatrixSpan a, MatrixSpan l)
    {
        MatrixShape.Require(nameof(a), a.Rows, a.Columns, a.Rows, a.Rows);
        MatrixShape.Require(nameof(l), l.Rows, l.Columns, a.Rows, a.Rows);
        int m = a.Rows;
        ReadOnlySpan<double> ad = a.Data;
        Span<double> ld = l.Data;
        int sa = a.Stride, sl = l.Stride;
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double sum = ad[(i * sa) + j];
                for (int t = 0; t < j; t++)
                {
                    sum -= ld[(i * sl) + t] * ld[(j * sl) + t];
                }

                if (i == j)
                {
                    if (!(sum > 0) || !double.IsFinite(sum))
                    {
                        return false;
                    }

                    ld[(i * sl) + i] = Math.Sqrt(sum);
                }
                else
                {
                    ld[(i * sl) + j] = sum / ld[(j * sl) + j];
                }
            }

            for (int j = i + 1; j < m; j++)
            {
                ld[(i * sl) + j] = 0;
            }
        }

        return true;
    }

    /// <summary>Solves L·Lᵀ·x = b in place (b becomes x) given the factor from <see cref="Factor"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Solve(ReadOnlyMatrixSpan l, Span<double> b)
    {
        int m = l.Rows;
        MatrixShape.Require(nameof(b), b.Length, 1, m, 1);
        ReadOnlySpan<double> ld = l.Data;
        int sl = l.Stride;
        for (int i = 0; i < m; i++)
        {
            double sum = b[i];
            for (int t = 0; t < i; t++)
            {
                sum -= ld[(i * sl) + t] * b[t];
            }

            b[i] = sum / ld[(i * sl) + i];
        }

        for (int i = m - 1; i >= 0; i--)
        {
            double sum = b[i];
            for (int t = i + 1; t < m; t++)
            {
                sum -= ld[(t * sl) + i] * b[t];
            }

            b[i] = sum / ld[(i * sl) + i];
        }
    }

    /// <summary>
    /// A = L·D·Lᵀ with L unit lower-triangular (diagonal 1, upper zero) and D in <paramref name="d"/>; no square roots,
    /// so it also serves covariances whose pivots span many decades. False unless every pivot is positive and finite.
    /// </summary>
    public static bool FactorLdl(ReadOnlyMatrixSpan a, MatrixSpan l, Span<double> d)
    {
        MatrixShape.Require(nameof(a), a.Rows, a.Columns, a.Rows, a.Rows);
        MatrixShape.Require(nameof(l), l.Rows, l.Columns, a.Rows, a.Rows);
        MatrixShape.Require(nameof(d), d.Length, 1, a.Rows, 1);
        int m = a.Rows;
        ReadOnlySpan<double> ad = a.Data;
        Span<double> ld = l.Data;
        int sa = a.Stride, sl = l.Stride;
        for (int j = 0; j < m; j++)
        {
            double pivot = ad[(j * sa) + j];
            for (int t = 0; t < j; t++)
            {
                double ljt = ld[(j * sl) + t];
                pivot -= ljt * ljt * d[t];
            }

            if (!(pivot > 0) || !double.IsFinite(pivot))
            {
                return false;
            }

            d[j] = pivot;
            ld[(j * sl) + j] = 1;
            for (int c = j + 1; c < m; c++)
            {
                ld[(j * sl) + c] = 0;
            }

            for (int i = j + 1; i < m; i++)
            {
                double sum = ad[(i * sa) + j];
                for (int t = 0; t < j; t++)
                {
                    sum -= ld[(i * sl) + t] * ld[(j * sl) + t] * d[t];
                }

                ld[(i * sl) + j] = sum / pivot;
            }
        }

        return true;
    }

    /// <summary>Solves L·D·Lᵀ·x = b in place given the factors from <see cref="FactorLdl"/>.</summary>
    public static void SolveLdl(ReadOnlyMatrixSpan l, ReadOnlySpan<double> d, Span<double> b)
    {
        int m = l.Rows;
        MatrixShape.Require(nameof(b), b.Length, 1, m, 1);
        MatrixShape.Require(nameof(d), d.Length, 1, m, 1);
        ReadOnlySpan<double> ld = l.Data;
        int sl = l.Stride;
        for (int i = 0; i < m; i++)
        {
            double sum = b[i];
            for (int t = 0; t < i; t++)
            {
                sum -= ld[(i * sl) + t] * b[t];
            }

            b[i] = sum;
        }

        for (int i = 0; i < m; i++)
        {
            b[i] /= d[i];
        }

        for (int i = m - 1; i >= 0; i--)
        {
            double sum = b[i];
            for (int t = i + 1; t < m; t++)
            {
                sum -= ld[(t * sl) + i] * b[t];
            }

            b[i] = sum;
        }
    }

    /// <summary>
    /// Inverse of an SPD matrix through its Cholesky factor (written to <paramref name="factor"/>, m x m scratch);
    /// the result is exactly symmetric. False when A is not positive definite.
    /// </summary>
    public static bool InvertSpd(ReadOnlyMatrixSpan a, MatrixSpan inverse, MatrixSpan factor)
    {
        MatrixShape.Require(nameof(inverse), inverse.Rows, inverse.Columns, a.Rows, a.Rows);
        int m = a.Rows;
        if (m > MaxStackColumn)
        {
            ThrowTooLarge(m);
        }

        if (!Factor(a, factor))
        {
            return false;
        }

        Span<double> x = stackalloc double[MaxStackColumn];
        x = x[..m];
        for (int j = 0; j < m; j++)
        {
            x.Clear();
            x[j] = 1;
            Solve(factor, x);
            for (int i = 0; i < m; i++)
            {
                inverse.Data[(i * inverse.Stride) + j] = x[i];
            }
        }

        MatrixKernel.Symmetrize(inverse);
        return true;
    }

    /// <summary>Largest matrix <see cref="InvertSpd"/> handles (its column buffer lives on the stack).</summary>
    public const int MaxStackColumn = 32;

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void ThrowTooLarge(int m) =>
        throw new ArgumentException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"InvertSpd handles at most {MaxStackColumn}x{MaxStackColumn}, got {m}x{m}"), "a");
}
