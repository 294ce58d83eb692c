using StrategicTech.Autopilot.Comms;
using StrategicTech.Autopilot.Flight;
using StrategicTech.Autopilot.Vehicles;
using StrategicTech.Drivers.Mavlink.Dialects.Common;
using StrategicTech.Navigation.Geodesy;
using StrategicTech.Sim.Faults;
using StrategicTech.Sim.Lockstep;
using StrategicTech.Sim.Physics;
using Xunit.Abstractions;

namespace StrategicTech.Sim.Tests.Safety;

/// <summary>The battery estimate (power-module voltage and current only) against the physics' truth, and the battery failsafes it drives, in SITL.</summary>
public sealed class BatteryFailsafeTests(ITestOutputHelper output)
{
    private static SitlVehicle HoverWith(Fault fault)
    {
        AirframeDefinition quad = AirframeLoader.LoadBuiltIn("quad_x");
        var environment = new SimulationEnvironment(GeodeticPosition.FromDegrees(47.397742, 8.545594, 488), 0.0, WindParameters.Calm, MagneticFieldParameters.Default, 1);
        var v = new SitlVehicle(quad, environment, 1, new FaultSchedule([fault]));
        Assert.True(v.StepUntil(x => x.ReadyToArm, 30_000_000));
        Assert.Equal(CommandOutcome.Accepted, v.Commands.Takeoff(10));
        return v;
    }

    [Fact]
    public void Estimate_from_voltage_and_current_tracks_truth_in_hover_and_after_a_90_percent_charge_loss()
    {
        SitlVehicle v = HoverWith(Fault.BatteryDrop(40_000_000, Fault.Permanent, 0.9, 0));
        double worstBeforeLoss = 0, worstAfterSettling = 0;
        while (v.Clock.TimeUs < 100_000_000 && v.Commands.Status.Mode != FlightMode.ReturnToLaunch)
        {
            v.StepFor(100_000);
            double error = Math.Abs(v.Vehicle.Battery.RemainingFraction - v.Truth.BatteryRemainingFraction);
            if (v.Clock.TimeUs < 40_000_000)
            {
                worstBeforeLoss = Math.Max(worstBeforeLoss, error);
            }
            else if (v.Clock.TimeUs >= 50_000_000)
            {
                worstAfterSettling = Math.Max(worstAfterSettling, error);
            }
        }

        output.WriteLine($"worst |estimate − truth| before the loss {worstBeforeLoss:F4}, from 10 s after it {worstAfterSettling:F4}; RTL at {v.Clock.TimeUs / 1e6:F1} s, truth {v.Truth.BatteryRemainingFraction:F3}");
        Assert.True(worstBeforeLoss < 0.0025, $"before the loss {worstBeforeLoss:F4}"); // measured 0.0017; bound 0.0025
        Assert.True(worstAfterSettling < 0.02, $"after the loss {worstAfterSettling:F4}"); // measured 0.0132; bound 0.02
        Assert.Equal(FlightMode.ReturnToLaunch, v.Commands.Status.Mode);
        Assert.Equal(FailsafeKind.BatteryCritical, v.Commands.Status.LastFailsafe);
        Assert.InRange(v.Truth.BatteryRemainingFraction, 0.06, 0.08); // BAT_CRIT_THR 0.07 called within a point of truth: measured 0.067
        Assert.True(double.IsFinite(v.Vehicle.Battery.RemainingTimeS) && v.Vehicle.Battery.RemainingTimeS > 0);
    }

    [Fact]
    public void At_zero_percent_the_quad_falls_is_disarmed_at_the_impact_and_reports_the_battery_emergency_in_SYS_STATUS()
    {
        SitlVehicle v = HoverWith(Fault.BatteryDrop(40_000_000, Fault.Permanent, 1.0, 0));
        var telemetrySource = new VehicleTelemetrySource(v.Vehicle);
        var telemetry = default(VehicleTelemetry);
        telemetrySource.Fill(v.Clock.TimeUs, ref telemetry);
        Assert.True((telemetry.SensorsHealthy & MavSysStatusSensor.Battery) != 0);
        v.StepFor(40_000_000 - v.Clock.TimeUs);
        Assert.Equal(0, v.Truth.BatteryRemainingFraction);

        // An empty pack cannot hold the quad up: it falls, and the impact detector stops the motors on the ground.
        Assert.True(v.StepUntil(x => !x.Commander.Armed, 15_000_000), "still armed: " + string.Join(" | ", Sitl.SitlFixtures.Texts(v)));
        double impactS = v.Clock.TimeUs / 1e6 - 40;
        Assert.Equal(FailsafeKind.HardImpact, v.Commands.Status.LastFailsafe);
        Assert.True(v.Truth.Landed);

        // The battery conditions are judged disarmed too: SYS_STATUS must stop calling the pack healthy.
        Assert.True(v.StepUntil(x => (x.Commands.Status.ActiveFailsafes & (1u << (int)FailsafeKind.BatteryEmergency)) != 0, 15_000_000), "no battery emergency");
        double detectedS = v.Clock.TimeUs / 1e6 - 40;
        output.WriteLine($"impact {impactS:F2} s and battery emergency {detectedS:F2} s after the pack emptied; estimate {v.Vehicle.Battery.RemainingFraction:F3}");
        Assert.True(detectedS < 8.3, $"{detectedS:F2} s"); // measured 5.56 s (filter, fast correction, 1 s debounce); bound 8.3 s
        telemetrySource.Fill(v.Clock.TimeUs, ref telemetry);
        Assert.Equal((MavSysStatusSensor)0, telemetry.SensorsHealthy & MavSysStatusSensor.Battery);
        Assert.True(telemetry.BatteryRemainingFraction < 0.05);
    }
}
