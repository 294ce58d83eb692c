using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace StrategicTech.Navigation.Planning.Grid;

/// <summary>
/// Indexed binary min-heap on f with ties broken toward larger g (deeper nodes first, which on grids with many
/// equal-f nodes cuts expansions sharply). Entries carry f and g so comparisons never touch the node array;
/// each node's heap position is kept in <see cref="Positions"/> (a compact int per cell, so heap moves touch little
/// memory) for O(log n) decrease-key.
/// </summary>
internal sealed class OpenList
{
    private readonly Entry[] _entries;
    private readonly int[] _positions;
    private int _count;

    public OpenList(int capacity)
    {
        _positions = new int[capacity];
        _entries = new Entry[capacity + 1];
    }

    /// <summary>Heap position per cell: ≥ 0 open, <see cref="SearchNode.Closed"/> after it was popped. Valid only for nodes stamped this query.</summary>
    public int[] Positions => _positions;

    public int Count => _count;

    /// <summary>The least f in the heap (the next <see cref="Pop"/>); valid only when <see cref="Count"/> &gt; 0.</summary>
    public double MinF => _entries[0].F;

    public void Clear() => _count = 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Push(int node, double f, double g)
    {
        int hole = _count++;
        SiftUp(hole, new Entry(f, g, node));
    }

    /// <summary>Lowers the key of a node already in the heap.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Decrease(int node, double f, double g)
    {
        int hole = Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_positions), node);
        SiftUp(hole, new Entry(f, g, node));
    }

    /// <summary>Removes and returns the node with the least f (largest g among equals).</summary>
    public int Pop()
    {
        ref Entry entries = ref MemoryMarshal.GetArrayDataReference(_entries);
        ref int positions = ref MemoryMarshal.GetArrayDataReference(_positions);
        int top = entries.Node;
        Unsafe.Add(ref positions, top) = SearchNode.Closed;
        int last = --_count;
        if (last == 0)
        {
            return top;
        }

        Entry moving = Unsafe.Add(ref entries, last);
        int hole = 0;
        while (true)
        {
            int child = (hole << 1) + 1;
            if (child >= last)
            {
                break;
            }

            ref Entry c = ref Unsafe.Add(ref entries, child);
            if (child + 1 < last && Before(Unsafe.Add(ref entries, child + 1), c))
            {
                child++;
                c = ref Unsafe.Add(ref entries, child);
            }

            if (!Before(c, moving))
            {
                break;
            }

            Unsafe.Add(ref entries, hole) = c;
            Unsafe.Add(ref positions, c.Node) = hole;
            hole = child;
        }

        Unsafe.Add(ref entries, hole) = moving;
        Unsafe.Add(ref positions, moving.Node) = hole;
        return top;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Before(in Entry a, in Entry b) => a.F < b.F || (a.F == b.F && a.G > b.G);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void SiftUp(int hole, Entry moving)
    {
        ref Entry entries = ref MemoryMarshal.GetArrayDataReference(_entries);
        ref int positions = ref MemoryMarshal.GetArrayDataReference(_positions);
        while (hole > 0)
        {
            int parent = (hole - 1) >> 1;
            ref Entry p = ref Unsafe.Add(ref entries, parent);
            if (!Before(moving, p))
            {
                break;
            }

            Unsafe.Add(ref entries, hole) = p;
            Unsafe.Add(ref positions, p.Node) = hole;
            hole = parent;
        }

        Unsafe.Add(ref entries, hole) = moving;
        Unsafe.Add(ref positions, moving.Node) = hole;
    }

    private readonly record struct Entry(double F, double G, int Node);
}
