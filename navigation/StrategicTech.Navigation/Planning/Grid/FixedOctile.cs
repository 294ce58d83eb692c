using System.Runtime.CompilerServices;

namespace StrategicTech.Navigation.Planning.Grid;

/// <summary>
/// Exact integer step costs for the uniform 8-connected grid: a straight step is <see cref="Straight"/> units and a
/// diagonal <see cref="Diagonal"/>, with Diagonal/Straight = 275807/195025, a convergent of √2 (Pell: 275807² −
/// 2·195025² = −1) that is within 1e-11 of it. Integer costs make ties exact (no tolerance), make the octile
/// heuristic exactly consistent, and let one 64-bit integer order the open list. A path of n diagonal steps is
/// misjudged by at most n·1e-11 cells, far below the Moving AI tolerance.
/// </summary>
internal static class FixedOctile
{
    public const long Straight = 195025;
    public const long Diagonal = 275807;

    /// <summary>Octile distance in fixed units; exact shortest distance on an empty grid with these step costs.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Distance(int dx, int dy)
    {
        dx = Math.Abs(dx);
        dy = Math.Abs(dy);
        return (Straight * (dx + dy)) + ((Diagonal - (2 * Straight)) * Math.Min(dx, dy));
    }
}
