using SkiaSharp;
using StrategicTech.Drivers.Mavlink.Dialects.Common;
using StrategicTech.GroundStation.App;
using StrategicTech.GroundStation.Link;
using StrategicTech.GroundStation.Model;
using StrategicTech.GroundStation.Telemetry;

namespace StrategicTech.GroundStation.Tests.App;

public class FlyViewControllerTests
{
    private sealed class RecordingSender : ICommandSender
    {
        public List<(string Name, byte Target, MavCmd Command, float[] Params)> Sent { get; } = [];

        public List<(byte Target, double Lat, double Lon)> GoTos { get; } = [];

        public CommandOutcome Send(string name, byte targetSystem, MavCmd command, float p1 = 0, float p2 = 0, float p3 = 0, float p4 = 0, float p5 = 0, float p6 = 0, float p7 = 0)
        {
            Sent.Add((name, targetSystem, command, [p1, p2, p3, p4, p5, p6, p7]));
            return new CommandOutcome(name, 0);
        }

        public CommandOutcome GoTo(byte targetSystem, double latDeg, double lonDeg, float heightAboveHomeM)
        {
            GoTos.Add((targetSystem, latDeg, lonDeg));
            return new CommandOutcome("GO HERE", 0);
        }
    }

    private static (FlyViewController Ui, RecordingSender Sender) WithVehicle()
    {
        var fleet = new Fleet();
        fleet.Apply(new TelemetrySample { Kind = TelemetryKind.Heartbeat, SystemId = 1, I0 = 0, I1 = 1, I2 = 2 | (12 << 8) });
        fleet.Apply(new TelemetrySample { Kind = TelemetryKind.GlobalPosition, SystemId = 1, A = 47.4, B = 8.5, C = 500, D = 0, I1 = 0 });
        fleet.Apply(new TelemetrySample { Kind = TelemetryKind.Home, SystemId = 1, A = 47.4, B = 8.5, C = 488 });
        var sender = new RecordingSender();
        var ui = new FlyViewController(fleet, sender);
        ui.Update(0, 1280, 720);
        return (ui, sender);
    }

    private static void Click(FlyViewController ui, SKRect rect)
    {
        ui.MouseDown(rect.MidX, rect.MidY);
        ui.MouseUp(rect.MidX, rect.MidY);
        ui.Update(ui.NowUs, ui.Width, ui.Height);
    }

    [Fact]
    public void Arm_sends_nothing_until_the_pilot_confirms_then_sends_arm_disarm_with_param1_one()
    {
        (FlyViewController ui, RecordingSender sender) = WithVehicle();
        Click(ui, ui.FindButton(UiAction.Arm)!.Value.Rect);
        Assert.Empty(sender.Sent);
        Assert.Equal(UiAction.Arm, ui.PendingConfirm);

        Click(ui, ui.FindButton(UiAction.Confirm)!.Value.Rect);
        (string name, byte target, MavCmd command, float[] p) = Assert.Single(sender.Sent);
        Assert.Equal(("ARM", (byte)1, MavCmd.ComponentArmDisarm, 1f), (name, target, command, p[0]));
        Assert.Equal(UiAction.None, ui.PendingConfirm);
    }

    [Fact]
    public void Cancel_and_the_confirm_timeout_both_drop_a_pending_arm()
    {
        (FlyViewController ui, RecordingSender sender) = WithVehicle();
        Click(ui, ui.FindButton(UiAction.Arm)!.Value.Rect);
        Click(ui, ui.FindButton(UiAction.Cancel)!.Value.Rect);
        Assert.Equal(UiAction.None, ui.PendingConfirm);

        Click(ui, ui.FindButton(UiAction.Arm)!.Value.Rect);
        ui.Update(FlyViewController.ConfirmTimeoutUs + 1, 1280, 720);
        Assert.Null(ui.FindButton(UiAction.Confirm));
        Assert.Empty(sender.Sent);
    }

    [Fact]
    public void Takeoff_asks_for_home_plus_ten_metres_amsl_in_param7()
    {
        (FlyViewController ui, RecordingSender sender) = WithVehicle();
        Click(ui, ui.FindButton(UiAction.Takeoff)!.Value.Rect);
        (_, _, MavCmd command, float[] p) = Assert.Single(sender.Sent);
        Assert.Equal(MavCmd.NavTakeoff, command);
        Assert.Equal(498f, p[6]);
    }

    [Theory]
    [InlineData(UiAction.Land, MavCmd.NavLand)]
    [InlineData(UiAction.ReturnToLaunch, MavCmd.NavReturnToLaunch)]
    [InlineData(UiAction.MissionStart, MavCmd.MissionStart)]
    [InlineData(UiAction.Hold, MavCmd.DoSetMode)]
    public void Each_action_button_sends_its_command_to_the_selected_vehicle(UiAction action, MavCmd expected)
    {
        (FlyViewController ui, RecordingSender sender) = WithVehicle();
        Click(ui, ui.FindButton(action)!.Value.Rect);
        (_, byte target, MavCmd command, float[] p) = Assert.Single(sender.Sent);
        Assert.Equal((1, expected), (target, command));
        if (action == UiAction.Hold)
        {
            Assert.Equal([1f, 4f, 3f], p[..3]); // custom mode enabled, PX4 AUTO.LOITER
        }
    }

    [Fact]
    public void A_click_on_the_map_asks_to_go_there_and_the_confirm_sends_reposition_to_that_point()
    {
        (FlyViewController ui, RecordingSender sender) = WithVehicle();

        // 100 px east and 50 px north of the centre (the vehicle) at the map's scale.
        float x = 640 + 100;
        float y = 360 - 50;
        ui.MouseDown(x, y);
        ui.MouseUp(x, y);
        ui.Update(0, 1280, 720);
        Assert.Equal(UiAction.Confirm, ui.PendingConfirm);
        Assert.Empty(sender.GoTos);

        Click(ui, ui.FindButton(UiAction.Confirm)!.Value.Rect);
        (byte target, double lat, double lon) = Assert.Single(sender.GoTos);
        Assert.Equal(1, target);
        (double north, double east) = ui.Map.ToLocal(lat, lon);
        Assert.Equal(50 * ui.Map.MetresPerPixel, north, 6);
        Assert.Equal(100 * ui.Map.MetresPerPixel, east, 6);
    }

    [Fact]
    public void Dragging_the_map_pans_it_and_sends_nothing()
    {
        (FlyViewController ui, RecordingSender sender) = WithVehicle();
        double lat0 = ui.Map.CenterLatDeg;
        ui.MouseDown(600, 400);
        ui.MouseMove(600, 420, buttonDown: true);
        ui.MouseMove(600, 500, buttonDown: true);
        ui.MouseUp(600, 500);
        Assert.False(ui.Map.Follow);
        Assert.True(ui.Map.CenterLatDeg > lat0); // dragged down: the view moved north
        Assert.Equal(UiAction.None, ui.PendingConfirm);
        Assert.Empty(sender.Sent);
    }

    [Fact]
    public void Map_projection_round_trips_and_zoom_keeps_the_point_under_the_pointer()
    {
        var map = new Rendering.MapView();
        map.CenterOn(47.397, 8.546);
        (double lat, double lon) = map.ToGeo(900, 100, 1280, 720);
        (float x, float y) = map.ToScreen(lat, lon, 1280, 720);
        Assert.Equal(900, x, 3);
        Assert.Equal(100, y, 3);

        map.Zoom(0.5, 900, 100, 1280, 720);
        (float x2, float y2) = map.ToScreen(lat, lon, 1280, 720);

        // The centre's latitude (and so the east scale) moves with the zoom: measured 0.0058 px off; bound 0.009 px.
        Assert.InRange(Math.Abs(x2 - 900), 0, 0.009);
        Assert.InRange(Math.Abs(y2 - 100), 0, 0.009);
        Assert.Equal(0.5, map.MetresPerPixel, 12);
    }

    private static (FlyViewController Ui, RecordingSender Sender) WithVehicle(int autopilot, uint customMode)
    {
        var fleet = new Fleet();
        fleet.Apply(new TelemetrySample { Kind = TelemetryKind.Heartbeat, SystemId = 7, I0 = customMode, I1 = 1, I2 = 2 | (autopilot << 8) | (3 << 16) });
        var sender = new RecordingSender();
        var ui = new FlyViewController(fleet, sender);
        ui.Update(0, 1280, 720);
        return (ui, sender);
    }

    private static UiButton ModeRow(FlyViewController ui, string name) =>
        ui.Buttons.Single(b => b.Action == UiAction.SelectMode && b.Label == name);

    [Theory]
    [InlineData(FlightModeNames.AutopilotPx4, "Position", "MODE POSITION", 3f, 0f)]
    [InlineData(FlightModeNames.AutopilotPx4, "Mission", "MODE MISSION", 4f, 4f)]
    [InlineData(FlightModeNames.AutopilotArdupilot, "PosHold", "MODE POSHOLD", 16f, 0f)]
    public void Clicking_mode_then_a_mode_sends_do_set_mode_with_that_autopilots_numbers_and_closes_the_list(int autopilot, string mode, string label, float p2, float p3)
    {
        (FlyViewController ui, RecordingSender sender) = WithVehicle(autopilot, 0);
        Assert.Null(ui.FindButton(UiAction.SelectMode));

        Click(ui, ui.FindButton(UiAction.ModeMenu)!.Value.Rect);
        Assert.True(ui.ModeMenuOpen);
        Assert.Empty(sender.Sent);
        Click(ui, ModeRow(ui, mode).Rect);

        (string name, byte target, MavCmd command, float[] p) = Assert.Single(sender.Sent);
        Assert.Equal((label, (byte)7, MavCmd.DoSetMode), (name, target, command));
        Assert.Equal([1f, p2, p3], p[..3]); // MAV_MODE_FLAG_CUSTOM_MODE_ENABLED, custom main/sub (or ArduPilot number)
        Assert.False(ui.ModeMenuOpen);
        Assert.Null(ui.FindButton(UiAction.SelectMode));
    }

    [Fact]
    public void A_denied_mode_change_shows_denied_with_the_vehicles_statustext_reason()
    {
        (FlyViewController ui, RecordingSender sender) = WithVehicle(FlightModeNames.AutopilotPx4, (4u << 16) | (3u << 24));
        ui.Key('o');
        Click(ui, ModeRow(ui, "Altitude").Rect);
        Assert.Equal("MODE ALTITUDE: SENT…", ui.CommandLine());

        ui.Fleet.Apply(new TelemetrySample { Kind = TelemetryKind.StatusText, SystemId = 7, TimeUs = 5, I0 = 2, Text = "Manual mode denied: no manual input" });
        ui.LastCommand!.Complete(CommandState.Denied, "(Denied)");
        Assert.Equal("MODE ALTITUDE: DENIED (Denied): Manual mode denied: no manual input", ui.CommandLine());
        Assert.Single(sender.Sent);
    }

    [Fact]
    public void The_current_mode_is_the_one_the_heartbeat_reports_and_a_click_beside_the_list_closes_it_without_sending()
    {
        (FlyViewController ui, RecordingSender sender) = WithVehicle(FlightModeNames.AutopilotPx4, 3u << 16);
        Assert.Equal("Position", ui.CurrentMode()?.Name);
        ui.Fleet.Apply(new TelemetrySample { Kind = TelemetryKind.Heartbeat, SystemId = 7, TimeUs = 1_000_000, I0 = (4u << 16) | (5u << 24), I1 = 1, I2 = 2 | (12 << 8) | (3 << 16) });
        Assert.Equal("Return", ui.CurrentMode()?.Name);

        Click(ui, ui.FindButton(UiAction.ModeMenu)!.Value.Rect);
        Assert.Equal(10, ui.Buttons.Count(b => b.Action == UiAction.SelectMode));
        ui.MouseDown(700, 200);
        ui.MouseUp(700, 200);
        Assert.False(ui.ModeMenuOpen);
        Assert.Equal(UiAction.None, ui.PendingConfirm); // the click on the map did not become "go here"
        Assert.Empty(sender.Sent);
    }

    [Fact]
    public void An_autopilot_without_a_mode_table_gets_no_mode_list()
    {
        (FlyViewController ui, RecordingSender sender) = WithVehicle(8, 0); // MAV_AUTOPILOT_INVALID
        Click(ui, ui.FindButton(UiAction.ModeMenu)!.Value.Rect);
        Assert.False(ui.ModeMenuOpen);
        Assert.Empty(sender.Sent);
    }

    [Fact]
    public void Command_outcome_describes_accepted_denied_and_timed_out()
    {
        var o = new CommandOutcome("ARM", 0);
        Assert.Equal("ARM: SENT…", o.Describe());
        o.Complete(CommandState.Denied, "(Denied)");
        Assert.Equal("ARM: DENIED (Denied)", o.Describe());
        o.Complete(CommandState.TimedOut, string.Empty);
        Assert.Equal("ARM: TIMED OUT (no COMMAND_ACK)", o.Describe());
    }
}
