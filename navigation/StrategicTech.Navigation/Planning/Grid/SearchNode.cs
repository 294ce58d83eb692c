using System.Runtime.InteropServices;

namespace StrategicTech.Navigation.Planning.Grid;

/// <summary>
/// Per-cell search state. <see cref="Stamp"/> equals the query's generation when the node was touched in this query,
/// so nothing is cleared between queries. <see cref="HeapIndex"/> ≥ 0 while open, <see cref="Closed"/> once expanded.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct SearchNode
{
    public const int Closed = -1;

    public double G;
    public int Parent;
    public int Stamp;
    public int HeapIndex;
}
