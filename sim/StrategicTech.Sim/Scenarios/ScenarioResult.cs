using StrategicTech.Autopilot.Flight;
using StrategicTech.Sim.Lockstep;

namespace StrategicTech.Sim.Scenarios;

/// <summary>
/// The outcome of a scenario run. Everything but <see cref="WallClock"/> is a pure function of the scenario and
/// the seed (byte-identical logs run after run); <see cref="WallClock"/> holds the host-dependent timing.
/// </summary>
public sealed record ScenarioResult(
    Scenario Scenario,
    ulong Seed,
    double SimulatedS,
    bool TimedOut,
    IReadOnlyList<VehicleResult> Vehicles,
    WallClockFigures WallClock,
    bool Interrupted = false)
{
    /// <summary>Every vehicle passed its required criteria; a time-out fails unless the time limit is optional; an interrupted run never passes.</summary>
    public bool Passed => Vehicles.All(v => v.Passed) && !Interrupted && (!TimedOut || !Scenario.Criteria.IsRequired(PassCriteria.TimeLimitKey));
}

/// <summary>One vehicle's outcome: its criteria, per-waypoint figures, truth log.</summary>
public sealed record VehicleResult(
    int SystemId,
    string AirframeName,
    ulong PhysicsSeed,
    ulong SensorSeed,
    double HomeLatitudeDeg,
    double HomeLongitudeDeg,
    double HomeAltitudeAmslM,
    VehiclePhase Phase,
    string RefusalReason,
    FlightMode FinalMode,
    bool Armed,
    bool Landed,
    bool Crashed,
    int MissionItems,
    int ItemsCompleted,
    int ItemsSkipped,
    double ArmedAtS,
    double FinishedAtS,
    double LandingDistanceFromHomeM,
    double MaxTiltDeg,
    double MaxEkfPositionErrorM,
    IReadOnlyList<CriterionResult> Criteria,
    IReadOnlyList<WaypointResult> Waypoints,
    IReadOnlyList<TruthEstimateRow> Log,
    IReadOnlyList<SkippedItem>? Skipped = null)
{
    /// <summary>Every required criterion held (optional ones are reported only).</summary>
    public bool Passed => Criteria.All(c => c.Counts);

    public IReadOnlyList<SkippedItem> SkippedItems => Skipped ?? [];
}

/// <summary>Host-dependent figures of a run: wall time, real-time factor and, when paced, the pacer's jitter.</summary>
public sealed record WallClockFigures(double WallS, double RealTimeFactor, PacerStatistics? Pacer);
