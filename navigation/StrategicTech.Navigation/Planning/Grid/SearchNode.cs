using System.Runtime.InteropServices;

namespace StrategicTech.Navigation.Planning.Grid;

/// <summary>
/// Per-cell search state (16 bytes). <see cref="Stamp"/> equals the query's generation when the node was touched in
/// this query, so nothing is cleared between queries. Whether it is open or closed lives in the open list's compact
/// position array (≥ 0 while open, <see cref="Closed"/> once expanded), which the heap updates on every move.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct SearchNode
{
    public const int Closed = -1;

    public double G;
    public int Parent;
    public int Stamp;
}
