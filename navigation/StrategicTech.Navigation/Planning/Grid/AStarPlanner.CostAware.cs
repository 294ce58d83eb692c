using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace StrategicTech.Navigation.Planning.Grid;

/// <summary>
/// The cost-aware search: real-valued step costs scaled by cell cost, an indexed heap with decrease-key on
/// (f, g), and the same tie bypass as the uniform search (with a tolerance, as sums of scaled costs round by path).
/// </summary>
public sealed partial class AStarPlanner
{
    // f values that differ by less than this are treated as equal (sums of 1 and √2 round differently by path).
    private const double TieTolerance = 1e-9;

    private GridPlanResult RunCostAware(int start, int goal, int generation, in SearchLimits limits)
    {
        SearchGrid grid = Grid;
        int width = grid.PaddedWidth;
        int goalY = goal / width;
        int goalX = goal - (goalY * width);
        ref SearchNode nodes = ref MemoryMarshal.GetArrayDataReference(Nodes);
        ref byte moves = ref MemoryMarshal.GetArrayDataReference(grid.Moves);
        ref byte costs = ref MemoryMarshal.GetArrayDataReference(grid.Costs!);
        double costScale = CostWeight / 252.0;
        Span<int> offset = stackalloc int[8];
        Span<int> dxs = stackalloc int[8];
        Span<int> dys = stackalloc int[8];
        Span<double> step = stackalloc double[8];
        for (int d = 0; d < 8; d++)
        {
            offset[d] = grid.Offsets[d];
            dxs[d] = SearchGrid.DirectionDx[d];
            dys[d] = SearchGrid.DirectionDy[d];
            step[d] = d < 4 ? 1.0 : Octile.Sqrt2;
        }

        OpenList open = Open;
        RowDivider rows = grid.RowOfIndex;
        ref int positions = ref MemoryMarshal.GetArrayDataReference(open.Positions);

        // Direction tables by reference: d comes from a bit scan, which the JIT cannot prove below 8.
        ref int offset0 = ref MemoryMarshal.GetReference(offset);
        ref int dx0 = ref MemoryMarshal.GetReference(dxs);
        ref int dy0 = ref MemoryMarshal.GetReference(dys);
        ref double step0 = ref MemoryMarshal.GetReference(step);
        ref SearchNode s = ref Unsafe.Add(ref nodes, start);
        s.G = 0;
        s.Parent = -1;
        s.Stamp = generation;
        open.Push(start, Heuristic(start % width - goalX, start / width - goalY), 0);
        ref int bypass = ref MemoryMarshal.GetArrayDataReference(_bypass);
        int bypassCount = 0;
        double currentF = 0;
        int expansions = 0;
        int budget = limits.Budget;
        int pollMask = limits.PollMask;
        while (bypassCount > 0 || open.Count > 0)
        {
            int current;
            if (bypassCount > 0)
            {
                current = Unsafe.Add(ref bypass, --bypassCount);
            }
            else
            {
                currentF = open.MinF;
                current = open.Pop();
            }

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

            double g = Unsafe.Add(ref nodes, current).G;
            int cy = rows.Divide(current);
            int cx = current - (cy * width);
            uint mask = Unsafe.Add(ref moves, current);
            while (mask != 0)
            {
                int d = SearchGrid.PopLowest(ref mask);
                int next = current + Unsafe.Add(ref offset0, d);
                double stepCost = Unsafe.Add(ref step0, d);
                double ng = g + (stepCost * (1.0 + (costScale * Unsafe.Add(ref costs, next))));
                ref SearchNode n = ref Unsafe.Add(ref nodes, next);
                if (n.Stamp != generation)
                {
                    n.Stamp = generation;
                    n.G = ng;
                    n.Parent = current;
                    double f = ng + Heuristic(cx + Unsafe.Add(ref dx0, d) - goalX, cy + Unsafe.Add(ref dy0, d) - goalY);
                    if (f <= currentF + TieTolerance)
                    {
                        // Ties the minimum: optimal already, expand next without touching the heap.
                        Unsafe.Add(ref positions, next) = SearchNode.Closed;
                        Unsafe.Add(ref bypass, bypassCount++) = next;
                    }
                    else
                    {
                        open.Push(next, f, ng);
                    }
                }
                else if (ng < n.G && Unsafe.Add(ref positions, next) >= 0)
                {
                    n.G = ng;
                    n.Parent = current;
                    open.Decrease(next, ng + Heuristic(cx + Unsafe.Add(ref dx0, d) - goalX, cy + Unsafe.Add(ref dy0, d) - goalY), ng);
                }
            }
        }

        return Stopped(PlanStatus.NoPath, expansions);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Heuristic(int dx, int dy)
    {
        dx = Math.Abs(dx);
        dy = Math.Abs(dy);
        return (dx + dy) + ((Octile.Sqrt2 - 2.0) * Math.Min(dx, dy));
    }
}
