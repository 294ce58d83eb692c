using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace StrategicTech.Navigation.Planning.Grid;

/// <summary>
/// One orientation of the grid as bit rows (1 = passable), so a straight jump scans 63 cells per step with a
/// trailing-zero count (the block-based jump of Harabor and Grastien, 2014). Four instances (rows, mirrored rows,
/// columns, mirrored columns) turn west, north and south jumps into the same eastward scan.
/// </summary>
internal sealed class JumpBits
{
    private readonly ulong[] _words;
    private readonly int _stride;

    public JumpBits(byte[] passable, int paddedWidth, int paddedHeight, bool transpose, bool mirror)
    {
        int rows = transpose ? paddedWidth : paddedHeight;
        int length = transpose ? paddedHeight : paddedWidth;
        _stride = ((length + 63) >> 6) + 1; // one spare word so the unaligned 64-bit read never leaves the row
        _words = new ulong[rows * _stride];
        for (int r = 0; r < rows; r++)
        {
            for (int p = 0; p < length; p++)
            {
                int x = transpose ? r : p;
                int y = transpose ? p : r;
                if (passable[(y * paddedWidth) + x] == 0)
                {
                    continue;
                }

                int bit = mirror ? length - 1 - p : p;
                _words[(r * _stride) + (bit >> 6)] |= 1UL << (bit & 63);
            }
        }
    }

    /// <summary>
    /// Scans forward along <paramref name="row"/> from <paramref name="position"/> (exclusive) and returns the first
    /// jump point: a free cell whose neighbour in the row above or below is free while the one before it is blocked
    /// (the no-corner-cutting forced-neighbour rule), or <paramref name="goal"/> if it is reached first; -1 when a
    /// blocked cell ends the scan. Pass goal = -1 when the goal is not on this row.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Jump(int row, int position, int goal)
    {
        ref ulong words = ref MemoryMarshal.GetArrayDataReference(_words);
        int stride = _stride;
        ref ulong mid = ref Unsafe.Add(ref words, row * stride);
        ref ulong up = ref Unsafe.Add(ref mid, -stride);
        ref ulong down = ref Unsafe.Add(ref mid, stride);
        while (true)
        {
            int w = position >> 6;
            int s = position & 63;
            ulong m = Read(ref mid, w, s);
            ulong u = Read(ref up, w, s);
            ulong d = Read(ref down, w, s);
            ulong stop = ((u & ~(u << 1)) | (d & ~(d << 1)) | ~m) & ~1UL;
            if (stop != 0)
            {
                int k = BitOperations.TrailingZeroCount(stop);
                int hit = position + k;
                if (goal > position && goal <= hit)
                {
                    return goal;
                }

                return ((m >> k) & 1) != 0 ? hit : -1;
            }

            if (goal > position && goal <= position + 63)
            {
                return goal;
            }

            position += 63;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Read(ref ulong row, int word, int shift) =>
        (Unsafe.Add(ref row, word) >> shift) | ((Unsafe.Add(ref row, word + 1) << 1) << (63 - shift));
}
