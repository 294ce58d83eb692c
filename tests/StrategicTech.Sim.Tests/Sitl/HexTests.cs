using StrategicTech.Autopilot.Flight;
using StrategicTech.Navigation.Numerics;
using StrategicTech.Sim.Lockstep;
using StrategicTech.Sim.Physics;

namespace StrategicTech.Sim.Tests.Sitl;

public sealed class HexTests
{
    [Fact]
    public void HexTakesOffHoldsAndLandsWithTheSameStack()
    {
        var v = new SitlVehicle(AirframeLoader.LoadBuiltIn("hex_x"), SimulationEnvironment.Default, sensors: SitlFixtures.DriftFreeSensors);
        Assert.Equal(1, v.Parameters.GetInt32("MC_AIRFRAME"));
        Assert.True(v.StepUntil(x => x.ReadyToArm, 30_000_000));
        Vector3 homeTruth = v.Truth.PositionNedM;
        Assert.True(v.Arm());
        Assert.True(v.Navigator.Takeoff(5));
        Assert.True(v.StepUntil(x => x.Navigator.State == AutoState.Hold, 30_000_000));
        v.StepFor(10_000_000);
        Assert.InRange(v.Truth.HeightAboveGroundM, 4.96, 5.04); // measured 5.027 m; bound 5 ± 0.04 m (1.5× the 0.027 m offset)
        Assert.True(SitlFixtures.Horizontal(v.Truth.PositionNedM - homeTruth) < 0.08, // measured 0.054 m; bound 0.08 m
            $"drifted {SitlFixtures.Horizontal(v.Truth.PositionNedM - homeTruth):F2} m, estimate {SitlFixtures.Horizontal(v.Estimate.PositionNedM - v.Navigator.HomeNedM):F2} m, EKF error {v.EkfPositionErrorM:F2} m");
        Assert.True(v.Navigator.Land());
        Assert.True(v.StepUntil(x => x.Navigator.State == AutoState.Disarmed, 60_000_000), $"mode {v.Navigator.State}, land state {v.Navigator.LandState}, height {v.Truth.HeightAboveGroundM:F2} m, vz est {v.Estimate.VelocityNedMps.Z:F2}, thrust {v.Cascade.ThrustAttitudeSetpoint.CollectiveThrust:F2}");
        Assert.True(v.Truth.Landed && !v.Truth.Crashed, $"landed {v.Truth.Landed} crashed {v.Truth.Crashed}");
    }
}
