using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace StrategicTech.Navigation.Planning.Grid;

/// <summary>
/// Lazy Theta* (Nash, Koenig and Tovey, 2010): any-angle paths whose vertices are cell centres joined by segments
/// with <see cref="LineOfSight"/>. A successor inherits its parent's parent optimistically; the sight line is only
/// checked when the node is expanded, falling back to the best expanded neighbour. Unlike the original, a node whose
/// g rises in that check is re-queued, and expanded nodes are re-opened when a shorter path reaches them, so the
/// result is never longer than the octile optimum that A* finds.
/// <para>
/// On a costmap grid with <see cref="CostWeight"/> &gt; 0 a segment costs its cost-weighted length
/// (<see cref="SegmentCost"/>: length inside each crossed cell × 1 + weight·cost/252), so sight lines that graze
/// inflated obstacles cost more and the path keeps its distance; blocked (lethal, inscribed) cells stay forbidden
/// by the sight test. A successor then takes the cheaper of the sight line from our parent and the step from us
/// (path 1 of Theta*), since a clear sight line is no longer always the cheaper one. The Euclidean heuristic stays
/// admissible because every factor is at least 1.
/// </para>
/// </summary>
public sealed class LazyThetaStarPlanner : GridPlanner
{
    public LazyThetaStarPlanner(SearchGrid grid, double costWeight = 0)
        : base(grid)
    {
        if (!(costWeight >= 0) || double.IsInfinity(costWeight))
        {
            throw new ArgumentOutOfRangeException(nameof(costWeight), costWeight, "cost weight must be finite and >= 0");
        }

        CostWeight = grid.Costs is null ? 0 : costWeight;
    }

    /// <summary>Weight of cell costs in the segment cost; 0 plans pure any-angle length.</summary>
    public double CostWeight { get; }

    /// <summary>
    /// The length of the parent chain: a re-opened ancestor may have shortened it after the goal's g was set.
    /// </summary>
    private protected override double FinalCost(double searchCost, ReadOnlySpan<GridCell> path)
    {
        double length = 0;
        for (int k = 1; k < path.Length; k++)
        {
            length += CostWeight > 0
                ? SegmentCost.Of(Grid, path[k - 1], path[k], CostWeight)
                : Octile.Euclidean(path[k].X - path[k - 1].X, path[k].Y - path[k - 1].Y);
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
        bool weighted = CostWeight > 0;
        byte[] costs = grid.Costs ?? passable;
        double scale = CostWeight / 252.0;
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
                        if (n.Stamp == generation && Unsafe.Add(ref positions, nb) == SearchNode.Closed && (Unsafe.Add(ref moves, nb) & (1 << d)) != 0)
                        {
                            double via = n.G + (weighted ? SegmentCost.Weighted(costs, width, cx - dxs[d], cy - dys[d], cx, cy, scale) : step[d]);
                            if (via < best)
                            {
                                best = via;
                                bestParent = nb;
                            }
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
                int via = source;
                double ng;
                if (weighted)
                {
                    // With costs the sight line may be dearer than the step from here (path 1), so take the cheaper.
                    ng = sourceG + SegmentCost.Weighted(costs, width, sourceX, sourceY, nx, ny, scale);
                    if (source != current)
                    {
                        double stepG = node.G + SegmentCost.Weighted(costs, width, cx, cy, nx, ny, scale);
                        if (stepG < ng)
                        {
                            ng = stepG;
                            via = current;
                        }
                    }
                }
                else
                {
                    ng = sourceG + Octile.Euclidean(nx - sourceX, ny - sourceY);
                }

                ref SearchNode n = ref Unsafe.Add(ref nodes, next);
                if (n.Stamp != generation)
                {
                    n.Stamp = generation;
                    n.G = ng;
                    n.Parent = via;
                    open.Push(next, ng + Octile.Euclidean(nx - goalX, ny - goalY), ng);
                }
                else if (ng < n.G - 1e-12)
                {
                    n.G = ng;
                    n.Parent = via;
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
