using System.Runtime.CompilerServices;

namespace StrategicTech.Navigation.Planning.Grid;

/// <summary>
/// Division by the padded grid width with one multiply instead of an integer divide (Lemire, Kaser and Kurz,
/// "Faster remainder by direct computation", 2019: ⌊n/d⌋ = high64(M·n) with M = ⌊(2⁶⁴−1)/d⌋ + 1, exact for every
/// 32-bit n). Turns a cell index into its row once per expansion.
/// </summary>
internal readonly struct RowDivider
{
    private readonly ulong _multiplier;

    public RowDivider(int divisor) => _multiplier = (ulong.MaxValue / (ulong)divisor) + 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Divide(int index) => (int)Math.BigMul(_multiplier, (ulong)(uint)index, out _);
}
