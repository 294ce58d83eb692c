namespace StrategicTech.Navigation.Planning.Mapf;

/// <summary>
/// Tuning of <see cref="LacamSolver"/>. <see cref="ScatterMargin"/>: extra steps a scatter path may take over the
/// shortest one (Engineering LaCAM*'s default is 10; negative turns scatter off). <see cref="ScatterTimeShare"/>:
/// the share of the time budget scatter may use before LaCAM starts (it is skipped when it cannot finish one round).
/// <see cref="PibtRuns"/>: PIBT runs per successor, the one with the least cost so far plus distance to go is kept
/// (Engineering LaCAM*'s Monte-Carlo configuration generation; 1 = a single run).
/// </summary>
public sealed record LacamOptions(int ScatterMargin = 10, double ScatterTimeShare = 0.5, int PibtRuns = 1)
{
    public static LacamOptions Default { get; } = new();

    /// <summary>Plain LaCAM with PIBT (no scatter), as before scatter was added.</summary>
    public static LacamOptions NoScatter { get; } = new(-1);
}
