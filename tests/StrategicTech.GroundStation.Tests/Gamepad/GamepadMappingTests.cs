using StrategicTech.Drivers.Mavlink.Dialects.Common;
using StrategicTech.GroundStation.Gamepad;

namespace StrategicTech.GroundStation.Tests.Gamepad;

/// <summary>Stick shaping (dead band, expo) and the mode-2 mapping of a game controller to MANUAL_CONTROL.</summary>
public sealed class GamepadMappingTests
{
    [Theory]
    [InlineData((short)0, 0.0)]
    [InlineData((short)2600, 0.0)] // 7.9 % deflection: inside the 8 % dead band
    [InlineData((short)32767, 1.0)]
    [InlineData((short)-32768, -1.0)]
    public void Dead_band_reads_the_centre_as_zero_and_full_deflection_still_reaches_one(short raw, double expected) =>
        Assert.Equal(expected, StickShaping.Shape(raw, 0.08, 0.3), 12);

    [Fact]
    public void Expo_softens_half_deflection_to_the_cubic_blend()
    {
        // Half way past the dead band: a = 0.5; (1 - 0.3)·0.5 + 0.3·0.125 = 0.3875.
        short raw = (short)Math.Round(32767 * (0.08 + (0.5 * 0.92)));
        Assert.Equal(0.3875, StickShaping.Shape(raw, 0.08, 0.3), 4);
        Assert.Equal(-0.3875, StickShaping.Shape((short)-raw, 0.08, 0.3), 4);
        Assert.Equal(0.5, StickShaping.Shape(raw, 0.08, 0), 4);
    }

    [Fact]
    public void Centred_sticks_send_zero_attitude_and_mid_throttle()
    {
        var pad = new GamepadState(new GamepadSettings());
        pad.Connect(7, "virtual");
        ManualControl m = pad.ToMessage(1);
        Assert.Equal((1, 0, 0, 500, 0), (m.Target, m.X, m.Y, m.Z, m.R));
    }

    [Fact]
    public void Right_stick_up_and_right_is_pitch_forward_and_roll_right_left_stick_down_is_zero_throttle()
    {
        var pad = new GamepadState(new GamepadSettings());
        pad.Connect(7, "virtual");
        pad.SetAxis(GamepadState.AxisRightY, short.MinValue);
        pad.SetAxis(GamepadState.AxisRightX, short.MaxValue);
        pad.SetAxis(GamepadState.AxisLeftY, short.MaxValue);
        pad.SetAxis(GamepadState.AxisLeftX, short.MinValue);
        ManualControl m = pad.ToMessage(3);
        Assert.Equal((3, 1000, 1000, 0, -1000), (m.Target, m.X, m.Y, m.Z, m.R));
    }

    [Fact]
    public void Unplugging_counts_a_disconnect_and_centres_the_sticks()
    {
        var pad = new GamepadState(new GamepadSettings());
        pad.Connect(7, "virtual");
        pad.SetAxis(GamepadState.AxisRightY, short.MinValue);
        pad.Disconnect();
        pad.Disconnect();
        Assert.False(pad.Connected);
        Assert.Equal(1, pad.Disconnects);
        Assert.Equal(0, pad.Axis(GamepadState.AxisRightY));
    }
}
