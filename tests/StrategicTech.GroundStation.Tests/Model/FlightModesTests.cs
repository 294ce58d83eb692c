using StrategicTech.GroundStation.Model;

namespace StrategicTech.GroundStation.Tests.Model;

public class FlightModesTests
{
    // PX4: px4_custom_mode.h main modes (MANUAL 1, ALTCTL 2, POSCTL 3, AUTO 4, OFFBOARD 6, STABILIZED 7) and AUTO
    // sub modes (TAKEOFF 2, LOITER 3, MISSION 4, RTL 5, LAND 6); the name is what the HEARTBEAT decoder shows.
    [Theory]
    [InlineData("Manual", 1, 0, "MANUAL")]
    [InlineData("Stabilized", 7, 0, "STABILIZED")]
    [InlineData("Altitude", 2, 0, "ALTCTL")]
    [InlineData("Position", 3, 0, "POSCTL")]
    [InlineData("Hold", 4, 3, "HOLD")]
    [InlineData("Mission", 4, 4, "MISSION")]
    [InlineData("Return", 4, 5, "RTL")]
    [InlineData("Land", 4, 6, "LAND")]
    [InlineData("Takeoff", 4, 2, "TAKEOFF")]
    [InlineData("Offboard", 6, 0, "OFFBOARD")]
    public void Px4_mode_sends_its_main_and_sub_mode_and_its_heartbeat_custom_mode_maps_back_to_it(string name, int main, int sub, string heartbeatName)
    {
        FlightModeChoice mode = FlightModes.Find(FlightModeNames.AutopilotPx4, 2, name)!.Value;
        Assert.Equal((1f, (float)main, (float)sub), (FlightModes.CustomModeEnabled, mode.Param2, mode.Param3));

        uint heartbeat = ((uint)main << 16) | ((uint)sub << 24);
        Assert.Equal(heartbeat, mode.CustomMode);
        Assert.Equal(mode, FlightModes.Current(FlightModeNames.AutopilotPx4, 2, heartbeat));
        Assert.Equal(heartbeatName, FlightModeNames.Describe(FlightModeNames.AutopilotPx4, 2, heartbeat));
    }

    // ArduCopter mode numbers: STABILIZE 0, ALT_HOLD 2, AUTO 3, GUIDED 4, LOITER 5, RTL 6, LAND 9, POSHOLD 16, BRAKE 17.
    [Theory]
    [InlineData("Stabilize", 0, "STABILIZE")]
    [InlineData("AltHold", 2, "ALT_HOLD")]
    [InlineData("Loiter", 5, "LOITER")]
    [InlineData("PosHold", 16, "POSHOLD")]
    [InlineData("Auto", 3, "AUTO")]
    [InlineData("Guided", 4, "GUIDED")]
    [InlineData("RTL", 6, "RTL")]
    [InlineData("Land", 9, "LAND")]
    [InlineData("Brake", 17, "BRAKE")]
    public void Arducopter_mode_sends_its_mode_number_in_param2_and_its_heartbeat_custom_mode_maps_back_to_it(string name, int number, string heartbeatName)
    {
        FlightModeChoice mode = FlightModes.Find(FlightModeNames.AutopilotArdupilot, 2, name)!.Value;
        Assert.Equal(((float)number, 0f), (mode.Param2, mode.Param3));
        Assert.Equal(mode, FlightModes.Current(FlightModeNames.AutopilotArdupilot, 2, (uint)number));
        Assert.Equal(heartbeatName, FlightModeNames.Describe(FlightModeNames.AutopilotArdupilot, 2, (uint)number));
    }

    [Fact]
    public void Mode_lists_are_the_px4_and_arducopter_sets_in_menu_order_and_empty_for_an_unknown_autopilot()
    {
        Assert.Equal(
            ["Manual", "Stabilized", "Altitude", "Position", "Hold", "Mission", "Return", "Land", "Takeoff", "Offboard"],
            FlightModes.For(FlightModeNames.AutopilotPx4, 2).Select(m => m.Name));
        Assert.Equal(
            ["Stabilize", "AltHold", "Loiter", "PosHold", "Auto", "Guided", "RTL", "Land", "Brake"],
            FlightModes.For(FlightModeNames.AutopilotArdupilot, 2).Select(m => m.Name));
        Assert.Empty(FlightModes.For(8, 2)); // MAV_AUTOPILOT_INVALID
        Assert.Null(FlightModes.Current(FlightModeNames.AutopilotPx4, 2, (4u << 16) | (8u << 24))); // AUTO.FOLLOW: not offered
    }

    [Fact]
    public void Hold_is_px4_auto_loiter_arducopter_loiter_5_and_arduplane_loiter_12()
    {
        Assert.Equal((4f, 3f), (FlightModes.Hold(FlightModeNames.AutopilotPx4, 2).Param2, FlightModes.Hold(FlightModeNames.AutopilotPx4, 2).Param3));
        Assert.Equal(5f, FlightModes.Hold(FlightModeNames.AutopilotArdupilot, 2).Param2);
        Assert.Equal(12f, FlightModes.Hold(FlightModeNames.AutopilotArdupilot, 1).Param2);
    }

    [Fact]
    public void Px4_manual_modes_match_on_the_main_mode_whatever_the_sub_mode_byte_holds()
    {
        Assert.Equal("Position", FlightModes.Current(FlightModeNames.AutopilotPx4, 2, (3u << 16) | (1u << 24))?.Name);
    }
}
