namespace StrategicTech.Navigation.Planning.Mapf;

/// <summary>
/// Outcome of a solve. <see cref="Paths"/> holds one vertex sequence per agent from its start to its final arrival
/// at its goal (an agent stays there afterwards), or is empty when unsolved. <see cref="SearchExhausted"/>: unsolved
/// because LaCAM tried every reachable configuration, so no solution exists. <see cref="RefineIterations"/> and
/// <see cref="RefineAccepted"/> count the large-neighbourhood-search iterations after the first solution;
/// <see cref="ScatterUs"/> is the time spent building scatter paths before LaCAM (included in
/// <see cref="FirstSolutionUs"/>), -1 when scatter was off or skipped, with its replanning rounds and the
/// collisions left among its paths.
/// </summary>
public sealed record MapfResult(
    bool Solved,
    int[][] Paths,
    long FirstSolutionUs,
    long FirstSolutionSumOfCosts,
    long ElapsedUs,
    bool SearchExhausted,
    int HighLevelNodes,
    int RefineIterations = 0,
    int RefineAccepted = 0,
    long ScatterUs = -1,
    int ScatterRounds = 0,
    int ScatterCollisions = 0)
{
    /// <summary>Sum over agents of the time of final arrival at the goal.</summary>
    public long SumOfCosts => Paths.Sum(p => (long)p.Length - 1);

    /// <summary>Time of the last agent's final arrival.</summary>
    public int Makespan => Paths.Length == 0 ? 0 : Paths.Max(p => p.Length - 1);
}
