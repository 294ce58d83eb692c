using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace StrategicTech.Navigation.Planning.Grid;

/// <summary>
/// Jump Point Search (Harabor and Grastien) for 8-connected grids without corner cutting: the same optimal costs as
/// A*, with straight jumps scanned 63 cells at a time over bit rows (<see cref="JumpBits"/>). Under the
/// no-corner-cutting rule only straight moves have forced neighbours: moving east, the cell north is forced when it
/// is free and the cell north of the previous one is blocked. Diagonal jump points are not queued: their straight
/// successors are relaxed on the spot and the diagonal scan goes on (intermediate-node pruning, Harabor and Grastien
/// 2014), which saves a heap round trip and a repeated scan per turn. <see cref="GridPlanner.Path"/> holds the
/// turning points.
/// </summary>
public sealed class JumpPointPlanner : GridPlanner
{
    /// <summary>Open-list position of a diagonal jump point handled in place: neither queued nor closed.</summary>
    private const int Intermediate = -2;

    private int _generation;
    private int _goal;
    private int _goalX;
    private int _goalY;
    private readonly int _mirrorX;
    private readonly int _mirrorY;

    public JumpPointPlanner(SearchGrid grid)
        : base(grid)
    {
        _mirrorX = grid.PaddedWidth - 1;
        _mirrorY = grid.PaddedHeight - 1;
    }

    private protected override GridPlanResult Search(int start, int goal, int generation, in SearchLimits limits)
    {
        SearchGrid grid = Grid;
        int width = grid.PaddedWidth;
        _generation = generation;
        _goal = goal;
        _goalY = goal / width;
        _goalX = goal - (_goalY * width);
        ref SearchNode nodes = ref MemoryMarshal.GetArrayDataReference(Nodes);
        ref byte free = ref MemoryMarshal.GetArrayDataReference(grid.Passable);
        ref SearchNode s = ref Unsafe.Add(ref nodes, start);
        s.G = 0;
        s.Parent = -1;
        s.Stamp = generation;
        int sy = start / width;
        Open.Push(start, Octile.Distance(start - (sy * width) - _goalX, sy - _goalY), 0);
        int expansions = 0;
        int budget = limits.Budget;
        int pollMask = limits.PollMask;
        while (Open.Count > 0)
        {
            int current = Open.Pop();
            if (current == goal)
            {
                return new GridPlanResult(PlanStatus.Success, Unsafe.Add(ref nodes, goal).G, expansions, 0);
            }

            if (expansions >= budget)
            {
                return Stopped(PlanStatus.ExpansionLimit, expansions);
            }

            if ((++expansions & pollMask) == 0 && limits.Cancellation.IsCancellationRequested)
            {
                return Stopped(PlanStatus.Cancelled, expansions);
            }

            ref SearchNode node = ref Unsafe.Add(ref nodes, current);
            double g = node.G;
            int y = grid.RowOfIndex.Divide(current);
            int x = current - (y * width);
            int parent = node.Parent;
            if (parent < 0)
            {
                East(x, y, g);
                West(x, y, g);
                South(x, y, g);
                North(x, y, g);
                Diagonal(x, y, 1, 1, g);
                Diagonal(x, y, -1, 1, g);
                Diagonal(x, y, 1, -1, g);
                Diagonal(x, y, -1, -1, g);
                continue;
            }

            int py = grid.RowOfIndex.Divide(parent);
            int dx = Math.Sign(x - (parent - (py * width)));
            int dy = Math.Sign(y - py);
            if (dx != 0 && dy != 0)
            {
                if (dx > 0)
                {
                    East(x, y, g);
                }
                else
                {
                    West(x, y, g);
                }

                if (dy > 0)
                {
                    South(x, y, g);
                }
                else
                {
                    North(x, y, g);
                }

                Diagonal(x, y, dx, dy, g);
            }
            else if (dx != 0)
            {
                if (dx > 0)
                {
                    East(x, y, g);
                }
                else
                {
                    West(x, y, g);
                }

                // Forced neighbours: free beside us, blocked beside the cell we came from.
                if (Unsafe.Add(ref free, current - width) != 0 && Unsafe.Add(ref free, current - width - dx) == 0)
                {
                    North(x, y, g);
                    Diagonal(x, y, dx, -1, g);
                }

                if (Unsafe.Add(ref free, current + width) != 0 && Unsafe.Add(ref free, current + width - dx) == 0)
                {
                    South(x, y, g);
                    Diagonal(x, y, dx, 1, g);
                }
            }
            else
            {
                if (dy > 0)
                {
                    South(x, y, g);
                }
                else
                {
                    North(x, y, g);
                }

                int back = -dy * width;
                if (Unsafe.Add(ref free, current - 1) != 0 && Unsafe.Add(ref free, current - 1 + back) == 0)
                {
                    West(x, y, g);
                    Diagonal(x, y, -1, dy, g);
                }

                if (Unsafe.Add(ref free, current + 1) != 0 && Unsafe.Add(ref free, current + 1 + back) == 0)
                {
                    East(x, y, g);
                    Diagonal(x, y, 1, dy, g);
                }
            }
        }

        return Stopped(PlanStatus.NoPath, expansions);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int JumpEast(int x, int y) => Grid.Rows.Jump(y, x, y == _goalY ? _goalX : -1);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int JumpWest(int x, int y)
    {
        int r = Grid.RowsMirrored.Jump(y, _mirrorX - x, y == _goalY ? _mirrorX - _goalX : -1);
        return r < 0 ? -1 : _mirrorX - r;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int JumpSouth(int x, int y) => Grid.Columns.Jump(x, y, x == _goalX ? _goalY : -1);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int JumpNorth(int x, int y)
    {
        int r = Grid.ColumnsMirrored.Jump(x, _mirrorY - y, x == _goalX ? _mirrorY - _goalY : -1);
        return r < 0 ? -1 : _mirrorY - r;
    }

    private void East(int x, int y, double g)
    {
        int jx = JumpEast(x, y);
        if (jx >= 0)
        {
            Relax(x, y, jx, y, g + (jx - x));
        }
    }

    private void West(int x, int y, double g)
    {
        int jx = JumpWest(x, y);
        if (jx >= 0)
        {
            Relax(x, y, jx, y, g + (x - jx));
        }
    }

    private void South(int x, int y, double g)
    {
        int jy = JumpSouth(x, y);
        if (jy >= 0)
        {
            Relax(x, y, x, jy, g + (jy - y));
        }
    }

    private void North(int x, int y, double g)
    {
        int jy = JumpNorth(x, y);
        if (jy >= 0)
        {
            Relax(x, y, x, jy, g + (y - jy));
        }
    }

    /// <summary>
    /// Steps diagonally; at each cell from which a straight jump finds a jump point (or the goal) the cell becomes a
    /// turning point whose straight successors are relaxed at once, then the diagonal goes on.
    /// </summary>
    private void Diagonal(int x, int y, int dx, int dy, double g)
    {
        SearchGrid grid = Grid;
        int width = grid.PaddedWidth;
        ref byte free = ref MemoryMarshal.GetArrayDataReference(grid.Passable);
        ref SearchNode nodes = ref MemoryMarshal.GetArrayDataReference(Nodes);
        int[] positions = Open.Positions;
        int vertical = dy * width;
        int origin = (y * width) + x;
        int i = origin;
        int cx = x, cy = y;
        while (true)
        {
            if (Unsafe.Add(ref free, i + dx) == 0 || Unsafe.Add(ref free, i + vertical) == 0 || Unsafe.Add(ref free, i + dx + vertical) == 0)
            {
                return;
            }

            i += dx + vertical;
            cx += dx;
            cy += dy;
            if (i == _goal)
            {
                Relax(x, y, cx, cy, g + (Octile.Sqrt2 * Math.Abs(cx - x)));
                return;
            }

            int h = dx > 0 ? JumpEast(cx, cy) : JumpWest(cx, cy);
            int v = dy > 0 ? JumpSouth(cx, cy) : JumpNorth(cx, cy);
            if ((h | v) < 0 && (h & v) < 0)
            {
                continue;
            }

            double gc = g + (Octile.Sqrt2 * Math.Abs(cx - x));
            ref SearchNode c = ref Unsafe.Add(ref nodes, i);
            if (c.Stamp == _generation)
            {
                int position = positions[i];
                if (!(gc < c.G) || position == SearchNode.Closed)
                {
                    return; // reached as cheaply before: its successors are already (being) generated
                }

                c.G = gc;
                c.Parent = origin;
                if (position >= 0)
                {
                    Open.Decrease(i, gc + Octile.Distance(cx - _goalX, cy - _goalY), gc);
                }
            }
            else
            {
                c.Stamp = _generation;
                c.G = gc;
                c.Parent = origin;
                positions[i] = Intermediate;
            }

            if (h >= 0)
            {
                Relax(cx, cy, h, cy, gc + Math.Abs(h - cx));
            }

            if (v >= 0)
            {
                Relax(cx, cy, cx, v, gc + Math.Abs(v - cy));
            }
        }
    }

    private void Relax(int fromX, int fromY, int x, int y, double ng)
    {
        int width = Grid.PaddedWidth;
        int index = (y * width) + x;
        ref SearchNode n = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Nodes), index);
        if (n.Stamp != _generation)
        {
            n.Stamp = _generation;
            n.G = ng;
            n.Parent = (fromY * width) + fromX;
            Open.Push(index, ng + Octile.Distance(x - _goalX, y - _goalY), ng);
        }
        else if (ng < n.G)
        {
            int position = Open.Positions[index];
            if (position >= 0)
            {
                n.G = ng;
                n.Parent = (fromY * width) + fromX;
                Open.Decrease(index, ng + Octile.Distance(x - _goalX, y - _goalY), ng);
            }
            else if (position == Intermediate)
            {
                // A turning point handled in place is now reached more cheaply some other way: queue it normally.
                n.G = ng;
                n.Parent = (fromY * width) + fromX;
                Open.Push(index, ng + Octile.Distance(x - _goalX, y - _goalY), ng);
            }
        }
    }
}
