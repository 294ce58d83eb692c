using StrategicTech.Autopilot.Flight;
using StrategicTech.Autopilot.Hal;
using StrategicTech.Autopilot.Tests.Comms;
using StrategicTech.Autopilot.Vehicles;

namespace StrategicTech.Autopilot.Tests.Vehicles;

public class RcModeSwitchTests
{
    [Fact]
    public void Mode_switch_asks_for_the_slot_mode_only_when_moved_and_ignores_failsafe_frames()
    {
        var parameters = FlightParameterDefinitions.CreateStore();
        parameters.Set("RC_MAP_FLTMODE", 5);
        parameters.Set("COM_FLTMODE1", 3);  // mission
        parameters.Set("COM_FLTMODE3", 4);  // hold
        parameters.Set("COM_FLTMODE6", 2);  // position
        var modeSwitch = new RcModeSwitch(parameters);
        var vehicle = new FakeVehicle();

        modeSwitch.OnFrame(Frame(1000, failsafe: false), vehicle);   // first frame: only where the switch stands
        modeSwitch.OnFrame(Frame(1000, failsafe: false), vehicle);   // unmoved
        Assert.Empty(vehicle.Calls);

        modeSwitch.OnFrame(Frame(2000, failsafe: true), vehicle);    // the receiver's hold values are not the pilot's
        Assert.Empty(vehicle.Calls);

        modeSwitch.OnFrame(Frame(2000, failsafe: false), vehicle);   // slot 6
        modeSwitch.OnFrame(Frame(1900, failsafe: false), vehicle);   // still slot 6: no repeat
        modeSwitch.OnFrame(Frame(1420, failsafe: false), vehicle);   // slot 3 (1334..1500 µs)
        modeSwitch.OnFrame(Frame(1250, failsafe: false), vehicle);   // slot 2: unassigned (-1), no request
        Assert.Equal(["SetMode(Position)", "SetMode(Hold)"], vehicle.Calls);
        Assert.Equal((FlightMode.Hold, CommandOutcome.Accepted), modeSwitch.LastRequest);
    }

    [Fact]
    public void Mode_switch_is_off_without_RC_MAP_FLTMODE()
    {
        var parameters = FlightParameterDefinitions.CreateStore();
        parameters.Set("COM_FLTMODE1", 3);
        parameters.Set("COM_FLTMODE6", 2);
        var modeSwitch = new RcModeSwitch(parameters);
        var vehicle = new FakeVehicle();
        modeSwitch.OnFrame(Frame(1000, failsafe: false), vehicle);
        modeSwitch.OnFrame(Frame(2000, failsafe: false), vehicle);
        Assert.Empty(vehicle.Calls);
    }

    [Theory]
    [InlineData(0, FlightMode.Stabilized)]
    [InlineData(2, FlightMode.Position)]
    [InlineData(5, FlightMode.ReturnToLaunch)]
    [InlineData(11, FlightMode.Land)]
    public void PX4_COM_FLTMODE_numbers_map_to_our_modes(int px4, FlightMode expected) => Assert.Equal(expected, RcModeSwitch.ModeOf(px4));

    [Fact]
    public void Unassigned_and_unflown_PX4_modes_map_to_nothing()
    {
        Assert.Null(RcModeSwitch.ModeOf(-1));
        Assert.Null(RcModeSwitch.ModeOf(6));   // acro
        Assert.Null(RcModeSwitch.ModeOf(12));  // follow me
    }

    private static RcInputSample Frame(ushort modeSwitchUs, bool failsafe)
    {
        var rc = new RcInputSample { TimeUs = 1, ChannelCount = 8, Failsafe = failsafe };
        for (int i = 0; i < 8; i++)
        {
            rc.ChannelsUs[i] = 1500;
        }

        rc.ChannelsUs[4] = modeSwitchUs;
        return rc;
    }
}
