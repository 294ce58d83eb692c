using StrategicTech.Autopilot.Amr;
using StrategicTech.Navigation.Localization;
using StrategicTech.Navigation.Planning.Costmaps;
using StrategicTech.Sim.Ros;

namespace StrategicTech.Sim.Amr;

/// <summary>What an AMR demo run drives: map, start, goals in order, people, and hooks for tests.</summary>
public sealed record AmrDemoOptions
{
    public required OccupancyGridMap Map { get; init; }

    public required Pose2D Start { get; init; }

    public required IReadOnlyList<Pose2D> Goals { get; init; }

    public IReadOnlyList<WalkingPerson> People { get; init; } = [];

    /// <summary>The world the simulator ray-casts and collides with (the map plus obstacles not on it); default: <see cref="Map"/>.</summary>
    public OccupancyGridMap? WorldMap { get; init; }

    /// <summary>The pose the localizer is seeded with (Nav2's /initialpose); default: <see cref="Start"/>.</summary>
    public Pose2D? InitialPose { get; init; }

    /// <summary>1σ of the seeded pose: position (m) and yaw (rad).</summary>
    public (double XyM, double YawRad) InitialPoseSigma { get; init; } = (0.05, 0.05);

    /// <summary>Simulated time for the whole run; a goal still active then is cancelled and later goals are not started.</summary>
    public long? SimTimeLimitUs { get; init; }

    public ulong Seed { get; init; } = 1;

    public AmrNavigatorParameters Navigator { get; init; } = new();

    /// <summary>Monte Carlo localizer parameters (null: the defaults, without random-particle injection).</summary>
    public MclParameters? Localization { get; init; }

    /// <summary>
    /// Kidnap detection and branch-and-bound relocalization around the particle filter: on by default in every run
    /// (demo and scenarios); null switches it off (the bare particle filter).
    /// </summary>
    public KidnapRecoveryParameters? KidnapRecovery { get; init; } = new();

    /// <summary>Costmap resolution the navigator works at; the map is max-pooled by the nearest integer factor.</summary>
    public double CostmapResolutionM { get; init; } = 0.05;

    /// <summary>Give up on the whole run after this much wall-clock time.</summary>
    public TimeSpan WallTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Server outages in simulated time (in order): the runner stops the robot's server, steps robot and control loop
    /// through the outage in lockstep, starts the server again and waits (bounded) for the client to re-register, so
    /// the run stays deterministic for a seed. Results in <see cref="AmrDemoResult.Outages"/>.
    /// </summary>
    public IReadOnlyList<LinkOutage> LinkOutages { get; init; } = [];

    /// <summary>Called after every control step with the host and the simulated time (tests: remove a person, restart the server).</summary>
    public Func<RosRobotHost, AmrNavigator, long, Task>? OnStep { get; init; }
}
