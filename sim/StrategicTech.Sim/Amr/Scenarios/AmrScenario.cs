using StrategicTech.Navigation.Localization;
using StrategicTech.Navigation.Planning.Costmaps;
using StrategicTech.Sim.Ros;

namespace StrategicTech.Sim.Amr.Scenarios;

/// <summary>
/// An AMR scenario (<c>autonomy amr run</c>): the known map the navigator gets, the world the simulator ray-casts
/// (that map plus obstacles not on it), one robot's start and the pose its localizer is seeded with, goals in order,
/// people walking, faults in time windows and the pass criteria. Read by <see cref="AmrScenarioLoader"/>.
/// </summary>
public sealed record AmrScenario(
    string Name,
    string Description,
    string Source,
    ulong Seed,
    OccupancyGridMap Map,
    OccupancyGridMap WorldMap,
    string MapName,
    Pose2D Start,
    Pose2D InitialPose,
    double InitialSigmaM,
    double InitialSigmaYawRad,
    IReadOnlyList<Pose2D> Goals,
    IReadOnlyList<AmrPersonSpec> People,
    IReadOnlyList<AmrObstacle> Obstacles,
    IReadOnlyList<AmrFault> Faults,
    AmrPassCriteria Criteria)
{
    /// <summary>Fresh people for one run (a <see cref="WalkingPerson"/> has state).</summary>
    public IReadOnlyList<WalkingPerson> CreatePeople() =>
        [.. People.Select(p => new WalkingPerson(p.FromXM, p.FromYM, p.ToXM, p.ToYM, p.SpeedMps, p.RadiusM, p.WaitS, p.OneWay))];
}

/// <summary>A person walking back and forth between two map points (or once, after standing <see cref="WaitS"/> at the first).</summary>
public sealed record AmrPersonSpec(double FromXM, double FromYM, double ToXM, double ToYM, double SpeedMps, double RadiusM,
    double WaitS = 0, bool OneWay = false);

/// <summary>An axis-aligned box in the world that the known map does not have (a pallet left in an aisle).</summary>
public sealed record AmrObstacle(double MinXM, double MinYM, double MaxXM, double MaxYM);

public enum AmrFaultKind
{
    /// <summary><see cref="AmrFault.Fraction"/> of the lidar's beams return nothing during the window.</summary>
    LidarDropout,

    /// <summary>Both wheels slip: the ground moves <see cref="AmrFault.Fraction"/> less than the encoders report.</summary>
    WheelSlip,

    /// <summary>At <see cref="AmrFault.StartS"/> the robot is carried to <see cref="AmrFault.KidnapTo"/> (odometry does not see it).</summary>
    Kidnap,
}

/// <summary>A fault active from <see cref="StartS"/> for <see cref="DurationS"/> (simulated seconds from the start of the run).</summary>
public sealed record AmrFault(AmrFaultKind Kind, double StartS, double DurationS, double Fraction, Pose2D KidnapTo);

/// <summary>
/// Pass criteria, all judged on the simulator's truth. Null limits are not checked. Contact with a wall, shelf,
/// obstacle or person always fails the run.
/// </summary>
public sealed record AmrPassCriteria(
    bool AllGoalsReached,
    double? MinClearanceM,
    double? MaxLocalizationErrorM,
    double? FinalLocalizationErrorM,
    double? TimeLimitS,
    AmrMeasuredFigures? Measured = null);

/// <summary>
/// The figures a scenario's limits were set from (a run of the bundled stack, lockstep, the scenario's seed), kept
/// beside the limits so a reader sees the margin; not judged. Errors and time are limited to about 1.5x of these,
/// clearance to about the measured value / 1.5.
/// </summary>
public sealed record AmrMeasuredFigures(
    double? MinClearanceM,
    double? MaxLocalizationErrorM,
    double? FinalLocalizationErrorM,
    double? TimeS);
