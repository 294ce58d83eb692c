using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace StrategicTech.Navigation.Numerics;

/// <summary>Shape checks for the matrix kernels; the throws live here, out of the hot methods.</summary>
internal static class MatrixShape
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Validate(int length, int rows, int columns, int stride)
    {
        if (rows < 0 || columns < 0 || stride < columns || (rows > 0 && columns > 0 && ((long)(rows - 1) * stride) + columns > length))
        {
            ThrowShape(length, rows, columns, stride);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void CheckIndex(int row, int column, int rows, int columns)
    {
        if ((uint)row >= (uint)rows || (uint)column >= (uint)columns)
        {
            ThrowIndex(row, column, rows, columns);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void CheckBlock(int rows, int columns, int maxRows, int maxColumns)
    {
        if ((uint)rows > (uint)maxRows || (uint)columns > (uint)maxColumns)
        {
            ThrowDimensions("block", rows, columns, maxRows, maxColumns);
        }
    }

    /// <summary>Throws unless the operand is <paramref name="rows"/> x <paramref name="columns"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Require(string operand, int actualRows, int actualColumns, int rows, int columns)
    {
        if (actualRows != rows || actualColumns != columns)
        {
            ThrowDimensions(operand, actualRows, actualColumns, rows, columns);
        }
    }

    [DoesNotReturn]
    private static void ThrowShape(int length, int rows, int columns, int stride) =>
        throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
            $"a {rows}x{columns} matrix with row stride {stride} does not fit in {length} elements (need rows, columns ≥ 0 and stride ≥ columns)"));

    [DoesNotReturn]
    private static void ThrowIndex(int row, int column, int rows, int columns) =>
        throw new ArgumentOutOfRangeException(nameof(row), string.Create(CultureInfo.InvariantCulture,
            $"element ({row}, {column}) is outside a {rows}x{columns} matrix"));

    [DoesNotReturn]
    private static void ThrowDimensions(string operand, int actualRows, int actualColumns, int rows, int columns) =>
        throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
            $"{operand} is {actualRows}x{actualColumns}, expected {rows}x{columns}"), operand);
}
