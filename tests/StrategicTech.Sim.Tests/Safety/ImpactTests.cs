using StrategicTech.Autopilot.Flight;
using StrategicTech.Sim.Faults;
using StrategicTech.Sim.Lockstep;
using StrategicTech.Sim.Physics;
using StrategicTech.Sim.Tests.Sitl;
using Xunit.Abstractions;

namespace StrategicTech.Sim.Tests.Safety;

/// <summary>Hard touchdowns and ground strikes are detected (accelerometer shock at speed) and disarm the vehicle; a normal landing is not one.</summary>
public sealed class ImpactTests(ITestOutputHelper output)
{
    private static SitlVehicle Hovering(double heightM, FaultSchedule faults)
    {
        var v = new SitlVehicle(SitlFixtures.Quad, SimulationEnvironment.Default, 1, faults);
        Assert.True(v.StepUntil(x => x.ReadyToArm, 30_000_000));
        Assert.Equal(CommandOutcome.Accepted, v.Commands.Takeoff(heightM));
        Assert.True(v.StepUntil(x => x.Navigator.State == AutoState.Hold, 40_000_000), "takeoff did not finish");
        v.StepFor(5_000_000);
        return v;
    }

    [Fact]
    public void Quad_dropping_4_m_with_every_motor_cut_is_detected_at_the_impact_and_disarmed()
    {
        var faults = new FaultSchedule([]);
        SitlVehicle v = Hovering(4, faults);
        long cutUs = v.Clock.TimeUs;
        for (int i = 0; i < 4; i++)
        {
            faults.Inject(Fault.MotorFailure(cutUs, Fault.Permanent, i, 0));
        }

        double impactSpeedTruth = 0;
        long touchdownUs = -1;
        while (v.Clock.TimeUs < cutUs + 5_000_000 && v.Commander.Armed)
        {
            double speed = v.Truth.VelocityNedMps.Length;
            v.Step();
            if (touchdownUs < 0 && v.Truth.HeightAboveGroundM <= 0)
            {
                touchdownUs = v.Clock.TimeUs;
                impactSpeedTruth = speed;
            }
        }

        double delayS = (v.Vehicle.Impacts.DetectedAtUs - touchdownUs) / 1e6;
        output.WriteLine($"truth impact {impactSpeedTruth:F2} m/s; detected {delayS * 1000:F0} ms after touchdown, speed {v.Vehicle.Impacts.ImpactSpeedMps:F2} m/s, peak {v.Vehicle.Impacts.PeakSpecificForceMps2:F0} m/s²; armed {v.Commander.Armed}");
        Assert.True(touchdownUs > 0);
        Assert.True(v.Vehicle.Impacts.Detected);
        Assert.False(v.Commander.Armed);
        Assert.Equal(FailsafeKind.HardImpact, v.Commands.Status.LastFailsafe);
        Assert.Contains("Failsafe: hard impact, disarm", SitlFixtures.Texts(v));
        Assert.InRange(delayS, 0, 0.0015); // measured 0.001 s (the touchdown sample itself); bound 0.0015 s
    }

    [Fact]
    public void Normal_landing_jolts_the_accelerometer_but_is_no_hard_impact()
    {
        SitlVehicle v = Hovering(5, new FaultSchedule([]));
        Assert.Equal(CommandOutcome.Accepted, v.Commands.Land());
        Assert.True(v.StepUntil(x => !x.Commander.Armed, 60_000_000), "did not land and disarm");
        output.WriteLine($"peak shock {v.Vehicle.Impacts.PeakSpecificForceMps2:F0} m/s²; detected {v.Vehicle.Impacts.Detected}");
        Assert.False(v.Vehicle.Impacts.Detected);
        Assert.NotEqual(FailsafeKind.HardImpact, v.Commands.Status.LastFailsafe);
        Assert.True(v.Truth.Landed && !v.Truth.Crashed);
    }
}
