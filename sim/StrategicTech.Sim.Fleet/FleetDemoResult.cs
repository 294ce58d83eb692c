namespace StrategicTech.Sim.Fleet;

/// <summary>What a fleet demo measured (simulated time); <see cref="Trails"/> are AGV positions sampled each simulated second.</summary>
public sealed record FleetDemoResult(
    int Robots,
    int OrdersPosted,
    int OrdersCompleted,
    double SimulatedS,
    double ThroughputPerHour,
    double MeanOrderTimeS,
    double WorstOrderTimeS,
    double UtilisationFraction,
    double MinRobotDistanceM,
    bool Contact,
    int Episodes,
    long PlanningFailures)
{
    public bool Passed => OrdersCompleted == OrdersPosted && !Contact;

    public IReadOnlyList<(double XM, double YM)[]> Trails { get; init; } = [];

    /// <summary>How the run planned: "episodes" or "lifelong".</summary>
    public string Planning { get; init; } = "episodes";

    /// <summary>Lifelong: windows planned (0 for episodes).</summary>
    public int Windows { get; init; }
}
