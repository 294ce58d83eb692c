using System.Runtime.CompilerServices;

namespace StrategicTech.Navigation.Numerics;

/// <summary>
/// A writable row-major view of a <see cref="Rows"/> x <see cref="Columns"/> matrix inside a span: element (i, j) is
/// <c>Data[i * Stride + j]</c>. A stride larger than the column count lets a leading block of a larger fixed-size
/// matrix (for example the 6 active states of a 7x7 covariance) be used without copying. The kernels in
/// <see cref="MatrixKernel"/>, <see cref="CovarianceUpdate"/> and <see cref="Cholesky"/> work on these views.
/// </summary>
public readonly ref struct MatrixSpan
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public MatrixSpan(Span<double> data, int rows, int columns, int stride)
    {
        MatrixShape.Validate(data.Length, rows, columns, stride);
        Data = data;
        Rows = rows;
        Columns = columns;
        Stride = stride;
    }

    /// <summary>A dense view (stride = columns).</summary>
    public MatrixSpan(Span<double> data, int rows, int columns)
        : this(data, rows, columns, columns)
    {
    }

    public Span<double> Data { get; }

    public int Rows { get; }

    public int Columns { get; }

    /// <summary>Distance in elements between the starts of consecutive rows.</summary>
    public int Stride { get; }

    public ref double this[int row, int column]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            MatrixShape.CheckIndex(row, column, Rows, Columns);
            return ref Data[(row * Stride) + column];
        }
    }

    /// <summary>The leading <paramref name="rows"/> x <paramref name="columns"/> block (same storage).</summary>
    public MatrixSpan Block(int rows, int columns)
    {
        MatrixShape.CheckBlock(rows, columns, Rows, Columns);
        return new(Data, rows, columns, Stride);
    }

    /// <summary>Sets every element of the view to zero (elements between rows, in the stride padding, are left alone).</summary>
    public void Clear()
    {
        for (int i = 0; i < Rows; i++)
        {
            Data.Slice(i * Stride, Columns).Clear();
        }
    }

    public static implicit operator ReadOnlyMatrixSpan(MatrixSpan m) => new(m.Data, m.Rows, m.Columns, m.Stride);
}

/// <summary>A read-only row-major matrix view; see <see cref="MatrixSpan"/>.</summary>
public readonly ref struct ReadOnlyMatrixSpan
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlyMatrixSpan(ReadOnlySpan<double> data, int rows, int columns, int stride)
    {
        MatrixShape.Validate(data.Length, rows, columns, stride);
        Data = data;
        Rows = rows;
        Columns = columns;
        Stride = stride;
    }

    /// <summary>A dense view (stride = columns).</summary>
    public ReadOnlyMatrixSpan(ReadOnlySpan<double> data, int rows, int columns)
        : this(data, rows, columns, columns)
    {
    }

    public ReadOnlySpan<double> Data { get; }

    public int Rows { get; }

    public int Columns { get; }

    public int Stride { get; }

    public double this[int row, int column]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            MatrixShape.CheckIndex(row, column, Rows, Columns);
            return Data[(row * Stride) + column];
        }
    }

    /// <summary>The leading <paramref name="rows"/> x <paramref name="columns"/> block (same storage).</summary>
    public ReadOnlyMatrixSpan Block(int rows, int columns)
    {
        MatrixShape.CheckBlock(rows, columns, Rows, Columns);
        return new(Data, rows, columns, Stride);
    }
}
