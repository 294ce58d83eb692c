using System.Runtime.CompilerServices;

namespace StrategicTech.Navigation.Numerics;

/// <summary>
/// Dense arithmetic on small row-major matrix views (<see cref="MatrixSpan"/>), sized for estimators: plain loops,
/// no allocation, inner products summed in index order so results are reproducible bit for bit. Dimensions are
/// checked (an <see cref="ArgumentException"/> names the operand); outputs must not overlap inputs unless stated.
/// Vectors are spans of their elements.
/// </summary>
public static class MatrixKernel
{
    /// <summary>c = a·b: a is r x n, b is n x k, c is r x k.</summary>
    public static void Multiply(ReadOnlyMatrixSpan a, ReadOnlyMatrixSpan b, MatrixSpan c)
    {
        MatrixShape.Require(nameof(b), b.Rows, b.Columns, a.Columns, b.Columns);
        MatrixShape.Require(nameof(c), c.Rows, c.Columns, a.Rows, b.Columns);
        ReadOnlySpan<double> ad = a.Data, bd = b.Data;
        Span<double> cd = c.Data;
        int n = a.Columns, rows = c.Rows, columns = c.Columns, sa = a.Stride, sb = b.Stride, sc = c.Stride;
        for (int i = 0; i < rows; i++)
        {
            int ai = i * sa;
            for (int j = 0; j < columns; j++)
            {
                double sum = 0;
                for (int t = 0; t < n; t++)
                {
                    sum += ad[ai + t] * bd[(t * sb) + j];
                }

                cd[(i * sc) + j] = sum;
            }
        }
    }

    /// <summary>c = a·bᵀ: a is r x n, b is k x n, c is r x k.</summary>
    public static void MultiplyTransposed(ReadOnlyMatrixSpan a, ReadOnlyMatrixSpan b, MatrixSpan c)
    {
        c.Clear();
        MultiplyTransposedAdd(a, b, c);
    }

    /// <summary>c += a·bᵀ, each element starting from its value in c: a is r x n, b is k x n, c is r x k.</summary>
    public static void MultiplyTransposedAdd(ReadOnlyMatrixSpan a, ReadOnlyMatrixSpan b, MatrixSpan c)
    {
        MatrixShape.Require(nameof(b), b.Rows, b.Columns, b.Rows, a.Columns);
        MatrixShape.Require(nameof(c), c.Rows, c.Columns, a.Rows, b.Rows);
        ReadOnlySpan<double> ad = a.Data, bd = b.Data;
        Span<double> cd = c.Data;
        int n = a.Columns, rows = c.Rows, columns = c.Columns, sa = a.Stride, sb = b.Stride, sc = c.Stride;
        for (int i = 0; i < rows; i++)
        {
            int ai = i * sa;
            for (int j = 0; j < columns; j++)
            {
                int bj = j * sb;
                double sum = cd[(i * sc) + j];
                for (int t = 0; t < n; t++)
                {
                    sum += ad[ai + t] * bd[bj + t];
                }

                cd[(i * sc) + j] = sum;
            }
        }
    }

    /// <summary>c = aᵀ·b: a is n x r, b is n x k, c is r x k.</summary>
    public static void TransposeMultiply(ReadOnlyMatrixSpan a, ReadOnlyMatrixSpan b, MatrixSpan c)
    {
        MatrixShape.Require(nameof(b), b.Rows, b.Columns, a.Rows, b.Columns);
        MatrixShape.Require(nameof(c), c.Rows, c.Columns, a.Columns, b.Columns);
        ReadOnlySpan<double> ad = a.Data, bd = b.Data;
        Span<double> cd = c.Data;
        int n = a.Rows, rows = c.Rows, columns = c.Columns, sa = a.Stride, sb = b.Stride, sc = c.Stride;
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < columns; j++)
            {
                double sum = 0;
                for (int t = 0; t < n; t++)
                {
                    sum += ad[(t * sa) + i] * bd[(t * sb) + j];
                }

                cd[(i * sc) + j] = sum;
            }
        }
    }

    /// <summary>y = a·x: a is r x n, x has n elements, y has r.</summary>
    public static void Multiply(ReadOnlyMatrixSpan a, ReadOnlySpan<double> x, Span<double> y)
    {
        MatrixShape.Require(nameof(x), x.Length, 1, a.Columns, 1);
        MatrixShape.Require(nameof(y), y.Length, 1, a.Rows, 1);
        ReadOnlySpan<double> ad = a.Data;
        for (int i = 0; i < a.Rows; i++)
        {
            double sum = 0;
            int ai = i * a.Stride;
            for (int t = 0; t < x.Length; t++)
            {
                sum += ad[ai + t] * x[t];
            }

            y[i] = sum;
        }
    }

    /// <summary>c = a + b (c may be a or b).</summary>
    public static void Add(ReadOnlyMatrixSpan a, ReadOnlyMatrixSpan b, MatrixSpan c) => Combine(a, b, 1, c);

    /// <summary>c = a − b (c may be a or b).</summary>
    public static void Subtract(ReadOnlyMatrixSpan a, ReadOnlyMatrixSpan b, MatrixSpan c) => Combine(a, b, -1, c);

    /// <summary>c = a + s·b (c may be a or b).</summary>
    public static void AddScaled(ReadOnlyMatrixSpan a, double s, ReadOnlyMatrixSpan b, MatrixSpan c) => Combine(a, b, s, c);

    /// <summary>c = s·a (c may be a).</summary>
    public static void Scale(ReadOnlyMatrixSpan a, double s, MatrixSpan c)
    {
        MatrixShape.Require(nameof(c), c.Rows, c.Columns, a.Rows, a.Columns);
        for (int i = 0; i < a.Rows; i++)
        {
            for (int j = 0; j < a.Columns; j++)
            {
                c.Data[(i * c.Stride) + j] = s * a.Data[(i * a.Stride) + j];
            }
        }
    }

    /// <summary>c = aᵀ: a is r x k, c is k x r (c must not be a).</summary>
    public static void Transpose(ReadOnlyMatrixSpan a, MatrixSpan c)
    {
        MatrixShape.Require(nameof(c), c.Rows, c.Columns, a.Columns, a.Rows);
        for (int i = 0; i < a.Rows; i++)
        {
            for (int j = 0; j < a.Columns; j++)
            {
                c.Data[(j * c.Stride) + i] = a.Data[(i * a.Stride) + j];
            }
        }
    }

    /// <summary>Sets a square view to the identity.</summary>
    public static void SetIdentity(MatrixSpan c)
    {
        MatrixShape.Require(nameof(c), c.Rows, c.Columns, c.Rows, c.Rows);
        c.Clear();
        for (int i = 0; i < c.Rows; i++)
        {
            c.Data[(i * c.Stride) + i] = 1;
        }
    }

    /// <summary>Copies a into c (same shape; strides may differ).</summary>
    public static void Copy(ReadOnlyMatrixSpan a, MatrixSpan c)
    {
        MatrixShape.Require(nameof(c), c.Rows, c.Columns, a.Rows, a.Columns);
        for (int i = 0; i < a.Rows; i++)
        {
            a.Data.Slice(i * a.Stride, a.Columns).CopyTo(c.Data.Slice(i * c.Stride, a.Columns));
        }
    }

    /// <summary>Replaces each off-diagonal pair of a square view by its mean, making it exactly symmetric.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Symmetrize(MatrixSpan p)
    {
        MatrixShape.Require(nameof(p), p.Rows, p.Columns, p.Rows, p.Rows);
        Span<double> d = p.Data;
        int stride = p.Stride, n = p.Rows;
        for (int i = 0; i < n; i++)
        {
            for (int j = i + 1; j < n; j++)
            {
                double mean = 0.5 * (d[(i * stride) + j] + d[(j * stride) + i]);
                d[(i * stride) + j] = mean;
                d[(j * stride) + i] = mean;
            }
        }
    }

    /// <summary>Largest |a(i,j) − a(j,i)| of a square view (0 for an exactly symmetric matrix).</summary>
    public static double Asymmetry(ReadOnlyMatrixSpan a)
    {
        MatrixShape.Require(nameof(a), a.Rows, a.Columns, a.Rows, a.Rows);
        double worst = 0;
        for (int i = 0; i < a.Rows; i++)
        {
            for (int j = i + 1; j < a.Rows; j++)
            {
                worst = Math.Max(worst, Math.Abs(a.Data[(i * a.Stride) + j] - a.Data[(j * a.Stride) + i]));
            }
        }

        return worst;
    }

    private static void Combine(ReadOnlyMatrixSpan a, ReadOnlyMatrixSpan b, double s, MatrixSpan c)
    {
        MatrixShape.Require(nameof(b), b.Rows, b.Columns, a.Rows, a.Columns);
        MatrixShape.Require(nameof(c), c.Rows, c.Columns, a.Rows, a.Columns);
        for (int i = 0; i < a.Rows; i++)
        {
            for (int j = 0; j < a.Columns; j++)
            {
                c.Data[(i * c.Stride) + j] = a.Data[(i * a.Stride) + j] + (s * b.Data[(i * b.Stride) + j]);
            }
        }
    }
}
