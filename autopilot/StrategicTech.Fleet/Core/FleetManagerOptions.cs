namespace StrategicTech.Fleet.Core;

/// <summary>Tunables of the fleet manager.</summary>
public sealed record FleetManagerOptions
{
    /// <summary>Speed limit written on every edge and used for travel-time estimates (m/s).</summary>
    public double MaxSpeedMps { get; init; } = 1.0;

    /// <summary>A robot below this charge is sent to a charger once it has no order.</summary>
    public double LowBatteryPercent { get; init; } = 30;

    /// <summary>A charging robot returns to work at or above this charge.</summary>
    public double FullBatteryPercent { get; init; } = 90;

    /// <summary>Charger locations (node ids); empty: no charging.</summary>
    public IReadOnlyList<string> Chargers { get; init; } = [];

    /// <summary>Seconds of travel one priority level is worth in the assignment cost.</summary>
    public double PrioritySecondsPerLevel { get; init; } = 60;

    /// <summary>Planning time budget per attempt (µs).</summary>
    public long PlanningBudgetUs { get; init; } = 2_000_000;

    /// <summary>Episodes (the default) or lifelong planning.</summary>
    public PlanningMode Planning { get; init; } = PlanningMode.Episodes;

    /// <summary>Lifelong: plan steps committed per window (RHCR's replanning period h); the rest of each plan is replanned in the next window.</summary>
    public int LifelongCommitSteps { get; init; } = 8;

    /// <summary>Lifelong: a window is planned once a robot with somewhere to go has at most this many committed moves left to drive.</summary>
    public int LifelongLeadMoves { get; init; } = 2;
}
