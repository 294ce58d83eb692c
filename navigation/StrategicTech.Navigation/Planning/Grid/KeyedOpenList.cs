using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace StrategicTech.Navigation.Planning.Grid;

/// <summary>
/// Indexed min-heap of (64-bit key, node) with decrease-key. One integer compare orders two entries (the caller
/// packs f and its tie-break into the key), an entry is 16 bytes, and each node's heap position lives in a compact
/// int array so heap moves touch little memory.
/// </summary>
internal sealed class KeyedOpenList
{
    private const int Arity = 4;
    private const int ArityLog2 = 2;

    private readonly Entry[] _entries;
    private readonly int[] _positions;
    private int _count;

    public KeyedOpenList(int capacity)
    {
        _entries = new Entry[Math.Max(1, capacity)];
        _positions = new int[capacity];
    }

    public int Count => _count;

    public void Clear() => _count = 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Push(ulong key, int node) => SiftUp(_count++, key, node);

    /// <summary>Lowers the key of a node already in the heap.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Decrease(ulong key, int node) =>
        SiftUp(Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_positions), node), key, node);

    /// <summary>
    /// Removes the least key and returns its node; <see cref="Count"/> must be &gt; 0. The popped node's position is
    /// left stale: the caller marks it closed in its own records and never decreases it again.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Pop(out ulong key)
    {
        ref Entry entries = ref MemoryMarshal.GetArrayDataReference(_entries);
        int top = entries.Node;
        key = entries.Key;
        int last = --_count;
        if (last > 0)
        {
            SiftDown(ref entries, ref MemoryMarshal.GetArrayDataReference(_positions), Unsafe.Add(ref entries, last), last);
        }

        return top;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void SiftUp(int hole, ulong key, int node)
    {
        ref Entry entries = ref MemoryMarshal.GetArrayDataReference(_entries);
        ref int positions = ref MemoryMarshal.GetArrayDataReference(_positions);
        while (hole > 0)
        {
            int parent = (hole - 1) >> ArityLog2;
            ref Entry p = ref Unsafe.Add(ref entries, parent);
            if (p.Key <= key)
            {
                break;
            }

            Unsafe.Add(ref entries, hole) = p;
            Unsafe.Add(ref positions, p.Node) = hole;
            hole = parent;
        }

        ref Entry h = ref Unsafe.Add(ref entries, hole);
        h.Key = key;
        h.Node = node;
        Unsafe.Add(ref positions, node) = hole;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SiftDown(ref Entry entries, ref int positions, Entry moving, int count)
    {
        int hole = 0;
        while (true)
        {
            int first = (hole << ArityLog2) + 1;
            if (first >= count)
            {
                break;
            }

            // Least of up to four children, which share a cache line or two.
            int best = first;
            ulong bestKey = Unsafe.Add(ref entries, first).Key;
            int end = Math.Min(first + Arity, count);
            for (int c = first + 1; c < end; c++)
            {
                ulong k = Unsafe.Add(ref entries, c).Key;
                if (k < bestKey)
                {
                    bestKey = k;
                    best = c;
                }
            }

            if (bestKey >= moving.Key)
            {
                break;
            }

            ref Entry b = ref Unsafe.Add(ref entries, best);
            Unsafe.Add(ref entries, hole) = b;
            Unsafe.Add(ref positions, b.Node) = hole;
            hole = best;
        }

        Unsafe.Add(ref entries, hole) = moving;
        Unsafe.Add(ref positions, moving.Node) = hole;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Entry
    {
        public ulong Key;
        public int Node;
    }
}
