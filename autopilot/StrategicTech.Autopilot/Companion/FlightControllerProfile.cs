using System.Globalization;
using StrategicTech.Autopilot.Comms;
using StrategicTech.Drivers.Mavlink.Dialects.Common;
using StrategicTech.Drivers.Mavlink.Dialects.Minimal;
using MavCmd = StrategicTech.Drivers.Mavlink.Dialects.Common.MavCmd;

namespace StrategicTech.Autopilot.Companion;

/// <summary>
/// How one firmware is driven from a companion: which custom mode takes external setpoints (PX4 OFFBOARD, ArduPilot
/// GUIDED), which one holds, how it takes off and lands. Commands are built here; the companion sends them with
/// retries and judges their COMMAND_ACK.
/// </summary>
public abstract class FlightControllerProfile
{
    public abstract FlightControllerKind Kind { get; }

    /// <summary>PX4 refuses OFFBOARD (and leaves it) unless setpoints already stream; ArduPilot takes GUIDED without them.</summary>
    public abstract bool StreamsBeforeModeSwitch { get; }

    /// <summary>True when the climb is a MAV_CMD_NAV_TAKEOFF (ArduPilot GUIDED); false when the companion streams it (PX4 OFFBOARD).</summary>
    public abstract bool TakesOffByCommand { get; }

    /// <summary>custom_mode of the mode that follows external setpoints.</summary>
    public abstract uint GuidedCustomMode { get; }

    /// <summary>custom_mode of the firmware's position hold, where the companion's failsafe leaves the vehicle.</summary>
    public abstract uint HoldCustomMode { get; }

    /// <summary>True when a HEARTBEAT's custom_mode is the setpoint-following mode.</summary>
    public abstract bool IsGuided(uint customMode);

    /// <summary>A readable mode name for logs.</summary>
    public abstract string ModeName(uint customMode);

    /// <summary>MAV_CMD_DO_SET_MODE to the setpoint-following mode.</summary>
    public abstract CommandLong GuidedModeCommand(byte targetSystem, byte targetComponent);

    /// <summary>MAV_CMD_DO_SET_MODE to the firmware's own position hold (the companion's failsafe hands the vehicle over to it).</summary>
    public abstract CommandLong HoldModeCommand(byte targetSystem, byte targetComponent);

    /// <summary>The command that lands where the vehicle is.</summary>
    public abstract CommandLong LandCommand(byte targetSystem, byte targetComponent);

    /// <summary>MAV_CMD_NAV_TAKEOFF to <paramref name="heightM"/> above home (whose AMSL altitude is <paramref name="homeAmslM"/>).</summary>
    public abstract CommandLong TakeoffCommand(byte targetSystem, byte targetComponent, double heightM, double homeAmslM);

    /// <summary>MAV_CMD_COMPONENT_ARM_DISARM.</summary>
    public static CommandLong ArmCommand(byte targetSystem, byte targetComponent, bool arm) =>
        new() { TargetSystem = targetSystem, TargetComponent = targetComponent, Command = MavCmd.ComponentArmDisarm, Param1 = arm ? 1 : 0 };

    /// <summary>The profile of a detected firmware; null for one the companion does not drive.</summary>
    public static FlightControllerProfile? For(FlightControllerKind kind, MavType type) => kind switch
    {
        FlightControllerKind.Px4 => Px4FlightControllerProfile.Instance,
        FlightControllerKind.ArduPilot when IsMulticopter(type) => ArduCopterFlightControllerProfile.Instance,
        _ => null,
    };

    public static bool IsMulticopter(MavType type) =>
        type is MavType.Quadrotor or MavType.Hexarotor or MavType.Octorotor or MavType.Tricopter or MavType.Coaxial or MavType.Helicopter or MavType.Dodecarotor;

    protected static CommandLong SetMode(byte targetSystem, byte targetComponent, float param2, float param3) => new()
    {
        TargetSystem = targetSystem,
        TargetComponent = targetComponent,
        Command = MavCmd.DoSetMode,
        Param1 = (float)MavModeFlag.CustomModeEnabled,
        Param2 = param2,
        Param3 = param3,
    };
}

/// <summary>PX4: OFFBOARD is custom main mode 6; hold is AUTO.LOITER; land is MAV_CMD_NAV_LAND; takeoff streamed in OFFBOARD.</summary>
public sealed class Px4FlightControllerProfile : FlightControllerProfile
{
    public static Px4FlightControllerProfile Instance { get; } = new();

    public override FlightControllerKind Kind => FlightControllerKind.Px4;

    public override bool StreamsBeforeModeSwitch => true;

    public override bool TakesOffByCommand => false;

    public override uint GuidedCustomMode => Px4CustomMode.Compose(Px4CustomMode.MainOffboard);

    public override uint HoldCustomMode => Px4CustomMode.Compose(Px4CustomMode.MainAuto, Px4CustomMode.AutoLoiter);

    public override bool IsGuided(uint customMode) => Px4CustomMode.MainMode(customMode) == Px4CustomMode.MainOffboard;

    public override string ModeName(uint customMode) => Px4CustomMode.TryDecode(customMode, out Flight.FlightMode mode)
        ? mode.ToString()
        : string.Create(CultureInfo.InvariantCulture, $"main {Px4CustomMode.MainMode(customMode)} sub {Px4CustomMode.SubMode(customMode)}");

    public override CommandLong GuidedModeCommand(byte targetSystem, byte targetComponent) =>
        SetMode(targetSystem, targetComponent, Px4CustomMode.MainOffboard, 0);

    public override CommandLong HoldModeCommand(byte targetSystem, byte targetComponent) =>
        SetMode(targetSystem, targetComponent, Px4CustomMode.MainAuto, Px4CustomMode.AutoLoiter);

    public override CommandLong LandCommand(byte targetSystem, byte targetComponent) =>
        new() { TargetSystem = targetSystem, TargetComponent = targetComponent, Command = MavCmd.NavLand, Param4 = float.NaN, Param5 = float.NaN, Param6 = float.NaN, Param7 = float.NaN };

    /// <summary>PX4 reads param7 as an AMSL altitude.</summary>
    public override CommandLong TakeoffCommand(byte targetSystem, byte targetComponent, double heightM, double homeAmslM) =>
        new() { TargetSystem = targetSystem, TargetComponent = targetComponent, Command = MavCmd.NavTakeoff, Param4 = float.NaN, Param5 = float.NaN, Param6 = float.NaN, Param7 = (float)(homeAmslM + heightM) };
}

/// <summary>ArduCopter: GUIDED is mode 4, hold is LOITER (5), land is LAND (9); takeoff is MAV_CMD_NAV_TAKEOFF in GUIDED (param7 above home).</summary>
public sealed class ArduCopterFlightControllerProfile : FlightControllerProfile
{
    public static ArduCopterFlightControllerProfile Instance { get; } = new();

    public override FlightControllerKind Kind => FlightControllerKind.ArduPilot;

    public override bool StreamsBeforeModeSwitch => false;

    public override bool TakesOffByCommand => true;

    public override uint GuidedCustomMode => ArduCopterMode.Guided;

    public override uint HoldCustomMode => ArduCopterMode.Loiter;

    public override bool IsGuided(uint customMode) => customMode == ArduCopterMode.Guided;

    public override string ModeName(uint customMode) => ArduCopterMode.Name(customMode);

    public override CommandLong GuidedModeCommand(byte targetSystem, byte targetComponent) => SetMode(targetSystem, targetComponent, ArduCopterMode.Guided, 0);

    public override CommandLong HoldModeCommand(byte targetSystem, byte targetComponent) => SetMode(targetSystem, targetComponent, ArduCopterMode.Loiter, 0);

    public override CommandLong LandCommand(byte targetSystem, byte targetComponent) => SetMode(targetSystem, targetComponent, ArduCopterMode.Land, 0);

    public override CommandLong TakeoffCommand(byte targetSystem, byte targetComponent, double heightM, double homeAmslM) =>
        new() { TargetSystem = targetSystem, TargetComponent = targetComponent, Command = MavCmd.NavTakeoff, Param7 = (float)heightM };
}
