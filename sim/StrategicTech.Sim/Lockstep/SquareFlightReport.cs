namespace StrategicTech.Sim.Lockstep;

/// <summary>
/// Figures of one <see cref="SquareFlight"/> run. Distances are horizontal. <see cref="LandingDistanceFromHomeM"/>
/// is truth (touchdown vs the arming point); <see cref="EstimatedLandingDistanceFromHomeM"/> is the same as the
/// autopilot's estimate sees it, so the difference is estimation (mostly GNSS drift) rather than control.
/// </summary>
public readonly record struct SquareFlightReport(
    bool MissionFinished,
    bool Landed,
    bool Crashed,
    double SimulatedS,
    double WallS,
    double MaxEkfPositionErrorM,
    double MaxCornerErrorM,
    double LandingDistanceFromHomeM,
    double EstimatedLandingDistanceFromHomeM,
    int SkippedItems)
{
    public double RealTimeFactor => WallS > 0 ? SimulatedS / WallS : double.PositiveInfinity;
}
