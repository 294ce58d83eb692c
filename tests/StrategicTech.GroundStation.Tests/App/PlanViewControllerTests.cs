using SkiaSharp;
using StrategicTech.GroundStation.App;
using StrategicTech.GroundStation.Model;
using StrategicTech.GroundStation.Plan;
using StrategicTech.GroundStation.Rendering;
using StrategicTech.GroundStation.Telemetry;
using StrategicTech.Navigation.Missions;

namespace StrategicTech.GroundStation.Tests.App;

/// <summary>The plan view driven by plain mouse and key calls (what the window forwards from SDL), without a window.</summary>
public sealed class PlanViewControllerTests
{
    private static PlanViewController WithVehicle()
    {
        var fleet = new Fleet();
        fleet.Apply(new TelemetrySample { Kind = TelemetryKind.Heartbeat, SystemId = 1, I0 = 0, I1 = 1, I2 = 2 | (12 << 8) });
        fleet.Apply(new TelemetrySample { Kind = TelemetryKind.GlobalPosition, SystemId = 1, A = 47.4, B = 8.5, C = 500, D = 0, I1 = 0 });
        fleet.Apply(new TelemetrySample { Kind = TelemetryKind.Home, SystemId = 1, A = 47.4, B = 8.5, C = 488 });
        fleet.Update(0);
        var ui = new PlanViewController(fleet, null);
        ui.Update(0, 1280, 720);
        return ui;
    }

    private static void Click(PlanViewController ui, float x, float y)
    {
        ui.MouseDown(x, y);
        ui.MouseUp(x, y);
        ui.Update(ui.NowUs, ui.Width, ui.Height);
    }

    private static void Click(PlanViewController ui, UiAction action, int systemId = -1)
    {
        UiButton b = ui.Buttons.First(b => b.Action == action && (systemId < 0 || b.SystemId == systemId));
        Click(ui, b.Rect.MidX, b.Rect.MidY);
    }

    private static void Drag(PlanViewController ui, (float X, float Y) from, (float X, float Y) to)
    {
        ui.MouseDown(from.X, from.Y);
        for (int i = 1; i <= 5; i++)
        {
            ui.MouseMove(from.X + ((to.X - from.X) * i / 5), from.Y + ((to.Y - from.Y) * i / 5), buttonDown: true);
        }

        ui.MouseUp(to.X, to.Y);
        ui.Update(ui.NowUs, ui.Width, ui.Height);
    }

    private static void Type(PlanViewController ui, int field, string text)
    {
        Click(ui, UiAction.PlanFocusField, field);
        ui.Text(text);
        ui.Key(13);
        ui.Update(ui.NowUs, ui.Width, ui.Height);
    }

    [Fact]
    public void The_map_centres_on_the_vehicles_home_and_the_plan_takes_it_as_planned_home()
    {
        PlanViewController ui = WithVehicle();
        Assert.Equal((47.4, 8.5), (ui.Map.CenterLatDeg, ui.Map.CenterLonDeg));
        Assert.Equal(new LatLonDeg(47.4, 8.5), ui.Document.Home);
        Assert.Equal(488, ui.Document.HomeAltitudeAmslM);
    }

    [Fact]
    public void A_click_on_the_map_adds_a_waypoint_under_the_pointer_and_selects_it()
    {
        PlanViewController ui = WithVehicle();
        Click(ui, 800, 300);
        MissionItem item = Assert.Single(ui.Document.Items);
        (double lat, double lon) = ui.Map.ToGeo(800, 300, 1280, 720);
        Assert.Equal((MavCmd.NavWaypoint, lat, lon), (item.Command, item.LatitudeDeg, item.LongitudeDeg));
        Assert.Equal(0, ui.Selected);
        Assert.Equal("20", ui.Fields[0].Text);
    }

    [Fact]
    public void Dragging_a_waypoint_moves_it_to_where_the_mouse_is_released_without_adding_one()
    {
        PlanViewController ui = WithVehicle();
        Click(ui, 800, 300);
        Click(ui, 900, 400);
        Drag(ui, ui.ScreenOf(0)!.Value, (700, 500));
        Assert.Equal(2, ui.Document.Count);
        (double lat, double lon) = ui.Map.ToGeo(700, 500, 1280, 720);
        Assert.Equal((lat, lon), (ui.Document[0].LatitudeDeg, ui.Document[0].LongitudeDeg));
        Assert.Equal(0, ui.Selected);
    }

    [Fact]
    public void Dragging_empty_map_pans_it_and_adds_nothing()
    {
        PlanViewController ui = WithVehicle();
        Drag(ui, (800, 300), (850, 300));
        Assert.Equal(0, ui.Document.Count);
        Assert.True(ui.Map.CenterLonDeg < 8.5);
    }

    [Fact]
    public void Takeoff_land_and_delete_buttons_edit_the_mission()
    {
        PlanViewController ui = WithVehicle();
        Click(ui, 800, 300);
        Click(ui, UiAction.PlanTakeoff);
        Click(ui, UiAction.PlanLand);
        Assert.Equal([MavCmd.NavTakeoff, MavCmd.NavWaypoint, MavCmd.NavLand], ui.Document.Items.Select(i => i.Command));
        ui.Select(1);
        Click(ui, UiAction.PlanDelete);
        Assert.Equal([MavCmd.NavTakeoff, MavCmd.NavLand], ui.Document.Items.Select(i => i.Command));
    }

    [Fact]
    public void The_editor_sets_altitude_hold_acceptance_radius_and_speed_of_the_selected_waypoint()
    {
        PlanViewController ui = WithVehicle();
        Click(ui, 800, 300);
        Type(ui, 0, "35");
        Type(ui, 2, "4");
        Type(ui, 3, "1.5");
        Type(ui, 1, "6");
        Assert.Equal((35.0, 4.0, 1.5), (ui.Document[0].AltitudeM, ui.Document[0].Param1, ui.Document[0].Param2));
        Assert.Equal(6, ui.Document.SpeedAfter(0));
        Assert.False(ui.MessageIsError, ui.Message);
    }

    [Fact]
    public void The_editor_refuses_text_and_out_of_range_values_with_a_sentence_and_keeps_the_item()
    {
        PlanViewController ui = WithVehicle();
        Click(ui, 800, 300);
        MissionItem before = ui.Document[0];
        Type(ui, 0, "abc");
        Assert.True(ui.MessageIsError);
        Assert.Equal("ALT m: \"abc\" is not a number", ui.Message);
        Type(ui, 3, "5000");
        Assert.Equal("RADIUS must be between 0 and 1000 m (0: the vehicle's default)", ui.Message);
        Assert.Equal(before, ui.Document[0]);
        Assert.Equal("20", ui.Fields[0].Text);
    }

    [Fact]
    public void Three_clicks_with_the_fence_tool_then_done_make_an_exclusion_polygon_when_toggled()
    {
        PlanViewController ui = WithVehicle();
        Click(ui, UiAction.PlanToolFencePolygon);
        Click(ui, UiAction.PlanToggleInclusion);
        Click(ui, 600, 200);
        Click(ui, 900, 200);
        Click(ui, 900, 500);
        Assert.Equal(3, ui.Draft.Count);
        Click(ui, UiAction.PlanFinishShape);
        GeofencePolygon polygon = Assert.Single(ui.Document.FencePolygons);
        Assert.False(polygon.IsInclusion);
        Assert.Equal(3, polygon.Vertices.Count);
        Assert.Empty(ui.Draft);
        Assert.Equal(0, ui.Document.Count);
    }

    [Fact]
    public void The_circle_tool_uses_the_radius_field_and_the_rally_tool_the_altitude_field()
    {
        PlanViewController ui = WithVehicle();
        Type(ui, 3, "40");
        Type(ui, 0, "15");
        Click(ui, UiAction.PlanToolFenceCircle);
        Click(ui, 800, 300);
        Click(ui, UiAction.PlanToolRally);
        Click(ui, 700, 300);
        Assert.Equal(40, Assert.Single(ui.Document.FenceCircles).RadiusM);
        Assert.Equal(15, Assert.Single(ui.Document.RallyPoints).AltitudeM);
    }

    [Fact]
    public void Four_clicks_with_the_survey_tool_then_done_insert_lawnmower_waypoints_inside_the_polygon()
    {
        PlanViewController ui = WithVehicle();
        ui.Map.SetScale(1);
        Click(ui, UiAction.PlanToolSurvey);
        Click(ui, 600, 200);
        Click(ui, 900, 200);
        Click(ui, 900, 400);
        Click(ui, 600, 400);
        Click(ui, UiAction.PlanFinishShape);
        MissionItem[] waypoints = [.. ui.Document.Items.Where(i => i.Command == MavCmd.NavWaypoint)];

        // 300 × 200 m at 25 m spacing: 8 passes (fewest, along the 300 m side), two ends each.
        Assert.Equal(16, waypoints.Length);
        foreach (MissionItem w in waypoints)
        {
            (float x, float y) = ui.Map.ToScreen(w.LatitudeDeg, w.LongitudeDeg, 1280, 720);
            Assert.InRange(x, 599.9f, 900.1f);
            Assert.InRange(y, 199.9f, 400.1f);
        }
    }

    [Fact]
    public void Opening_an_unreadable_file_says_why_and_keeps_the_plan()
    {
        PlanViewController ui = WithVehicle();
        Click(ui, 800, 300);
        string path = Path.Combine(Path.GetTempPath(), $"broken-{Guid.NewGuid():N}.plan");
        File.WriteAllText(path, "{ \"fileType\": \"Plan\", \"version\": 1, \"mission\": { \"items\": [ }");
        try
        {
            ui.SetFilePath(path);
            Click(ui, UiAction.PlanOpen);
        }
        finally
        {
            File.Delete(path);
        }

        Assert.True(ui.MessageIsError);
        Assert.StartsWith("cannot open: " + Path.GetFileName(path) + ": line 1", ui.Message, StringComparison.Ordinal);
        Assert.Single(ui.Document.Items);
    }

    [Fact]
    public void Save_then_open_through_the_file_box_restores_the_plan()
    {
        PlanViewController ui = WithVehicle();
        Click(ui, 800, 300);
        Click(ui, UiAction.PlanTakeoff);
        Click(ui, UiAction.PlanReturnToLaunch);
        string path = Path.Combine(Path.GetTempPath(), $"saved-{Guid.NewGuid():N}.plan");
        try
        {
            ui.SetFilePath(path);
            Click(ui, UiAction.PlanSave);
            MissionItem[] saved = [.. ui.Document.Items];
            ui.Select(0);
            Click(ui, UiAction.PlanDelete);
            Click(ui, UiAction.PlanOpen);
            Assert.Equal(saved, ui.Document.Items);
            Assert.False(ui.MessageIsError, ui.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Upload_without_a_link_says_there_is_no_vehicle_to_upload_to()
    {
        var ui = new PlanViewController(new Fleet(), null);
        ui.Update(0, 1280, 720);
        Click(ui, UiAction.PlanUpload);
        Assert.Equal(("no vehicle to upload to", true), (ui.Message, ui.MessageIsError));
    }

    [Fact]
    public void The_plan_view_lays_out_every_tool_editor_and_transfer_button_inside_its_panel()
    {
        PlanViewController ui = WithVehicle();
        SKRect panel = PlanViewLayout.Panel(720);
        UiAction[] expected =
        [
            UiAction.PlanToolWaypoint, UiAction.PlanToolSurvey, UiAction.PlanToolRally, UiAction.PlanToolFencePolygon, UiAction.PlanToolFenceCircle,
            UiAction.PlanToggleInclusion, UiAction.PlanTakeoff, UiAction.PlanLand, UiAction.PlanReturnToLaunch, UiAction.PlanFinishShape,
            UiAction.PlanDelete, UiAction.PlanOpen, UiAction.PlanSave, UiAction.PlanUpload, UiAction.PlanDownload,
        ];
        foreach (UiAction action in expected)
        {
            UiButton b = Assert.Single(ui.Buttons, b => b.Action == action);
            Assert.True(panel.Contains(b.Rect), $"{action} at {b.Rect} is outside the panel {panel}");
        }

        Assert.Equal(6, ui.Buttons.Count(b => b.Action == UiAction.PlanFocusField));
        Assert.Contains(ui.Buttons, b => b.Action == UiAction.ShowPlan);
    }
}
