using StrategicTech.Navigation.Planning.Geometry2D;

namespace StrategicTech.Navigation.Planning.Coverage;

/// <summary>
/// How to fly a survey. Footprint sizes are what one image covers (m); spacing and trigger distance usually come
/// from <see cref="FromFootprint"/>. <see cref="SweepHeadingDeg"/> fixes the pass heading (degrees clockwise from
/// north); null lets the planner choose the heading with the fewest passes.
/// </summary>
public sealed record SurveyOptions(
    double FootprintWidthM,
    double FootprintHeightM,
    double LineSpacingM,
    double TriggerDistanceM,
    double TurnaroundM,
    Vec2 HomeNedM,
    double? SweepHeadingDeg = null)
{
    public static SurveyOptions FromFootprint(CameraFootprint footprint, double sideOverlapFraction, double frontOverlapFraction, double turnaroundM, Vec2 homeNedM, double? sweepHeadingDeg = null) =>
        new(footprint.WidthM, footprint.HeightM, footprint.LineSpacingM(sideOverlapFraction), footprint.TriggerDistanceM(frontOverlapFraction), turnaroundM, homeNedM, sweepHeadingDeg);

    internal void Validate()
    {
        if (!(LineSpacingM > 0) || LineSpacingM > FootprintWidthM)
        {
            throw new ArgumentOutOfRangeException(nameof(LineSpacingM), LineSpacingM, "line spacing must be in (0, footprint width]");
        }

        if (!(TriggerDistanceM > 0) || TriggerDistanceM > FootprintHeightM)
        {
            throw new ArgumentOutOfRangeException(nameof(TriggerDistanceM), TriggerDistanceM, "trigger distance must be in (0, footprint height]");
        }

        if (!(TurnaroundM >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(TurnaroundM), TurnaroundM, "turnaround must not be negative");
        }
    }
}
