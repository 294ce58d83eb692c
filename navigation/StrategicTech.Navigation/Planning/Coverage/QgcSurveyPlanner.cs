using StrategicTech.Navigation.Geodesy;
using StrategicTech.Navigation.Missions;
using StrategicTech.Navigation.Numerics;
using StrategicTech.Navigation.Planning.Geometry2D;

namespace StrategicTech.Navigation.Planning.Coverage;

/// <summary>A survey generated from a QGroundControl survey complex item, in a local frame about the polygon's first vertex.</summary>
public sealed record GeneratedSurvey(LocalNedFrame Frame, SurveyRegion Region, SurveyPattern Pattern, IReadOnlyList<MissionItem> Items);

/// <summary>
/// Generates the transects of a QGroundControl survey item with <see cref="LawnmowerPlanner"/>: QGC's adjusted
/// footprints are the line spacing and trigger distance; the footprint itself comes from the camera specs when
/// present (manual cameras: footprint = spacing, i.e. no overlap is assumed); the item's angle is the pass heading.
/// </summary>
public static class QgcSurveyPlanner
{
    public static GeneratedSurvey Generate(SurveyComplexItem survey, LatLonDeg home, int firstSeq = 1)
    {
        ArgumentNullException.ThrowIfNull(survey);
        LatLonDeg first = survey.Polygon[0];
        var frame = new LocalNedFrame(GeodeticPosition.FromDegrees(first.LatitudeDeg, first.LongitudeDeg, 0));
        var outer = new Vec2[survey.Polygon.Count];
        for (int i = 0; i < outer.Length; i++)
        {
            outer[i] = ToPlane(frame, survey.Polygon[i]);
        }

        SurveyCameraCalc camera = survey.Camera;
        double spacing = camera.AdjustedFootprintSideM;
        double trigger = camera.AdjustedFootprintFrontalM > 0 ? camera.AdjustedFootprintFrontalM : spacing;
        double width = spacing;
        double height = trigger;
        if (camera.HasCameraSpecs)
        {
            CameraFootprint footprint = CameraFootprint.FromCamera(
                new CameraSpec(camera.SensorWidthMm, camera.SensorHeightMm, camera.FocalLengthMm, (int)camera.ImageWidthPx, (int)camera.ImageHeightPx),
                camera.DistanceToSurfaceM, camera.Landscape);
            width = Math.Max(footprint.WidthM, spacing);
            height = Math.Max(footprint.HeightM, trigger);
        }

        var region = new SurveyRegion(outer);
        var options = new SurveyOptions(width, height, spacing, trigger, survey.TurnAroundDistanceM, ToPlane(frame, home), survey.AngleDeg);
        SurveyPattern pattern = LawnmowerPlanner.Plan(region, options);
        IReadOnlyList<MissionItem> items = SurveyMissionBuilder.ToMissionItems(pattern, frame, camera.DistanceToSurfaceM,
            camera.DistanceToSurfaceRelative ? MavFrame.GlobalRelativeAlt : MavFrame.Global, firstSeq);
        return new GeneratedSurvey(frame, region, pattern, items);
    }

    private static Vec2 ToPlane(LocalNedFrame frame, LatLonDeg point)
    {
        Vector3 ned = frame.ToNed(GeodeticPosition.FromDegrees(point.LatitudeDeg, point.LongitudeDeg, 0));
        return new Vec2(ned.X, ned.Y);
    }
}
