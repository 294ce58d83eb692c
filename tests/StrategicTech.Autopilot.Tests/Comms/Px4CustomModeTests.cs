using StrategicTech.Autopilot.Comms;
using StrategicTech.Autopilot.Flight;
using StrategicTech.Drivers.Mavlink.Dialects.Minimal;

namespace StrategicTech.Autopilot.Tests.Comms;

public sealed class Px4CustomModeTests
{
    [Theory]
    [InlineData(FlightMode.Stabilized, 0x0007_0000u)]
    [InlineData(FlightMode.Altitude, 0x0002_0000u)]
    [InlineData(FlightMode.Position, 0x0003_0000u)]
    [InlineData(FlightMode.Mission, 0x0404_0000u)]
    [InlineData(FlightMode.Takeoff, 0x0204_0000u)]
    [InlineData(FlightMode.Land, 0x0604_0000u)]
    [InlineData(FlightMode.ReturnToLaunch, 0x0504_0000u)]
    [InlineData(FlightMode.Hold, 0x0304_0000u)]
    [InlineData(FlightMode.Offboard, 0x0006_0000u)]
    public void Encodes_px4_main_and_sub_mode_and_decodes_back(FlightMode mode, uint expected)
    {
        Assert.Equal(expected, Px4CustomMode.Encode(mode));
        Assert.True(Px4CustomMode.TryDecode(expected, out FlightMode decoded));
        Assert.Equal(mode, decoded);
    }

    [Fact]
    public void Manual_decodes_to_stabilized_and_acro_or_auto_ready_are_refused()
    {
        Assert.True(Px4CustomMode.TryDecode(Px4CustomMode.Compose(Px4CustomMode.MainManual), out FlightMode manual));
        Assert.Equal(FlightMode.Stabilized, manual);
        Assert.False(Px4CustomMode.TryDecode(Px4CustomMode.Compose(Px4CustomMode.MainAcro), out _));
        Assert.False(Px4CustomMode.TryDecode(Px4CustomMode.Compose(Px4CustomMode.MainAuto, Px4CustomMode.AutoReady), out _));
        Assert.False(Px4CustomMode.TryDecode(Px4CustomMode.Compose(42), out _));
    }

    [Fact]
    public void Base_mode_flags_follow_px4()
    {
        Assert.Equal((MavModeFlag)(1 | 128 | 4 | 16 | 8), Px4CustomMode.BaseMode(FlightMode.Mission, armed: true));
        Assert.Equal((MavModeFlag)(1 | 4 | 16 | 8), Px4CustomMode.BaseMode(FlightMode.Hold, armed: false));
        Assert.Equal((MavModeFlag)(1 | 64 | 16 | 8), Px4CustomMode.BaseMode(FlightMode.Position, armed: false));
        Assert.Equal((MavModeFlag)(1 | 128 | 64 | 16), Px4CustomMode.BaseMode(FlightMode.Stabilized, armed: true));
        Assert.Equal((MavModeFlag)(1 | 4 | 16 | 8), Px4CustomMode.BaseMode(FlightMode.Offboard, armed: false));
    }
}
