using StrategicTech.Fleet.Core;

namespace StrategicTech.Sim.Fleet;

/// <summary>Parameters of a fleet demo run.</summary>
public sealed record FleetDemoOptions
{
    public int Robots { get; init; } = 8;

    public int Orders { get; init; } = 100;

    /// <summary>Simulated seconds between two orders posted by the warehouse system.</summary>
    public double OrderIntervalS { get; init; } = 4.0;

    public int Seed { get; init; } = 1;

    /// <summary>Simulated seconds per wall-clock second.</summary>
    public double Speed { get; init; } = 20;

    /// <summary>Robot radius (m): two centres closer than twice this is contact.</summary>
    public double RobotRadiusM { get; init; } = 0.35;

    /// <summary>Give up after this much simulated time (s).</summary>
    public double TimeLimitS { get; init; } = 7200;

    /// <summary>How the fleet manager plans: lifelong windows (default) or one-shot episodes.</summary>
    public PlanningMode Planning { get; init; } = PlanningMode.Lifelong;

    /// <summary>Directory for the SQLite database of the run.</summary>
    public required string WorkDirectory { get; init; }
}
