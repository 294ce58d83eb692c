using System.Numerics;

namespace StrategicTech.Navigation.Planning.Grid;

/// <summary>
/// Passability grid prepared for search: a flat padded byte array (one blocked cell of border on every side, so the
/// inner loops never bounds-check), a per-cell mask of legal 8-connected moves under the no-corner-cutting rule
/// (a diagonal needs both adjacent cardinals free), optional per-cell costs, and the bit rows the jump point search
/// scans. Immutable once built; any number of planners may share one.
/// </summary>
public sealed class SearchGrid
{
    // Move directions, index = bit in Moves: E, W, S(+y), N(-y), SE, SW, NE, NW.
    internal static readonly int[] DirectionDx = [1, -1, 0, 0, 1, -1, 1, -1];
    internal static readonly int[] DirectionDy = [0, 0, 1, -1, 1, 1, -1, -1];

    private SearchGrid(int width, int height, byte[] passable, byte[]? costs)
    {
        Width = width;
        Height = height;
        PaddedWidth = width + 2;
        PaddedHeight = height + 2;
        Passable = passable;
        Costs = costs;
        Moves = new byte[passable.Length];
        RowOfIndex = new RowDivider(PaddedWidth);
        Offsets = new int[8];
        for (int d = 0; d < 8; d++)
        {
            Offsets[d] = DirectionDx[d] + (DirectionDy[d] * PaddedWidth);
        }

        for (int y = 1; y <= height; y++)
        {
            for (int x = 1; x <= width; x++)
            {
                int i = (y * PaddedWidth) + x;
                if (passable[i] == 0)
                {
                    continue;
                }

                int mask = 0;
                for (int d = 0; d < 4; d++)
                {
                    if (passable[i + Offsets[d]] != 0)
                    {
                        mask |= 1 << d;
                    }
                }

                for (int d = 4; d < 8; d++)
                {
                    int dx = DirectionDx[d], dy = DirectionDy[d];
                    if (passable[i + Offsets[d]] != 0 && passable[i + dx] != 0 && passable[i + (dy * PaddedWidth)] != 0)
                    {
                        mask |= 1 << d;
                    }
                }

                Moves[i] = (byte)mask;
            }
        }

        Rows = new JumpBits(passable, PaddedWidth, PaddedHeight, transpose: false, mirror: false);
        RowsMirrored = new JumpBits(passable, PaddedWidth, PaddedHeight, transpose: false, mirror: true);
        Columns = new JumpBits(passable, PaddedWidth, PaddedHeight, transpose: true, mirror: false);
        ColumnsMirrored = new JumpBits(passable, PaddedWidth, PaddedHeight, transpose: true, mirror: true);
    }

    public int Width { get; }

    public int Height { get; }

    internal int PaddedWidth { get; }

    internal int PaddedHeight { get; }

    /// <summary>1 = passable, 0 = blocked; padded layout, index = (y+1)·(Width+2) + (x+1).</summary>
    internal byte[] Passable { get; }

    /// <summary>Per-cell cost 0..252 in the padded layout (costmap grids only), else null.</summary>
    internal byte[]? Costs { get; }

    /// <summary>Bit d set when move d is legal from the cell (target free; for diagonals both cardinals free too).</summary>
    internal byte[] Moves { get; }

    internal int[] Offsets { get; }

    /// <summary>Fast index → row division by <see cref="PaddedWidth"/>.</summary>
    internal RowDivider RowOfIndex { get; }

    internal JumpBits Rows { get; }

    internal JumpBits RowsMirrored { get; }

    internal JumpBits Columns { get; }

    internal JumpBits ColumnsMirrored { get; }

    /// <summary>Number of padded cells; the size planners preallocate their node arrays to.</summary>
    internal int CellCount => Passable.Length;

    /// <summary>Builds a grid from row-major passability (index = y·width + x).</summary>
    public static SearchGrid FromPassability(int width, int height, ReadOnlySpan<bool> passable)
    {
        CheckSize(width, height, passable.Length);
        var padded = new byte[(width + 2) * (height + 2)];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                padded[((y + 1) * (width + 2)) + x + 1] = passable[(y * width) + x] ? (byte)1 : (byte)0;
            }
        }

        return new SearchGrid(width, height, padded, null);
    }

    /// <summary>
    /// Builds a cost-aware grid from row-major costmap bytes: cells with cost at or above
    /// <paramref name="blockedFromCost"/> are impassable (253 = inscribed, so lethal and inscribed block), and
    /// <paramref name="unknownIsPassable"/> decides whether 255 (unknown) blocks.
    /// </summary>
    public static SearchGrid FromCosts(int width, int height, ReadOnlySpan<byte> costs, byte blockedFromCost = 253, bool unknownIsPassable = false)
    {
        CheckSize(width, height, costs.Length);
        var padded = new byte[(width + 2) * (height + 2)];
        var paddedCosts = new byte[padded.Length];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                byte c = costs[(y * width) + x];
                int i = ((y + 1) * (width + 2)) + x + 1;
                bool free = c == 255 ? unknownIsPassable : c < blockedFromCost;
                padded[i] = free ? (byte)1 : (byte)0;
                paddedCosts[i] = c == 255 ? (byte)0 : Math.Min(c, (byte)252);
            }
        }

        return new SearchGrid(width, height, padded, paddedCosts);
    }

    public bool Contains(int x, int y) => (uint)x < (uint)Width && (uint)y < (uint)Height;

    public bool IsPassable(int x, int y) => Contains(x, y) && Passable[Index(x, y)] != 0;

    /// <summary>Cost of the cell (0 on a plain passability grid).</summary>
    public byte CostAt(int x, int y) => Costs is null ? (byte)0 : Costs[Index(x, y)];

    /// <summary>True if the 8-connected move from (x, y) by (dx, dy) is legal under the no-corner-cutting rule.</summary>
    public bool CanMove(int x, int y, int dx, int dy)
    {
        if (!IsPassable(x, y))
        {
            return false;
        }

        for (int d = 0; d < 8; d++)
        {
            if (DirectionDx[d] == dx && DirectionDy[d] == dy)
            {
                return (Moves[Index(x, y)] & (1 << d)) != 0;
            }
        }

        return false;
    }

    internal int Index(int x, int y) => ((y + 1) * PaddedWidth) + x + 1;

    internal GridCell CellOf(int index)
    {
        int y = index / PaddedWidth;
        return new GridCell(index - (y * PaddedWidth) - 1, y - 1);
    }

    internal static int PopLowest(ref uint mask)
    {
        int d = BitOperations.TrailingZeroCount(mask);
        mask &= mask - 1;
        return d;
    }

    private static void CheckSize(int width, int height, int length)
    {
        if (width <= 0 || height <= 0 || (long)width * height != length)
        {
            throw new ArgumentException($"grid of {width}x{height} needs {(long)width * height} cells, got {length}");
        }

        if ((long)(width + 2) * (height + 2) > int.MaxValue / 2)
        {
            throw new ArgumentException($"grid of {width}x{height} is too large");
        }
    }
}
