using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace StrategicTech.Navigation.Planning.Grid;

/// <summary>
/// A* on the 8-connected grid (octile heuristic, no corner cutting, diagonal cost √2), optimal. On a grid built
/// from a costmap with <see cref="CostWeight"/> &gt; 0 each step is scaled by 1 + weight·cost/252 of the cell entered
/// (lethal and inscribed cells are impassable), which keeps paths away from inflated obstacles, as Nav2's Smac 2D.
/// <para>
/// The uniform search runs on exact integer costs (<see cref="FixedOctile"/>): the open list is ordered by one 64-bit
/// key, f in the high bits and the complement of g below (ties go to the deeper node), so a heap compare is
/// one integer compare. Heap bypass: the heuristic is consistent, so a successor whose f equals the f being
/// expanded already has its optimal g and may be expanded next; such successors go on a LIFO stack instead of the
/// heap, which on open grids, where most successors tie, removes most heap operations.
/// </para>
/// </summary>
[SkipLocalsInit]
public sealed partial class AStarPlanner : GridPlanner
{
    private readonly int[] _bypass;
    private readonly AStarNode[] _records;
    private readonly KeyedOpenList _keyed;
    private readonly int _tieBits;
    private readonly int _tieShift;
    private readonly ulong _gMask;
    private readonly int[] _offsets;
    private readonly long[] _steps;
    private readonly int[] _dxs;
    private readonly int[] _dys;

    public AStarPlanner(SearchGrid grid, double costWeight = 0)
        : base(grid, sharedSearchState: grid?.Costs is not null && costWeight > 0)
    {
        if (!(costWeight >= 0) || double.IsInfinity(costWeight))
        {
            throw new ArgumentOutOfRangeException(nameof(costWeight), costWeight, "cost weight must be finite and >= 0");
        }

        CostWeight = Grid.Costs is null ? 0 : costWeight;
        _bypass = new int[Grid.CellCount];
        bool uniform = CostWeight == 0;
        _records = uniform ? new AStarNode[Grid.CellCount] : [];
        _keyed = new KeyedOpenList(uniform ? Grid.CellCount : 0);

        // Key layout: f needs fBits (bounded by the longest simple path plus the heuristic), the rest breaks ties on
        // g, truncated if the grid is so large that g does not fit in what is left.
        ulong maxCost = (ulong)(Grid.CellCount + Grid.PaddedWidth + Grid.PaddedHeight + 2) * FixedOctile.Diagonal;
        int fBits = 64 - BitOperations.LeadingZeroCount(maxCost);
        _tieBits = 64 - fBits;
        _tieShift = Math.Max(0, fBits - _tieBits);
        _gMask = (1UL << fBits) - 1;
        _offsets = new int[8];
        _steps = new long[8];
        _dxs = new int[8];
        _dys = new int[8];
        for (int d = 0; d < 8; d++)
        {
            _offsets[d] = Grid.Offsets[d];
            _dxs[d] = SearchGrid.DirectionDx[d];
            _dys[d] = SearchGrid.DirectionDy[d];
            _steps[d] = d < 4 ? FixedOctile.Straight : FixedOctile.Diagonal;
        }
    }

    /// <summary>Weight of cell costs in the step cost; 0 searches pure distance.</summary>
    public double CostWeight { get; }

    private protected override GridPlanResult Search(int start, int goal, int generation, in SearchLimits limits) =>
        CostWeight > 0 ? RunCostAware(start, goal, generation, limits) : RunUniform(start, goal, generation, limits);

    private protected override int ParentOf(int index) =>
        CostWeight > 0 ? base.ParentOf(index) : _records[index].Parent;

    /// <summary>The uniform cost is recounted from the path's straight and diagonal steps (exact in √2).</summary>
    private protected override double FinalCost(double searchCost, ReadOnlySpan<GridCell> path)
    {
        if (CostWeight > 0)
        {
            return searchCost;
        }

        int diagonals = 0;
        for (int k = 1; k < path.Length; k++)
        {
            if (path[k].X != path[k - 1].X && path[k].Y != path[k - 1].Y)
            {
                diagonals++;
            }
        }

        return (path.Length - 1 - diagonals) + (diagonals * Octile.Sqrt2);
    }

    private GridPlanResult RunUniform(int start, int goal, int generation, in SearchLimits limits)
    {
        SearchGrid grid = Grid;
        int width = grid.PaddedWidth;
        int goalY = goal / width;
        int goalX = goal - (goalY * width);
        uint openStamp = (uint)generation << 1;
        uint closedStamp = openStamp | 1;
        int tieBits = _tieBits;
        int tieShift = _tieShift;
        ulong gMask = _gMask;
        ref AStarNode nodes = ref MemoryMarshal.GetArrayDataReference(_records);
        ref byte moves = ref MemoryMarshal.GetArrayDataReference(grid.Moves);

        // Direction tables by reference: d comes from a bit scan, which the JIT cannot prove below 8.
        ref int offset0 = ref MemoryMarshal.GetArrayDataReference(_offsets);
        ref int dx0 = ref MemoryMarshal.GetArrayDataReference(_dxs);
        ref int dy0 = ref MemoryMarshal.GetArrayDataReference(_dys);
        ref long step0 = ref MemoryMarshal.GetArrayDataReference(_steps);
        RowDivider rows = grid.RowOfIndex;
        KeyedOpenList open = _keyed;
        open.Clear();

        ref AStarNode s = ref Unsafe.Add(ref nodes, start);
        s.G = 0;
        s.Parent = -1;
        s.Stamp = openStamp;
        int sy = rows.Divide(start);
        open.Push(((ulong)FixedOctile.Distance(start - (sy * width) - goalX, sy - goalY) << tieBits) | (gMask >> tieShift), start);
        ref int bypass = ref MemoryMarshal.GetArrayDataReference(_bypass);
        int bypassCount = 0;
        ulong currentF = 0;
        int expansions = 0;
        int budget = limits.Budget;
        int pollMask = limits.PollMask;
        while (true)
        {
            int current;
            if (bypassCount > 0)
            {
                current = Unsafe.Add(ref bypass, --bypassCount);
            }
            else
            {
                if (open.Count == 0)
                {
                    break;
                }

                current = open.Pop(out ulong key);
                ref AStarNode popped = ref Unsafe.Add(ref nodes, current);
                if (popped.Stamp == closedStamp)
                {
                    continue; // left in the heap when an improvement sent it to the bypass
                }

                popped.Stamp = closedStamp;
                currentF = key >> tieBits;
            }

            if (current == goal)
            {
                return new GridPlanResult(PlanStatus.Success, Unsafe.Add(ref nodes, goal).G / (double)FixedOctile.Straight, expansions, 0);
            }

            if (expansions >= budget)
            {
                return Stopped(PlanStatus.ExpansionLimit, expansions);
            }

            if ((++expansions & pollMask) == 0 && limits.Cancellation.IsCancellationRequested)
            {
                return Stopped(PlanStatus.Cancelled, expansions);
            }

            long g = Unsafe.Add(ref nodes, current).G;
            int cy = rows.Divide(current);
            int cx = current - (cy * width) - goalX;
            cy -= goalY;
            uint mask = Unsafe.Add(ref moves, current);
            while (mask != 0)
            {
                int d = SearchGrid.PopLowest(ref mask);
                int next = current + Unsafe.Add(ref offset0, d);
                long ng = g + Unsafe.Add(ref step0, d);
                ref AStarNode n = ref Unsafe.Add(ref nodes, next);
                uint stamp = n.Stamp;
                if (stamp == closedStamp || (stamp == openStamp && ng >= n.G))
                {
                    continue;
                }

                n.G = ng;
                n.Parent = current;
                ulong f = (ulong)(ng + FixedOctile.Distance(cx + Unsafe.Add(ref dx0, d), cy + Unsafe.Add(ref dy0, d)));
                if (f == currentF)
                {
                    // Ties the minimum: optimal already, expand next without touching the heap.
                    n.Stamp = closedStamp;
                    Unsafe.Add(ref bypass, bypassCount++) = next;
                }
                else if (stamp == openStamp)
                {
                    open.Decrease((f << tieBits) | ((gMask - (ulong)ng) >> tieShift), next);
                }
                else
                {
                    n.Stamp = openStamp;
                    open.Push((f << tieBits) | ((gMask - (ulong)ng) >> tieShift), next);
                }
            }
        }

        return Stopped(PlanStatus.NoPath, expansions);
    }
}
