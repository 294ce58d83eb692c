using StrategicTech.Autopilot.Flight;
using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Autopilot.Tests.Flight;

public class FailsafeMonitorTests
{
    private static readonly FlightParameters Defaults = new();

    [Theory]
    [InlineData(FailsafeAction.ReturnToLaunch, true, FlightMode.ReturnToLaunch)]
    [InlineData(FailsafeAction.ReturnToLaunch, false, FlightMode.Land)]
    [InlineData(FailsafeAction.Land, true, FlightMode.Land)]
    [InlineData(FailsafeAction.Hold, true, FlightMode.Hold)]
    public void Manual_input_lost_in_a_manual_mode_takes_the_NAV_RCL_ACT_mode(FailsafeAction action, bool homeSet, FlightMode expected)
    {
        var monitor = new FailsafeMonitor();
        FailsafeDecision d = monitor.Evaluate(new FailsafeInputs(FlightMode.Position, false, false, true, homeSet) { Armed = true }, Defaults with { ManualLossAction = action });
        Assert.Equal(new FailsafeDecision(FailsafeKind.ManualInputLost, expected, FailsafeTexts.Of(FailsafeKind.ManualInputLost, action)) { Action = action }, d);
    }

    [Fact]
    public void Manual_input_lost_with_action_None_or_outside_manual_modes_is_no_failsafe()
    {
        var monitor = new FailsafeMonitor();
        Assert.True(monitor.Evaluate(new FailsafeInputs(FlightMode.Stabilized, false, false, true, true) { Armed = true }, Defaults with { ManualLossAction = FailsafeAction.None }).IsNone);
        Assert.True(monitor.Evaluate(new FailsafeInputs(FlightMode.Mission, false, false, true, true) { Armed = true }, Defaults).IsNone);
    }

    [Theory]
    [InlineData(FlightMode.Mission)]
    [InlineData(FlightMode.Hold)]
    [InlineData(FlightMode.Takeoff)]
    [InlineData(FlightMode.Offboard)]
    [InlineData(FlightMode.Position)]
    public void Rc_receiver_lost_takes_NAV_RCL_ACT_in_automatic_modes_too(FlightMode mode)
    {
        var monitor = new FailsafeMonitor();
        FailsafeDecision d = monitor.Evaluate(new FailsafeInputs(mode, false, true, true, true) { Armed = true, RcSignalLost = true }, Defaults);
        Assert.Equal(FailsafeKind.ManualInputLost, d.Kind);
        Assert.Equal(FlightMode.ReturnToLaunch, d.Mode);
    }

    [Theory]
    [InlineData(RcLossExceptions.Mission, FlightMode.Mission)]
    [InlineData(RcLossExceptions.Hold, FlightMode.Hold)]
    [InlineData(RcLossExceptions.Hold, FlightMode.Takeoff)]
    [InlineData(RcLossExceptions.Offboard, FlightMode.Offboard)]
    [InlineData(RcLossExceptions.None, FlightMode.ReturnToLaunch)]
    [InlineData(RcLossExceptions.None, FlightMode.Land)]
    public void Rc_receiver_lost_is_ignored_in_COM_RCL_EXCEPT_modes_and_while_returning_or_landing(RcLossExceptions exceptions, FlightMode mode)
    {
        var monitor = new FailsafeMonitor();
        FailsafeDecision d = monitor.Evaluate(new FailsafeInputs(mode, false, true, true, true) { Armed = true, RcSignalLost = true }, Defaults with { RcLossExceptions = exceptions });
        Assert.True(d.IsNone);
        Assert.False(monitor.IsActive(FailsafeKind.ManualInputLost));
    }

    [Fact]
    public void Rc_exceptions_for_Mission_do_not_cover_a_manual_mode()
    {
        var all = RcLossExceptions.Mission | RcLossExceptions.Hold | RcLossExceptions.Offboard;
        FailsafeDecision d = new FailsafeMonitor().Evaluate(new FailsafeInputs(FlightMode.Position, false, false, true, true) { Armed = true, RcSignalLost = true }, Defaults with { RcLossExceptions = all });
        Assert.Equal(FailsafeKind.ManualInputLost, d.Kind);
        Assert.Throws<ArgumentOutOfRangeException>(() => Defaults with { RcLossExceptions = (RcLossExceptions)8 });
    }

    [Theory]
    [InlineData(true, FlightMode.Hold)]
    [InlineData(false, FlightMode.Land)]
    public void Offboard_setpoints_lost_in_Offboard_hold_with_a_position_and_land_without(bool hasPosition, FlightMode expected)
    {
        FailsafeDecision d = new FailsafeMonitor().Evaluate(new FailsafeInputs(FlightMode.Offboard, false, false, hasPosition, true) { Armed = true }, Defaults);
        Assert.Equal(new FailsafeDecision(FailsafeKind.OffboardLost, expected, "Failsafe: offboard setpoints lost, hold") { Action = FailsafeAction.Hold }, d);
        Assert.True(new FailsafeMonitor().Evaluate(new FailsafeInputs(FlightMode.Offboard, false, true, hasPosition, true) { Armed = true }, Defaults).IsNone);
    }
}

public class ArmingChecksTests
{
    private static readonly FlightParameters Defaults = new();
    private static readonly VehicleHealth Healthy = new(true, true, 0.9, true, default);

    [Fact]
    public void First_failing_check_is_the_denial_in_PX4_order()
    {
        Quaternion level = Quaternion.Identity;
        Assert.Equal(ArmingDenial.EstimatorNotReady, ArmingChecks.Evaluate(Healthy with { EstimatorReady = false, HasGnssFix = false }, level, Defaults, FlightMode.Hold, true, true, 0));
        Assert.Equal(ArmingDenial.NoGnssFix, ArmingChecks.Evaluate(Healthy with { HasGnssFix = false, BatteryRemainingFraction = 0 }, level, Defaults, FlightMode.Hold, true, true, 0));
        Assert.Equal(ArmingDenial.BatteryLow, ArmingChecks.Evaluate(Healthy with { BatteryRemainingFraction = 0.1 }, level, Defaults, FlightMode.Hold, true, true, 0));
        Quaternion tilted = Quaternion.FromEuler(31 * Math.PI / 180, 0, 0); // limit 30°
        Assert.Equal(ArmingDenial.TiltTooLarge, ArmingChecks.Evaluate(Healthy, tilted, Defaults, FlightMode.Hold, true, true, 0));
        Assert.Equal(ArmingDenial.None, ArmingChecks.Evaluate(Healthy, Quaternion.FromEuler(29 * Math.PI / 180, 0, 0), Defaults, FlightMode.Hold, true, true, 0));
    }

    [Theory]
    [InlineData(FlightMode.Land, true, true, 1, ArmingDenial.ModeNotArmable)]
    [InlineData(FlightMode.ReturnToLaunch, true, true, 1, ArmingDenial.ModeNotArmable)]
    [InlineData(FlightMode.Position, false, true, 1, ArmingDenial.ModeNotArmable)]
    [InlineData(FlightMode.Position, true, false, 0, ArmingDenial.None)]
    [InlineData(FlightMode.Offboard, true, false, 1, ArmingDenial.ModeNotArmable)]
    [InlineData(FlightMode.Mission, true, true, 0, ArmingDenial.ModeNotArmable)]
    [InlineData(FlightMode.Mission, false, false, 3, ArmingDenial.None)]
    public void Mode_armability_follows_fresh_sticks_setpoints_and_mission(FlightMode mode, bool manualFresh, bool offboardFresh, int missionItems, ArmingDenial expected) =>
        Assert.Equal(expected, ArmingChecks.Evaluate(Healthy, Quaternion.Identity, Defaults, mode, manualFresh, offboardFresh, missionItems));

    [Fact]
    public void An_active_failsafe_condition_refuses_arming_after_the_battery_check() =>
        Assert.Equal(ArmingDenial.FailsafeActive, ArmingChecks.Evaluate(Healthy, Quaternion.Identity, Defaults, FlightMode.Hold, true, true, 0, FailsafeKind.PositionLost));

    [Fact]
    public void Battery_NaN_from_a_vehicle_without_a_monitor_is_not_a_denial() =>
        Assert.Equal(ArmingDenial.None, ArmingChecks.Evaluate(Healthy with { BatteryRemainingFraction = double.NaN }, Quaternion.Identity, Defaults, FlightMode.Hold, false, false, 0));
}
