using StrategicTech.Navigation.Geodesy;
using StrategicTech.Navigation.Missions;
using StrategicTech.Navigation.Numerics;
using StrategicTech.Navigation.Planning.Coverage;
using StrategicTech.Navigation.Planning.Geometry2D;

namespace StrategicTech.GroundStation.Plan;

/// <summary>
/// The plan view's survey: a polygon drawn on the map turned into a lawnmower by the navigation library's coverage
/// planner (<see cref="LawnmowerPlanner"/>, heading chosen for the fewest passes, entry and exit nearest home) and
/// then into mission items (<see cref="SurveyMissionBuilder"/>: a waypoint per pass end, camera trigger distance on
/// at each pass start and off at each end). Distances in metres on a local plane about the first vertex.
/// </summary>
public static class SurveyTool
{
    /// <summary>
    /// The items of a survey over <paramref name="polygon"/> at <paramref name="altitudeM"/> above home with passes
    /// <paramref name="lineSpacingM"/> apart and a photo every <paramref name="triggerDistanceM"/>. Throws
    /// <see cref="ArgumentException"/> for fewer than 3 vertices, a zero-area polygon or a non-positive spacing.
    /// </summary>
    public static IReadOnlyList<MissionItem> Generate(IReadOnlyList<LatLonDeg> polygon, double lineSpacingM, double triggerDistanceM, double altitudeM, LatLonDeg? home) =>
        Create(polygon, lineSpacingM, triggerDistanceM, altitudeM, home).Items;

    /// <summary>
    /// The survey as QGroundControl's "survey" complex item: the polygon, the planner's transect heading as
    /// <c>angle</c>, a manual camera calculation (spacing as the side footprint, trigger distance as the frontal one,
    /// <paramref name="altitudeM"/> as the distance to the surface relative to home) and the generated items.
    /// Same refusals as <see cref="Generate"/>.
    /// </summary>
    public static SurveyComplexItem Create(IReadOnlyList<LatLonDeg> polygon, double lineSpacingM, double triggerDistanceM, double altitudeM, LatLonDeg? home)
    {
        ArgumentNullException.ThrowIfNull(polygon);
        if (polygon.Count < 3)
        {
            throw new ArgumentException("a survey polygon needs at least 3 vertices", nameof(polygon));
        }

        if (!(lineSpacingM > 0) || !(triggerDistanceM > 0))
        {
            throw new ArgumentException("line spacing and trigger distance must be positive", nameof(lineSpacingM));
        }

        var frame = new LocalNedFrame(GeodeticPosition.FromDegrees(polygon[0].LatitudeDeg, polygon[0].LongitudeDeg, 0));
        var outer = new Vec2[polygon.Count];
        for (int i = 0; i < polygon.Count; i++)
        {
            outer[i] = ToPlane(frame, polygon[i]);
        }

        Vec2 homeNedM = home is { } h ? ToPlane(frame, h) : outer[0];
        var options = new SurveyOptions(lineSpacingM, triggerDistanceM, lineSpacingM, triggerDistanceM, 0, homeNedM);
        SurveyPattern pattern = LawnmowerPlanner.Plan(new SurveyRegion(outer), options);
        IReadOnlyList<MissionItem> items = SurveyMissionBuilder.ToMissionItems(pattern, frame, altitudeM, MavFrame.GlobalRelativeAlt, 0);
        var camera = new SurveyCameraCalc(ManualCamera, altitudeM, true, lineSpacingM, triggerDistanceM,
            double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, true);
        var visual = new List<LatLonDeg>(pattern.Passes.Count * 2);
        foreach (SurveyPass pass in pattern.Passes)
        {
            visual.Add(ToGeo(frame, pass.Start));
            visual.Add(ToGeo(frame, pass.End));
        }

        return new SurveyComplexItem(
            QgcSurveyVersion, [.. polygon], pattern.SweepHeadingDeg, 0, 0, false, false, true, false, false, false, 0, camera, visual, items);
    }

    /// <summary>QGroundControl's name for a camera given only by footprints.</summary>
    public const string ManualCamera = "Manual (no camera specs)";

    /// <summary>The survey complex item version QGroundControl 4 writes.</summary>
    public const int QgcSurveyVersion = 5;

    private static LatLonDeg ToGeo(LocalNedFrame frame, Vec2 nedM)
    {
        GeodeticPosition p = frame.FromNed(new Vector3(nedM.X, nedM.Y, 0));
        return new LatLonDeg(p.LatitudeDeg, p.LongitudeDeg);
    }

    private static Vec2 ToPlane(LocalNedFrame frame, LatLonDeg p)
    {
        Vector3 ned = frame.ToNed(GeodeticPosition.FromDegrees(p.LatitudeDeg, p.LongitudeDeg, 0));
        return new Vec2(ned.X, ned.Y);
    }
}
