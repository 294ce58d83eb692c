using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace StrategicTech.Navigation.Numerics;

// Fixed-size matrices stored inline ([InlineArray]), row-major: element (i, j) is m[i * Columns + j]. No heap, no
// allocation. AsSpan() gives the whole matrix as a MatrixSpan for the kernels; Block(r, c) the leading r x c block
// at the full row stride, which is how a filter with fewer active states (or fewer measurements) uses the storage.

/// <summary>2x2 doubles inline, row-major: a 2x2 covariance.</summary>
[InlineArray(Rows * Columns)]
public struct Matrix2x2
{
    public const int Rows = 2;

    public const int Columns = 2;

    private double _element0;

    /// <summary>The whole matrix as a view.</summary>
    [UnscopedRef]
    public MatrixSpan AsSpan() => new(this, Rows, Columns);

    /// <summary>The whole matrix as a read-only view.</summary>
    [UnscopedRef]
    public readonly ReadOnlyMatrixSpan AsReadOnlySpan() => new(this, Rows, Columns);

    /// <summary>The leading <paramref name="rows"/> x <paramref name="columns"/> block, row stride 2.</summary>
    [UnscopedRef]
    public MatrixSpan Block(int rows, int columns) => new(this, rows, columns, Columns);

    /// <summary>The leading block as a read-only view.</summary>
    [UnscopedRef]
    public readonly ReadOnlyMatrixSpan ReadOnlyBlock(int rows, int columns) => new(this, rows, columns, Columns);

    /// <summary>The identity matrix.</summary>
    public static Matrix2x2 Identity
    {
        get
        {
            Matrix2x2 m = default;
            MatrixKernel.SetIdentity(m.AsSpan());
            return m;
        }
    }
}

/// <summary>3x3 doubles inline, row-major: a measurement covariance S or R of up to three measurements, or its factor.</summary>
[InlineArray(Rows * Columns)]
public struct Matrix3x3
{
    public const int Rows = 3;

    public const int Columns = 3;

    private double _element0;

    /// <summary>The whole matrix as a view.</summary>
    [UnscopedRef]
    public MatrixSpan AsSpan() => new(this, Rows, Columns);

    /// <summary>The whole matrix as a read-only view.</summary>
    [UnscopedRef]
    public readonly ReadOnlyMatrixSpan AsReadOnlySpan() => new(this, Rows, Columns);

    /// <summary>The leading <paramref name="rows"/> x <paramref name="columns"/> block, row stride 3.</summary>
    [UnscopedRef]
    public MatrixSpan Block(int rows, int columns) => new(this, rows, columns, Columns);

    /// <summary>The leading block as a read-only view.</summary>
    [UnscopedRef]
    public readonly ReadOnlyMatrixSpan ReadOnlyBlock(int rows, int columns) => new(this, rows, columns, Columns);

    /// <summary>The identity matrix.</summary>
    public static Matrix3x3 Identity
    {
        get
        {
            Matrix3x3 m = default;
            MatrixKernel.SetIdentity(m.AsSpan());
            return m;
        }
    }
}

/// <summary>3x7 doubles inline, row-major: an observation matrix H or H·P of up to three AMR measurements.</summary>
[InlineArray(Rows * Columns)]
public struct Matrix3x7
{
    public const int Rows = 3;

    public const int Columns = 7;

    private double _element0;

    /// <summary>The whole matrix as a view.</summary>
    [UnscopedRef]
    public MatrixSpan AsSpan() => new(this, Rows, Columns);

    /// <summary>The whole matrix as a read-only view.</summary>
    [UnscopedRef]
    public readonly ReadOnlyMatrixSpan AsReadOnlySpan() => new(this, Rows, Columns);

    /// <summary>The leading <paramref name="rows"/> x <paramref name="columns"/> block, row stride 7.</summary>
    [UnscopedRef]
    public MatrixSpan Block(int rows, int columns) => new(this, rows, columns, Columns);

    /// <summary>The leading block as a read-only view.</summary>
    [UnscopedRef]
    public readonly ReadOnlyMatrixSpan ReadOnlyBlock(int rows, int columns) => new(this, rows, columns, Columns);
}

/// <summary>7x3 doubles inline, row-major: an AMR Kalman gain K (7 states x up to 3 measurements).</summary>
[InlineArray(Rows * Columns)]
public struct Matrix7x3
{
    public const int Rows = 7;

    public const int Columns = 3;

    private double _element0;

    /// <summary>The whole matrix as a view.</summary>
    [UnscopedRef]
    public MatrixSpan AsSpan() => new(this, Rows, Columns);

    /// <summary>The whole matrix as a read-only view.</summary>
    [UnscopedRef]
    public readonly ReadOnlyMatrixSpan AsReadOnlySpan() => new(this, Rows, Columns);

    /// <summary>The leading <paramref name="rows"/> x <paramref name="columns"/> block, row stride 3.</summary>
    [UnscopedRef]
    public MatrixSpan Block(int rows, int columns) => new(this, rows, columns, Columns);

    /// <summary>The leading block as a read-only view.</summary>
    [UnscopedRef]
    public readonly ReadOnlyMatrixSpan ReadOnlyBlock(int rows, int columns) => new(this, rows, columns, Columns);
}

/// <summary>7x7 doubles inline, row-major: the AMR covariance (6 or 7 active states).</summary>
[InlineArray(Rows * Columns)]
public struct Matrix7x7
{
    public const int Rows = 7;

    public const int Columns = 7;

    private double _element0;

    /// <summary>The whole matrix as a view.</summary>
    [UnscopedRef]
    public MatrixSpan AsSpan() => new(this, Rows, Columns);

    /// <summary>The whole matrix as a read-only view.</summary>
    [UnscopedRef]
    public readonly ReadOnlyMatrixSpan AsReadOnlySpan() => new(this, Rows, Columns);

    /// <summary>The leading <paramref name="rows"/> x <paramref name="columns"/> block, row stride 7.</summary>
    [UnscopedRef]
    public MatrixSpan Block(int rows, int columns) => new(this, rows, columns, Columns);

    /// <summary>The leading block as a read-only view.</summary>
    [UnscopedRef]
    public readonly ReadOnlyMatrixSpan ReadOnlyBlock(int rows, int columns) => new(this, rows, columns, Columns);

    /// <summary>The identity matrix.</summary>
    public static Matrix7x7 Identity
    {
        get
        {
            Matrix7x7 m = default;
            MatrixKernel.SetIdentity(m.AsSpan());
            return m;
        }
    }
}

/// <summary>24x24 doubles inline, row-major: a UAV error covariance: 23 states at row stride 24, the layout of UavFilterCore.</summary>
[InlineArray(Rows * Columns)]
public struct Matrix24x24
{
    public const int Rows = 24;

    public const int Columns = 24;

    private double _element0;

    /// <summary>The whole matrix as a view.</summary>
    [UnscopedRef]
    public MatrixSpan AsSpan() => new(this, Rows, Columns);

    /// <summary>The whole matrix as a read-only view.</summary>
    [UnscopedRef]
    public readonly ReadOnlyMatrixSpan AsReadOnlySpan() => new(this, Rows, Columns);

    /// <summary>The leading <paramref name="rows"/> x <paramref name="columns"/> block, row stride 24.</summary>
    [UnscopedRef]
    public MatrixSpan Block(int rows, int columns) => new(this, rows, columns, Columns);

    /// <summary>The leading block as a read-only view.</summary>
    [UnscopedRef]
    public readonly ReadOnlyMatrixSpan ReadOnlyBlock(int rows, int columns) => new(this, rows, columns, Columns);

    /// <summary>The identity matrix.</summary>
    public static Matrix24x24 Identity
    {
        get
        {
            Matrix24x24 m = default;
            MatrixKernel.SetIdentity(m.AsSpan());
            return m;
        }
    }
}
