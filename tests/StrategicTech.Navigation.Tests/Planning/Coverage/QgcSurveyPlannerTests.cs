using StrategicTech.Navigation.Missions;
using StrategicTech.Navigation.Planning.Coverage;
using StrategicTech.Navigation.Planning.Geometry2D;
using StrategicTech.TestSupport;

namespace StrategicTech.Navigation.Tests.Planning.Coverage;

// Tolerances in this class are rounding epsilons on exact identities (pass geometry); the measured figures sit
// beside the other bounds.
public sealed class QgcSurveyPlannerTests
{
    [SharedDataFact]
    public void Survey_item_from_the_MAVSDK_plan_generates_east_west_transects_25_m_apart()
    {
        MissionPlan plan = QgcPlanReader.ReadFile(SharedData.PathOf("missions", "mavsdk_survey.plan"));
        SurveyComplexItem survey = plan.Items.OfType<SurveyPlanItem>().Single().Survey;
        GeneratedSurvey generated = QgcSurveyPlanner.Generate(survey, plan.HomePosition);
        SurveyPattern pattern = generated.Pattern;

        Assert.Equal(90.0, pattern.SweepHeadingDeg);
        Assert.Equal(25.0, pattern.LineSpacingM);
        Assert.Equal(25.0, pattern.TriggerDistanceM);
        foreach (SurveyPass pass in pattern.Passes)
        {
            Assert.Equal(pass.Start.X, pass.End.X, 9); // heading 90°: constant north, east-west pass
        }

        double[] north = pattern.Passes.Select(p => p.Start.X).Order().ToArray();
        for (int i = 1; i < north.Length; i++)
        {
            Assert.Equal(25.0, north[i] - north[i - 1], 9);
        }

        // The polygon spans ≈ 54 m north-south: ceil((54 − 25) / 25) + 1 = 3 bands of a 25 m footprint.
        double span = generated.Region.Outer.Max(p => p.X) - generated.Region.Outer.Min(p => p.X);
        Assert.Equal(54.064, span, 3); // measured 54.0642 m
        Assert.Equal((int)Math.Ceiling((span - 25) / 25) + 1, pattern.BandCount);
        LawnmowerPlannerTests.AssertCovered(generated.Region, new SurveyOptions(25, 25, 25, 25, 10, Vec2.Zero, 90), pattern, 80);

        // QGC's own transects run east-west too (equal latitudes at both ends), 25 m apart.
        IReadOnlyList<LatLonDeg> qgc = survey.VisualTransectPoints;
        Assert.Equal(qgc[0].LatitudeDeg, qgc[3].LatitudeDeg, 7);
        double qgcSpacing = (qgc[0].LatitudeDeg - qgc[4].LatitudeDeg) * Math.PI / 180 * 6_367_000;
        Assert.Equal(25.0, qgcSpacing, 0.024); // measured 24.984 m (this test's spherical 6 367 km radius); bound 1.5 × the 0.016 m gap

        // Items: waypoint, 206 on at each pass start, 206 off (distance 0, shoot once) at each end, 10 m turnarounds.
        IReadOnlyList<MissionItem> items = generated.Items;
        Assert.Equal(pattern.Passes.Count, items.Count(i => i.Command == MavCmd.DoSetCamTriggDist && i.Param1 == 25));
        Assert.Equal(pattern.Passes.Count, items.Count(i => i.Command == MavCmd.DoSetCamTriggDist && i.Param1 == 0 && i.Param3 == 1));
        Assert.All(items.Where(i => i.Command == MavCmd.NavWaypoint), i =>
        {
            Assert.Equal(50.0, i.AltitudeM);
            Assert.Equal(MavFrame.GlobalRelativeAlt, i.Frame);
            Assert.InRange(i.LatitudeDeg, 47.3974, 47.3980); // measured 47.397463 .. 47.397913: within the survey area's band
        });
        Assert.Equal(Enumerable.Range(1, items.Count), items.Select(i => i.Seq));
        Assert.Equal(10.0, Vec2.Distance(pattern.Route[0].PositionNedM, pattern.Route[1].PositionNedM), 9);

        // Entry near home (home is north-west of the polygon): the first pass is the northern one.
        Assert.Equal(north[^1], pattern.Passes[0].Start.X, 9);
    }
}
