using System.Runtime.InteropServices;

namespace StrategicTech.Navigation.Planning.Grid;

/// <summary>
/// Per-cell state of the uniform A* (16 bytes, one record per cell for locality): g in <see cref="FixedOctile"/>
/// units, parent index, and a stamp that is 2·generation while the node is open and 2·generation + 1 once closed,
/// so one compare tells "untouched this query", "open" or "closed" and nothing is cleared between queries.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct AStarNode
{
    public long G;
    public int Parent;
    public uint Stamp;
}
