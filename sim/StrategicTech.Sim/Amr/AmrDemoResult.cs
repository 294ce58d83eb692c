using StrategicTech.Navigation.Localization;

namespace StrategicTech.Sim.Amr;

/// <summary>One goal of a demo run, judged on the simulator's truth.</summary>
public sealed record AmrGoalResult(
    int Index,
    Pose2D Goal,
    string Outcome,
    bool Reached,
    double TimeS,
    double PlannedLengthM,
    double DrivenLengthM,
    double MinClearanceM,
    double MaxLocalizationErrorM,
    double FinalLocalizationErrorM,
    int Recoveries,
    int Replans);

/// <summary>A sample of the run every control step (truth and estimate in the map frame; yaw error wrapped to ±π).</summary>
public readonly record struct AmrTraceRow(double TimeS, int GoalIndex, double TruthXM, double TruthYM, double EstimateXM, double EstimateYM,
    double LocalizationErrorM, double ClearanceM, double CommandLinearMps, double YawErrorRad);

/// <summary>The whole run: per-goal results, the trace, and whether it passed (every goal reached, no contact).</summary>
public sealed record AmrDemoResult(
    IReadOnlyList<AmrGoalResult> Goals,
    IReadOnlyList<AmrTraceRow> Trace,
    IReadOnlyList<(double XM, double YM)> PlannedPath,
    long ContactSteps,
    long CommandsReceived,
    long ClientConnections,
    string Localizer)
{
    /// <summary>Particle clouds at start, first convergence, kidnaps and relocalization (empty for a localizer without particles).</summary>
    public IReadOnlyList<AmrParticleSnapshot> Particles { get; init; } = [];

    /// <summary>Kidnap recovery's counters at the end of the run (null when recovery was off).</summary>
    public AmrRelocalizationStats? Relocalization { get; init; }

    /// <summary>One entry per <see cref="AmrDemoOptions.LinkOutages"/> outage that came due during the run.</summary>
    public IReadOnlyList<LinkOutageResult> Outages { get; init; } = [];

    /// <summary>Lockstep waits that gave up (wall-clock limit) and let the run go on unsynchronised; 0 in a deterministic run.</summary>
    public int LockstepStalls { get; init; }

    public bool Passed => Goals.Count > 0 && Goals.All(g => g.Reached) && ContactSteps == 0;
}

/// <summary>What kidnap recovery did in a run: detections, matcher searches, re-seeds and completed recoveries.</summary>
public sealed record AmrRelocalizationStats(long Detections, long Searches, long Reseeds, long Recoveries, long MatcherLookups);
