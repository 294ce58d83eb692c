using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace StrategicTech.Navigation.Planning.Grid;

/// <summary>
/// Lazy Theta* (Nash, Koenig and Tovey, 2010): any-angle paths whose vertices are cell centres joined by segments
/// with <see cref="LineOfSight"/>. A successor inherits its parent's parent optimistically; the sight line is only
/// checked when the node is expanded, falling back to the best expanded neighbour. Unlike the original, a node whose
/// g rises in that check is re-queued, and expanded nodes are re-opened when a shorter path reaches them, so the
/// result is never longer than the octile optimum that A* finds.
/// </summary>
public sealed class LazyThetaStarPlanner : GridPlanner
{
    public LazyThetaStarPlanner(SearchGrid grid)
        : base(grid)
    {
    }

    /// <summary>
    /// The length of the parent chain: a re-opened ancestor may have shortened it after the goal's g was set.
    /// </summary>
    private protected override double FinalCost(double searchCost, ReadOnlySpan<GridCell> path)
    {
        double length = 0;
        for (int k = 1; k < path.Length; k++)
        {
            length += Octile.Euclidean(path[k].X - path[k - 1].X, path[k].Y - path[k - 1].Y);
        }

        return length;
    }

    private protected override GridPlanResult Search(int start, int goal, int generation, in SearchLimits limits)
    {
        SearchGrid grid = Grid;
        int width = grid.PaddedWidth;
        int goalY = goal / width;
        int goalX = goal - (goalY * width);
        byte[] passable = grid.Passable;
        ref SearchNode nodes = ref MemoryMarshal.GetArrayDataReference(Nodes);
        ref byte moves = ref MemoryMarshal.GetArrayDataReference(grid.Moves);
        Span<int> offset = stackalloc int[8];
        Span<double> step = stackalloc double[8];
        for (int d = 0; d < 8; d++)
        {
            offset[d] = grid.Offsets[d];
            step[d] = d < 4 ? 1.0 : Octile.Sqrt2;
        }

        OpenList open = Open;
        RowDivider rows = grid.RowOfIndex;
        Span<int> dxs = stackalloc int[8];
        Span<int> dys = stackalloc int[8];
        for (int d = 0; d < 8; d++)
        {
            dxs[d] = SearchGrid.DirectionDx[d];
            dys[d] = SearchGrid.DirectionDy[d];
        }

        ref int positions = ref MemoryMarshal.GetArrayDataReference(open.Positions);
        ref SearchNode s = ref Unsafe.Add(ref nodes, start);
        s.G = 0;
        s.Parent = -1;
        s.Stamp = generation;
        int sy = start / width;
        open.Push(start, Octile.Euclidean(start - (sy * width) - goalX, sy - goalY), 0);
        int expansions = 0;
        int budget = limits.Budget;
        int pollMask = limits.PollMask;
        while (open.Count > 0)
        {
            int current = open.Pop();
            ref SearchNode node = ref Unsafe.Add(ref nodes, current);
            int cy = rows.Divide(current);
            int cx = current - (cy * width);
            int parent = node.Parent;
            if (parent >= 0)
            {
                int py = rows.Divide(parent);
                int px = parent - (py * width);
                if (!LineOfSight.Clear(passable, width, px, py, cx, cy))
                {
                    // Lazy check failed: take the best expanded neighbour that can legally step here.
                    double best = double.PositiveInfinity;
                    int bestParent = -1;
                    for (int d = 0; d < 8; d++)
                    {
                        int nb = current - offset[d];
                        ref SearchNode n = ref Unsafe.Add(ref nodes, nb);
                        if (n.Stamp == generation && Unsafe.Add(ref positions, nb) == SearchNode.Closed && (Unsafe.Add(ref moves, nb) & (1 << d)) != 0
                            && n.G + step[d] < best)
                        {
                            best = n.G + step[d];
                            bestParent = nb;
                        }
                    }

                    double oldG = node.G;
                    if (bestParent < 0)
                    {
                        // Our only way in was re-opened since; it will relax us again when expanded.
                        node.G = double.PositiveInfinity;
                        continue;
                    }

                    node.G = best;
                    node.Parent = bestParent;
                    if (best > oldG)
                    {
                        open.Push(current, best + Octile.Euclidean(cx - goalX, cy - goalY), best);
                        continue;
                    }
                }
            }

            if (current == goal)
            {
                return new GridPlanResult(PlanStatus.Success, node.G, expansions, 0);
            }

            if (expansions >= budget)
            {
                return Stopped(PlanStatus.ExpansionLimit, expansions);
            }

            if ((++expansions & pollMask) == 0 && limits.Cancellation.IsCancellationRequested)
            {
                return Stopped(PlanStatus.Cancelled, expansions);
            }

            // Successors inherit our parent (path 2 of Theta*) when we have one; sight is checked lazily.
            int source = node.Parent >= 0 ? node.Parent : current;
            int sourceY = rows.Divide(source);
            int sourceX = source - (sourceY * width);
            double sourceG = Unsafe.Add(ref nodes, source).G;
            uint mask = Unsafe.Add(ref moves, current);
            while (mask != 0)
            {
                int d = SearchGrid.PopLowest(ref mask);
                int next = current + offset[d];
                int nx = cx + dxs[d];
                int ny = cy + dys[d];
                double ng = sourceG + Octile.Euclidean(nx - sourceX, ny - sourceY);
                ref SearchNode n = ref Unsafe.Add(ref nodes, next);
                if (n.Stamp != generation)
                {
                    n.Stamp = generation;
                    n.G = ng;
                    n.Parent = source;
                    open.Push(next, ng + Octile.Euclidean(nx - goalX, ny - goalY), ng);
                }
                else if (ng < n.G - 1e-12)
                {
                    n.G = ng;
                    n.Parent = source;
                    double f = ng + Octile.Euclidean(nx - goalX, ny - goalY);
                    if (Unsafe.Add(ref positions, next) >= 0)
                    {
                        open.Decrease(next, f, ng);
                    }
                    else
                    {
                        open.Push(next, f, ng);
                    }
                }
            }
        }

        return Stopped(PlanStatus.NoPath, expansions);
    }
}
