using StrategicTech.Autopilot.Flight;
using StrategicTech.TestSupport;

namespace StrategicTech.Autopilot.Tests.Flight;

/// <summary>The failsafe ladder: delays, hysteresis, latches, most-severe-wins, escalation, and its parameters.</summary>
public class FailsafeLadderTests
{
    private const long S = 1_000_000;
    private static readonly FlightParameters Defaults = new();

    private static FailsafeInputs Flying(long timeUs) =>
        new(FlightMode.Mission, false, false, true, true) { TimeUs = timeUs, Armed = true, BatteryRemainingFraction = 0.8 };

    [Fact]
    public void Severity_orders_None_Warn_Hold_Return_Land_Disarm_Terminate()
    {
        FailsafeAction[] ordered = [FailsafeAction.None, FailsafeAction.Warn, FailsafeAction.Hold, FailsafeAction.ReturnToLaunch, FailsafeAction.Land, FailsafeAction.Disarm, FailsafeAction.Terminate];
        for (int i = 1; i < ordered.Length; i++)
        {
            Assert.True(FailsafeActions.Severity(ordered[i]) > FailsafeActions.Severity(ordered[i - 1]));
        }
    }

    [Fact]
    public void Position_loss_acts_only_after_COM_POS_FS_DELAY_and_then_lands()
    {
        var m = new FailsafeMonitor();
        FlightParameters p = Defaults with { PositionLossDelayS = 2 };
        Assert.True(m.Evaluate(Flying(10 * S) with { PositionAidingLost = true }, p).IsNone);
        Assert.True(m.Evaluate(Flying((11 * S) + 980_000) with { PositionAidingLost = true }, p).IsNone);
        Assert.Equal(0u, m.ActiveConditions);
        FailsafeDecision d = m.Evaluate(Flying(12 * S) with { PositionAidingLost = true }, p);
        Assert.Equal(FailsafeKind.PositionLost, d.Kind);
        Assert.Equal(FailsafeAction.Land, d.Action);
        Assert.Equal(FlightMode.Land, d.Mode);
        Assert.Equal("Failsafe: position lost, land", d.Text);
    }

    [Fact]
    public void A_condition_clears_only_after_its_one_second_hysteresis()
    {
        var m = new FailsafeMonitor();
        FlightParameters p = Defaults with { DataLinkLossAction = FailsafeAction.Hold };
        Assert.False(m.Evaluate(Flying(1 * S) with { DataLinkLost = true }, p).IsNone);
        Assert.True(m.IsActive(FailsafeKind.DataLinkLost));
        Assert.True(m.Evaluate(Flying((1 * S) + 500_000), p).IsNone);
        Assert.True(m.IsActive(FailsafeKind.DataLinkLost)); // 0.5 s of link: still within the 1 s hysteresis
        m.Evaluate(Flying((2 * S) + 480_000), p);
        Assert.True(m.IsActive(FailsafeKind.DataLinkLost)); // 0.98 s of link
        m.Evaluate(Flying((2 * S) + 500_000), p);
        Assert.False(m.IsActive(FailsafeKind.DataLinkLost));
    }

    [Fact]
    public void Most_severe_active_action_wins_and_an_escalation_acts_again_but_a_lesser_one_does_not()
    {
        var m = new FailsafeMonitor();
        FlightParameters p = Defaults with { DataLinkLossAction = FailsafeAction.Hold };

        // Critical battery (return) and link loss (hold) together: return wins.
        m.Evaluate(Flying(0) with { BatteryRemainingFraction = 0.06, DataLinkLost = true }, p);
        FailsafeDecision d = m.Evaluate(Flying(1 * S) with { BatteryRemainingFraction = 0.06, DataLinkLost = true }, p);
        Assert.Equal(FailsafeKind.BatteryCritical, d.Kind);
        Assert.Equal(FlightMode.ReturnToLaunch, d.Mode);
        Assert.True(m.IsActive(FailsafeKind.BatteryLow) && m.IsActive(FailsafeKind.DataLinkLost));

        // Nothing more severe: no new decision while it holds.
        Assert.True(m.Evaluate(Flying(2 * S) with { BatteryRemainingFraction = 0.06, DataLinkLost = true }, p).IsNone);

        // Emergency: escalates to land after its 1 s debounce.
        Assert.True(m.Evaluate(Flying(3 * S) with { BatteryRemainingFraction = 0.04 }, p).IsNone);
        d = m.Evaluate(Flying(4 * S) with { BatteryRemainingFraction = 0.04 }, p);
        Assert.Equal(FailsafeKind.BatteryEmergency, d.Kind);
        Assert.Equal(FlightMode.Land, d.Mode);
        Assert.Equal(FailsafeAction.Land, m.ActiveAction);
    }

    [Fact]
    public void Battery_levels_latch_while_armed_even_when_the_estimate_recovers()
    {
        var m = new FailsafeMonitor();
        m.Evaluate(Flying(0) with { BatteryRemainingFraction = 0.1 }, Defaults);
        FailsafeDecision d = m.Evaluate(Flying(1 * S) with { BatteryRemainingFraction = 0.1 }, Defaults);
        Assert.Equal(FailsafeAction.Warn, d.Action);
        Assert.Equal(FlightMode.Mission, d.Mode); // a warning keeps the mode
        m.Evaluate(Flying(5 * S) with { BatteryRemainingFraction = 0.5 }, Defaults);
        Assert.True(m.IsActive(FailsafeKind.BatteryLow));
        m.Reset();
        Assert.Equal(0u, m.ActiveConditions);
    }

    [Theory]
    [InlineData(LowBatteryResponse.Warn, FailsafeAction.Warn, FailsafeAction.Warn)]
    [InlineData(LowBatteryResponse.Land, FailsafeAction.Land, FailsafeAction.Land)]
    [InlineData(LowBatteryResponse.ReturnThenLand, FailsafeAction.ReturnToLaunch, FailsafeAction.Land)]
    public void COM_LOW_BAT_ACT_sets_the_critical_and_emergency_actions(LowBatteryResponse response, FailsafeAction critical, FailsafeAction emergency)
    {
        FlightParameters p = Defaults with { LowBatteryAction = response };
        var m = new FailsafeMonitor();
        m.Evaluate(Flying(0) with { BatteryRemainingFraction = 0.06 }, p);
        m.Evaluate(Flying(1 * S) with { BatteryRemainingFraction = 0.06 }, p);
        Assert.Equal(critical, m.ActiveAction);
        m.Evaluate(Flying(2 * S) with { BatteryRemainingFraction = 0.0 }, p);
        m.Evaluate(Flying(3 * S) with { BatteryRemainingFraction = 0.0 }, p);
        Assert.Equal(FailsafeKind.BatteryEmergency, m.ActiveKind);
        Assert.Equal(emergency, m.ActiveAction);
    }

    [Fact]
    public void Battery_zero_percent_is_an_emergency_that_lands()
    {
        var m = new FailsafeMonitor();
        m.Evaluate(Flying(0) with { BatteryRemainingFraction = 0 }, Defaults);
        FailsafeDecision d = m.Evaluate(Flying(1 * S) with { BatteryRemainingFraction = 0 }, Defaults);
        Assert.Equal(FailsafeKind.BatteryEmergency, d.Kind);
        Assert.Equal(FlightMode.Land, d.Mode);
        Assert.Equal("Failsafe: battery emergency, land", d.Text);
    }

    [Fact]
    public void Geofence_breach_takes_GF_ACTION_and_return_without_home_becomes_land()
    {
        var m = new FailsafeMonitor();
        FailsafeDecision d = m.Evaluate(Flying(0) with { GeofenceBreached = true, HomeSet = false }, Defaults with { GeofenceAction = StrategicTech.Autopilot.Flight.Geofence.GeofenceAction.ReturnToLaunch });
        Assert.Equal(FailsafeKind.GeofenceBreached, d.Kind);
        Assert.Equal(FlightMode.Land, d.Mode);
        Assert.True(new FailsafeMonitor().Evaluate(Flying(0) with { GeofenceBreached = true }, Defaults with { GeofenceAction = StrategicTech.Autopilot.Flight.Geofence.GeofenceAction.None }).IsNone);
    }

    [Fact]
    public void Estimator_test_ratio_above_FS_EKF_THRESH_for_the_delay_lands()
    {
        var m = new FailsafeMonitor();
        Assert.True(m.Evaluate(Flying(0) with { EstimatorTestRatio = 2.9 }, Defaults).IsNone);
        Assert.True(m.Evaluate(Flying(5 * S) with { EstimatorTestRatio = 2.9 }, Defaults).IsNone); // below the default 3
        Assert.True(m.Evaluate(Flying(6 * S) with { EstimatorTestRatio = 8 }, Defaults).IsNone);
        Assert.Equal(FailsafeKind.EstimatorFailure, m.Evaluate(Flying(7 * S) with { EstimatorTestRatio = 8 }, Defaults).Kind);
    }

    [Fact]
    public void Flight_time_above_COM_FLT_TIME_MAX_returns_and_is_off_by_default()
    {
        Assert.True(new FailsafeMonitor().Evaluate(Flying(0) with { FlightTimeS = 1e5 }, Defaults).IsNone);
        FailsafeDecision d = new FailsafeMonitor().Evaluate(Flying(0) with { FlightTimeS = 601 }, Defaults with { MaxFlightTimeS = 600 });
        Assert.Equal(FailsafeKind.FlightTimeExceeded, d.Kind);
        Assert.Equal(FlightMode.ReturnToLaunch, d.Mode);
    }

    [Fact]
    public void Roll_beyond_FD_FAIL_R_for_FD_FAIL_R_TTRI_terminates_and_a_brief_one_does_not()
    {
        var m = new FailsafeMonitor();
        double roll = 70 * Math.PI / 180;
        Assert.True(m.Evaluate(Flying(0) with { RollRad = roll }, Defaults).IsNone);
        Assert.True(m.Evaluate(Flying(200_000) with { RollRad = 0 }, Defaults).IsNone); // 0.2 s < 0.3 s
        Assert.True(m.Evaluate(Flying(300_000) with { PitchRad = -roll }, Defaults).IsNone);
        FailsafeDecision d = m.Evaluate(Flying(600_000) with { PitchRad = -roll }, Defaults);
        Assert.Equal(FailsafeKind.Crash, d.Kind);
        Assert.Equal(FailsafeAction.Terminate, d.Action);
    }

    [Fact]
    public void Conditions_are_judged_disarmed_for_the_pre_arm_check_but_take_no_action()
    {
        var m = new FailsafeMonitor();
        FailsafeInputs ground = Flying(0) with { Armed = false, GeofenceBreached = true };
        Assert.True(m.Evaluate(ground, Defaults).IsNone);
        Assert.Equal(FailsafeKind.GeofenceBreached, m.ArmingBlocker);
        var offboard = new FailsafeMonitor();
        offboard.Evaluate(new FailsafeInputs(FlightMode.Offboard, false, false, true, true) { Armed = false }, Defaults);
        Assert.Equal(FailsafeKind.None, offboard.ArmingBlocker); // the mode check covers a missing stream
    }

    [Fact]
    public void Motor_failure_takes_COM_ACT_FAIL_ACT()
    {
        FailsafeDecision d = new FailsafeMonitor().Evaluate(Flying(0) with { MotorFailed = true }, Defaults);
        Assert.Equal(FailsafeKind.MotorFailure, d.Kind);
        Assert.Equal(FlightMode.Land, d.Mode);
    }

    [Fact]
    public void Evaluate_allocates_nothing_per_cycle()
    {
        var m = new FailsafeMonitor();
        FlightParameters p = Defaults with { DataLinkLossAction = FailsafeAction.ReturnToLaunch };
        long t = 0;
        m.Evaluate(Flying(t), p);
        Allocations.AssertZero(() =>
        {
            for (int i = 0; i < 1000; i++)
            {
                t += 20_000;
                m.Evaluate(Flying(t) with { BatteryRemainingFraction = 0.2 - (i * 0.0002), DataLinkLost = i > 500, EstimatorTestRatio = i % 7 }, p);
            }
        });
    }

    [Theory]
    [InlineData("NAV_DLL_ACT", 4)]
    [InlineData("GF_ACTION", 6)]
    [InlineData("COM_LOW_BAT_ACT", 1)]
    [InlineData("BAT_CRIT_THR", 0.2)] // above BAT_LOW_THR
    public void Invalid_failsafe_parameters_are_refused_by_the_store(string name, double value)
    {
        Autopilot.Parameters.ParameterStore store = FlightParameterDefinitions.CreateStore();
        Assert.NotEqual(Autopilot.Parameters.ParameterSetResult.Accepted, store.TrySet(name, value));
    }

    [Fact]
    public void Failsafe_parameters_bind_with_PX4_numbering()
    {
        Autopilot.Parameters.ParameterStore store = FlightParameterDefinitions.CreateStore();
        Assert.Equal(Autopilot.Parameters.ParameterSetResult.Accepted, store.TrySet("NAV_DLL_ACT", 6));
        Assert.Equal(Autopilot.Parameters.ParameterSetResult.Accepted, store.TrySet("GF_ACTION", 4));
        Assert.Equal(Autopilot.Parameters.ParameterSetResult.Accepted, store.TrySet("COM_ACT_FAIL_ACT", 3));
        FlightParameters p = FlightParameterDefinitions.Bind(store);
        Assert.Equal(FailsafeAction.Disarm, p.DataLinkLossAction);
        Assert.Equal(FailsafeAction.Terminate, FailsafeActions.FromGeofenceParameter((int)p.GeofenceAction));
        Assert.Equal(FailsafeAction.ReturnToLaunch, p.MotorFailureAction);
        Assert.Equal(LowBatteryResponse.ReturnThenLand, p.LowBatteryAction);
    }
}
