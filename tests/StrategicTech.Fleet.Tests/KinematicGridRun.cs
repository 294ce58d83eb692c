using StrategicTech.Fleet.Execution;

namespace StrategicTech.Fleet.Tests;

/// <summary>
/// Test harness: robots drive their planned moves cell to cell at 1 cell/s (fixed 0.05 s ticks) with injected stalls,
/// either released by an action dependency graph or open-loop on the plan's timetable; reports the least distance
/// between any two robot centres (cells) seen at any tick and whether every robot finished.
/// </summary>
internal sealed class KinematicGridRun
{
    private const double TickS = 0.05;
    private const double SpeedCellsPerS = 1.0;

    private readonly Func<int, (double X, double Y)> _cellCentre;

    public KinematicGridRun(Func<int, (double X, double Y)> cellCentre) => _cellCentre = cellCentre;

    /// <summary>Stall (s) injected before a move starts, by robot and move index.</summary>
    public required Func<int, int, double> StallS { get; init; }

    public (double MinDistanceCells, bool AllFinished, double EndTimeS) Run(IReadOnlyList<int[]> paths, ActionDependencyGraph graph, bool useDependencies, double timeLimitS)
    {
        int n = paths.Count;
        var executor = new AdgExecutor(graph);
        var current = new int[n];        // index of the move in progress or next
        var progress = new double[n];    // 0..1 along the move in progress
        var moving = new bool[n];
        var stallLeft = new double[n];
        var stallApplied = new bool[n];
        double minDistance = double.PositiveInfinity;
        double t = 0;
        for (; t < timeLimitS; t += TickS)
        {
            bool allDone = true;
            for (int r = 0; r < n; r++)
            {
                IReadOnlyList<AdgAction> actions = graph.ActionsOf(r);
                if (current[r] >= actions.Count)
                {
                    continue;
                }

                allDone = false;
                int k = current[r];
                if (!moving[r])
                {
                    bool may = useDependencies
                        ? k < executor.ReleasableEnd(r)
                        : t + 1e-9 >= actions[k].PlanStep / SpeedCellsPerS; // open loop: the timetable only
                    if (!may)
                    {
                        continue;
                    }

                    if (!stallApplied[r])
                    {
                        stallApplied[r] = true;
                        stallLeft[r] = StallS(r, k);
                    }

                    if (stallLeft[r] > 0)
                    {
                        stallLeft[r] -= TickS;
                        continue;
                    }

                    moving[r] = true;
                    progress[r] = 0;
                }

                progress[r] += SpeedCellsPerS * TickS;
                if (progress[r] >= 1 - 1e-9)
                {
                    moving[r] = false;
                    stallApplied[r] = false;
                    current[r] = k + 1;
                    executor.ReportDone(r, k + 1);
                }
            }

            minDistance = Math.Min(minDistance, MinDistance(paths, graph, current, progress, moving));
            if (allDone)
            {
                return (minDistance, true, t);
            }
        }

        return (minDistance, false, t);
    }

    private double MinDistance(IReadOnlyList<int[]> paths, ActionDependencyGraph graph, int[] current, double[] progress, bool[] moving)
    {
        int n = paths.Count;
        var x = new double[n];
        var y = new double[n];
        for (int r = 0; r < n; r++)
        {
            IReadOnlyList<AdgAction> actions = graph.ActionsOf(r);
            int vertex = current[r] < actions.Count ? actions[current[r]].FromVertex : paths[r][^1];
            (double X, double Y) p = _cellCentre(vertex);
            if (moving[r])
            {
                (double X, double Y) q = _cellCentre(actions[current[r]].ToVertex);
                p = (p.X + ((q.X - p.X) * progress[r]), p.Y + ((q.Y - p.Y) * progress[r]));
            }

            (x[r], y[r]) = p;
        }

        double min = double.PositiveInfinity;
        for (int i = 0; i < n; i++)
        {
            for (int j = i + 1; j < n; j++)
            {
                min = Math.Min(min, Math.Sqrt(((x[i] - x[j]) * (x[i] - x[j])) + ((y[i] - y[j]) * (y[i] - y[j]))));
            }
        }

        return min;
    }
}
