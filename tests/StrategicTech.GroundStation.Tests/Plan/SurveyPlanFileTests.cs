using System.Text.Json;
using StrategicTech.GroundStation.Plan;
using StrategicTech.Navigation.Missions;
using StrategicTech.TestSupport;

namespace StrategicTech.GroundStation.Tests.Plan;

/// <summary>
/// A survey in the plan is saved as QGroundControl's "survey" ComplexItem (polygon, angle, camera calculation with the
/// grid spacing, the generated items inside its TransectStyleComplexItem) and opening the file restores the survey;
/// a survey .plan written by QGroundControl opens as a survey too; edits keep the survey's item range right.
/// </summary>
public sealed class SurveyPlanFileTests
{
    private static readonly LatLonDeg Home = new(47.3977, 8.5456);

    private static IReadOnlyList<LatLonDeg> Field() =>
    [
        new(47.3985, 8.5460), new(47.3985, 8.5480), new(47.3995, 8.5480), new(47.3995, 8.5460),
    ];

    private static PlanDocument PlanWithSurvey(out SurveyComplexItem survey)
    {
        var document = new PlanDocument { Home = Home, HomeAltitudeAmslM = 488 };
        document.AddTakeoff();
        document.AddWaypoint(47.3980, 8.5458);
        survey = SurveyTool.Create(Field(), 30, 20, 45, Home);
        document.InsertSurvey(document.Count, survey);
        document.AddReturnToLaunch();
        return document;
    }

    [Fact]
    public void Saving_a_survey_writes_one_qgc_survey_complex_item_with_polygon_spacing_angle_and_its_generated_items()
    {
        PlanDocument document = PlanWithSurvey(out SurveyComplexItem survey);
        using JsonDocument json = JsonDocument.Parse(PlanFiles.ToJson(document));
        JsonElement items = json.RootElement.GetProperty("mission").GetProperty("items");

        // TAKEOFF, WAYPOINT, the survey, RTL.
        Assert.Equal(4, items.GetArrayLength());
        JsonElement complex = items[2];
        Assert.Equal("ComplexItem", complex.GetProperty("type").GetString());
        Assert.Equal("survey", complex.GetProperty("complexItemType").GetString());
        Assert.Equal(5, complex.GetProperty("version").GetInt32());
        Assert.Equal(survey.AngleDeg, complex.GetProperty("angle").GetDouble());
        Assert.Equal(4, complex.GetProperty("polygon").GetArrayLength());
        Assert.Equal(47.3995, complex.GetProperty("polygon")[2][0].GetDouble());
        JsonElement transect = complex.GetProperty("TransectStyleComplexItem");
        JsonElement camera = transect.GetProperty("CameraCalc");
        Assert.Equal(30, camera.GetProperty("AdjustedFootprintSide").GetDouble());
        Assert.Equal(20, camera.GetProperty("AdjustedFootprintFrontal").GetDouble());
        Assert.Equal(45, camera.GetProperty("DistanceToSurface").GetDouble());
        Assert.Equal(survey.Items.Count, transect.GetProperty("Items").GetArrayLength());
        Assert.All(transect.GetProperty("Items").EnumerateArray(), i => Assert.Equal("SimpleItem", i.GetProperty("type").GetString()));

        // doJumpIds run on through the complex item: its first item follows the waypoint (2), RTL follows its last.
        Assert.Equal(3, transect.GetProperty("Items")[0].GetProperty("doJumpId").GetInt32());
        Assert.Equal(3 + survey.Items.Count, items[3].GetProperty("doJumpId").GetInt32());
    }

    [Fact]
    public void A_saved_survey_opens_again_as_a_survey_with_the_same_polygon_spacing_angle_and_items()
    {
        PlanDocument document = PlanWithSurvey(out SurveyComplexItem survey);
        PlanDocument opened = PlanFiles.Parse(PlanFiles.ToJson(document), "survey.plan");

        Assert.Equal(document.Items, opened.Items);
        PlanSurvey restored = Assert.Single(opened.Surveys);
        Assert.Equal(2, restored.FirstIndex);
        Assert.Equal(survey.Items.Count, restored.Count);
        Assert.Equal(Field(), restored.Survey.Polygon);
        Assert.Equal(30, restored.LineSpacingM);
        Assert.Equal(20, restored.Survey.Camera.AdjustedFootprintFrontalM);
        Assert.Equal(survey.AngleDeg, restored.Survey.AngleDeg);
        Assert.Equal(survey.VisualTransectPoints, restored.Survey.VisualTransectPoints);

        // And a second save writes the same file.
        Assert.Equal(PlanFiles.ToJson(document), PlanFiles.ToJson(opened));
    }

    [SharedDataFact]
    public void A_qgroundcontrol_survey_plan_opens_with_its_survey_and_saves_it_back_as_a_complex_item()
    {
        // MAVSDK's copy of a QGroundControl file: SET_CAMERA_MODE, then a version-5 survey (angle 90°, 4 corners,
        // 25 m manual footprints, 12 generated items).
        PlanDocument opened = PlanFiles.Open(SharedData.PathOf("missions", "mavsdk_survey.plan"));
        PlanSurvey survey = Assert.Single(opened.Surveys);
        Assert.Equal(1, survey.FirstIndex);
        Assert.Equal(12, survey.Count);
        Assert.Equal(4, survey.Survey.Polygon.Count);
        Assert.Equal(90, survey.Survey.AngleDeg);
        Assert.Equal(25, survey.LineSpacingM);
        Assert.Equal(MavCmd.NavWaypoint, opened[1].Command);

        PlanDocument again = PlanFiles.Parse(PlanFiles.ToJson(opened), "again.plan");
        PlanSurvey kept = Assert.Single(again.Surveys);
        Assert.Equal(survey.Survey.Polygon, kept.Survey.Polygon);
        Assert.Equal(survey.Survey.Camera, kept.Survey.Camera);
        Assert.Equal(survey.Survey.VisualTransectPoints, kept.Survey.VisualTransectPoints);
        Assert.Equal(opened.Items, again.Items);
    }

    [Fact]
    public void Inserting_before_a_survey_shifts_it_and_editing_one_of_its_items_turns_it_into_plain_items()
    {
        PlanDocument document = PlanWithSurvey(out SurveyComplexItem survey);
        document.AddWaypoint(47.3979, 8.5457, after: 0);
        Assert.Equal(3, Assert.Single(document.Surveys).FirstIndex);
        document.Delete(1);
        Assert.Equal(2, Assert.Single(document.Surveys).FirstIndex);

        // A waypoint added after the survey's last item leaves it whole; moving one of its items breaks it.
        document.AddWaypoint(47.3990, 8.5490, after: 1 + survey.Items.Count);
        Assert.Equal(survey.Items.Count, Assert.Single(document.Surveys).Count);
        Assert.True(document.Move(2, 47.3986, 8.5461));
        Assert.Empty(document.Surveys);
        using JsonDocument json = JsonDocument.Parse(PlanFiles.ToJson(document));
        Assert.All(json.RootElement.GetProperty("mission").GetProperty("items").EnumerateArray(), i => Assert.Equal("SimpleItem", i.GetProperty("type").GetString()));
    }
}
