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

    /// <summary>
    /// Lifelong (the default: on the AWS demo, 8 AGVs and 100 orders, 328.5 orders/h against 207.7 in episodes, no
    /// contact; it passes the kill, broker-restart, network-drop and robot-loss tests as episodes do) or episodes.
    /// </summary>
    public PlanningMode Planning { get; init; } = PlanningMode.Lifelong;

    /// <summary>
    /// Lifelong: plan steps committed per window (RHCR's replanning period h); the rest of each plan is replanned in
    /// the next window. 2 (with <see cref="LifelongMaxAheadMoves"/> 4): on the Moving AI warehouse 100 / 200 / 400
    /// robots delivered 238 / 340 / 486 orders in 600 s against 104 / 179 / 416 with 12 steps and no bound.
    /// </summary>
    public int LifelongCommitSteps { get; init; } = 2;

    /// <summary>Lifelong: a window is planned once a robot with somewhere to go has at most this many committed moves left to drive (twice h, so a robot has a window in hand while the next is planned).</summary>
    public int LifelongLeadMoves { get; init; } = 4;

    /// <summary>
    /// Lifelong: each window extends the robot's one order by an order update (the default), so it drives through
    /// window boundaries; false sends each window as a new order, which a robot takes only once it has finished
    /// the previous one (it stops at every boundary; kept to measure the difference).
    /// </summary>
    public bool LifelongContinuousOrders { get; init; } = true;

    /// <summary>
    /// Lifelong: whether a window is due is checked at most this often (µs; RHCR's replanning period in time). 0:
    /// every tick. With hundreds of robots one robot or another is due nearly every tick, and each window plans
    /// them all; the lead (<see cref="LifelongLeadMoves"/>) must cover the period so robots still drive through.
    /// </summary>
    public long LifelongWindowPeriodUs { get; init; }

    /// <summary>
    /// Lifelong: a robot with more than this many committed moves not yet driven gets no new goal in a window (it
    /// keeps its place unless it must make way), as RHCR plans each window from where every robot will be when
    /// the committed prefix ends; 0: no bound (every window may commit every robot further ahead). 4, the lead:
    /// a robot is held once it has more than its lead in hand (see <see cref="LifelongCommitSteps"/> for the figures).
    /// </summary>
    public int LifelongMaxAheadMoves { get; init; } = 4;
}
