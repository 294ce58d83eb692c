using StrategicTech.Navigation.Time;

namespace StrategicTech.Navigation.Planning.Mapf;

/// <summary>
/// Budget of one solve: wall time on the injected clock, a cancellation token, and whether to stop at the first
/// solution (LaCAM) or keep improving it until the budget ends or optimality is proved (LaCAM*).
/// </summary>
public readonly record struct MapfLimits(IClock Clock, long TimeBudgetUs, bool StopAtFirstSolution, CancellationToken Cancellation)
{
    public static MapfLimits FirstSolution(IClock clock, long timeBudgetUs) => new(clock, timeBudgetUs, true, CancellationToken.None);

    public static MapfLimits Anytime(IClock clock, long timeBudgetUs) => new(clock, timeBudgetUs, false, CancellationToken.None);
}
